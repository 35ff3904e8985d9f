package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	webpush "github.com/SherClockHolmes/webpush-go"
)

// VAPID is the application server's key pair (RFC 8292) and contact.
type VAPID struct {
	PublicKey  string
	PrivateKey string
	// Subject is a mailto: or https: URL where push services reach us.
	Subject string
}

// payload is what the service worker receives: no personal content, only
// what to show and which screen to open; the app fetches the details.
type payload struct {
	Type  Type   `json:"type"`
	ID    string `json:"id"`
	Title string `json:"title"`
	Body  string `json:"body"`
	URL   string `json:"url"`
}

func payloadFor(d delivery) ([]byte, error) {
	k := kinds[d.Type]
	return json.Marshal(payload{Type: d.Type, ID: d.NotifID, Title: "Noaber", Body: d.Type.Text(d.Language),
		URL: fmt.Sprintf(k.path, d.SubjectID)})
}

// outcome is what to do with a row after one attempt.
type outcome int

const (
	delivered outcome = iota
	retryLater
	retryAfterHeader
	subscriptionGone
	rejected
)

// classify maps a push service's answer to what we do next: 404/410 mean
// the subscription is gone, and 401/403 that it belongs to another VAPID key
// (gone for us too); 429 waits for Retry-After; 5xx and transport errors
// back off; any other 4xx (400, 413…) will never work, so no retry.
func classify(status int, err error) outcome {
	switch {
	case err != nil:
		return retryLater
	case status >= 200 && status < 300:
		return delivered
	case status == http.StatusNotFound, status == http.StatusGone,
		status == http.StatusUnauthorized, status == http.StatusForbidden:
		return subscriptionGone
	case status == http.StatusTooManyRequests:
		return retryAfterHeader
	case status >= 500:
		return retryLater
	}
	return rejected
}

// backoff is exponential with full jitter: 5 s, 10 s, 20 s… capped at 15
// minutes, so that retries of many rows do not arrive in step.
func backoff(attempt int) time.Duration {
	ceiling := 5 * time.Second << min(attempt-1, 8)
	ceiling = min(ceiling, 15*time.Minute)
	return ceiling/2 + rand.N(ceiling/2+1)
}

// retryAfter reads Retry-After (seconds or an HTTP date), 60 s when absent.
func retryAfter(h map[string][]string, now time.Time) time.Duration {
	v := http.Header(h).Get("Retry-After")
	if secs, err := strconv.Atoi(v); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return time.Minute
}

// send pushes one delivery and reports the status (0 on transport error)
// and the response headers.
func send(ctx context.Context, client *http.Client, v VAPID, d delivery, now time.Time) (int, map[string][]string, error) {
	body, err := payloadFor(d)
	if err != nil {
		return 0, nil, err
	}
	k := kinds[d.Type]
	ttl := max(int(d.ExpiresAt.Sub(now).Seconds()), 0)
	// webpush-go adds "mailto:" itself unless the subject is an https URL.
	opts := &webpush.Options{HTTPClient: client, Subscriber: strings.TrimPrefix(v.Subject, "mailto:"), VAPIDPublicKey: v.PublicKey,
		VAPIDPrivateKey: v.PrivateKey, TTL: ttl, Urgency: k.urgency}
	if k.topic {
		opts.Topic = string(d.Type)
	}
	sub := &webpush.Subscription{Endpoint: d.Endpoint, Keys: webpush.Keys{P256dh: d.P256dh, Auth: d.Auth}}
	resp, err := webpush.SendNotificationWithContext(ctx, body, sub, opts)
	if err != nil {
		return 0, nil, err
	}
	// Always drain and close: webpush-go leaves the body to us.
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close() // drained above; nothing to lose
	return resp.StatusCode, resp.Header, nil
}

// newPushClient times out and never follows redirects: a push service that
// redirects is not one we trust with the request. It keeps a connection per
// worker open to each push service: a new TLS handshake per push would cost
// more than the push itself.
func newPushClient(timeout time.Duration, base http.RoundTripper, workers int) *http.Client {
	transport, ok := base.(*http.Transport)
	if !ok || transport == nil {
		transport = http.DefaultTransport.(*http.Transport)
	}
	transport = transport.Clone()
	transport.MaxIdleConnsPerHost = workers
	transport.ForceAttemptHTTP2 = true
	return &http.Client{
		Transport: transport,
		Timeout:   timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return errors.New("push services must not redirect")
		},
	}
}

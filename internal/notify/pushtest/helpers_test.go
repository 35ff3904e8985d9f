package pushtest

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	webpush "github.com/SherClockHolmes/webpush-go"
)

// recordingTB stands in for the test in negative cases: the Server's errors
// are recorded instead of failing the test.
type recordingTB struct {
	testing.TB
	mu     sync.Mutex
	errors []string
}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

// Fatalf records and stops the goroutine, as testing.T does.
func (r *recordingTB) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	runtime.Goexit()
}

func (r *recordingTB) recorded() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(r.errors, "\n")
}

// vapidKeys is an application server key pair as webpush-go encodes it.
type vapidKeys struct{ private, public string }

func newVAPIDKeys(t testing.TB) vapidKeys {
	t.Helper()
	private, public, err := webpush.GenerateVAPIDKeys()
	if err != nil {
		t.Fatal(err)
	}
	return vapidKeys{private: private, public: public}
}

// options are the sender's settings; webpush-go v1.4.0 prefixes Subscriber
// with "mailto:" itself unless it starts with "https:".
func options(client webpush.HTTPClient, keys vapidKeys) *webpush.Options {
	return &webpush.Options{
		HTTPClient:      client,
		Subscriber:      "test@example.nl",
		TTL:             60,
		Urgency:         webpush.UrgencyHigh,
		Topic:           "msg",
		VAPIDPublicKey:  keys.public,
		VAPIDPrivateKey: keys.private,
	}
}

// send pushes payload with webpush-go and returns the response, body closed.
func send(t testing.TB, sub Subscription, payload []byte, opts *webpush.Options) *http.Response {
	t.Helper()
	resp, err := webpush.SendNotificationWithContext(context.Background(), payload, toWebpush(sub), opts)
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	return resp
}

// toWebpush is sub as the application server stores it.
func toWebpush(sub Subscription) *webpush.Subscription {
	return &webpush.Subscription{Endpoint: sub.Endpoint, Keys: webpush.Keys{P256dh: sub.P256dh, Auth: sub.Auth}}
}

// rewritingClient changes each request before sending it, to break one rule.
type rewritingClient struct {
	base    *http.Client
	rewrite func(*http.Request)
}

func (c rewritingClient) Do(req *http.Request) (*http.Response, error) {
	c.rewrite(req)
	return c.base.Do(req)
}

// setBody replaces a request's body.
func setBody(req *http.Request, body []byte) {
	req.Body = io.NopCloser(bytes.NewReader(body))
	req.ContentLength = int64(len(body))
}

// readBody drains a request's body.
func readBody(req *http.Request) []byte {
	body, _ := io.ReadAll(req.Body)
	_ = req.Body.Close()
	return body
}

// signer makes VAPID headers by hand, to send JWTs webpush-go never would.
type signer struct{ key *ecdsa.PrivateKey }

func newSigner(t testing.TB) signer {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return signer{key: key}
}

// publicKey is k: base64url of the uncompressed point.
func (s signer) publicKey() string {
	raw, _ := s.key.PublicKey.Bytes()
	return base64.RawURLEncoding.EncodeToString(raw)
}

// sign returns an ES256 compact JWS of claims under the given JOSE alg.
func (s signer) sign(t testing.TB, alg string, claims map[string]any) string {
	t.Helper()
	head, _ := json.Marshal(map[string]string{"typ": "JWT", "alg": alg})
	body, _ := json.Marshal(claims)
	input := b64(head) + "." + b64(body)
	digest := sha256.Sum256([]byte(input))
	r, sv, err := ecdsa.Sign(rand.Reader, s.key, digest[:])
	if err != nil {
		t.Fatal(err)
	}
	sig := make([]byte, 64)
	r.FillBytes(sig[:32])
	sv.FillBytes(sig[32:])
	return input + "." + b64(sig)
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// validClaims are claims a push service accepts for s.
func validClaims(s *Server) map[string]any {
	return map[string]any{
		"aud": s.Origin(),
		"exp": time.Now().Add(time.Hour).Unix(),
		"sub": "mailto:test@example.nl",
	}
}

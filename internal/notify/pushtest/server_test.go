package pushtest

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	webpush "github.com/SherClockHolmes/webpush-go"
)

func TestDeliversWhatWebpushGoSends(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		payload []byte
	}{
		{"empty", nil},
		{"json", []byte(`{"title":"Nieuw signaal","url":"/signalen/42"}`)},
		{"largest webpush-go fits in 4096", bytes.Repeat([]byte("x"), 3993)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := NewServer(t)
			keys := newVAPIDKeys(t)
			s.VAPIDPublicKey(keys.public)
			sub := s.NewSubscription(t)

			resp := send(t, sub, tt.payload, options(s.Client(), keys))

			if resp.StatusCode != http.StatusCreated || resp.Header.Get("Location") == "" {
				t.Fatalf("status %d, Location %q; want 201 with a Location", resp.StatusCode, resp.Header.Get("Location"))
			}
			msg := s.Wait(t, sub, 1, time.Second)[0]
			if !bytes.Equal(msg.Plaintext, tt.payload) {
				t.Errorf("plaintext %q, want %q", msg.Plaintext, tt.payload)
			}
			assertMetadata(t, s, msg)
			if n := s.Requests(sub); n != 1 {
				t.Errorf("Requests = %d, want 1", n)
			}
		})
	}
}

// assertMetadata checks what options() sends besides the payload.
func assertMetadata(t *testing.T, s *Server, msg Message) {
	t.Helper()
	if msg.TTL != 60 || msg.Urgency != "high" || msg.Topic != "msg" {
		t.Errorf("TTL %d, Urgency %q, Topic %q; want 60, high, msg", msg.TTL, msg.Urgency, msg.Topic)
	}
	if msg.JWTClaims["aud"] != s.Origin() || msg.JWTClaims["sub"] != "mailto:test@example.nl" {
		t.Errorf("claims %v, want aud %s and sub mailto:test@example.nl", msg.JWTClaims, s.Origin())
	}
	exp := time.Unix(int64(msg.JWTClaims["exp"].(float64)), 0)
	if d := time.Until(exp); d < 11*time.Hour || d > 12*time.Hour {
		t.Errorf("exp in %v, want webpush-go's 12h", d)
	}
	if time.Since(msg.ReceivedAt) > time.Minute {
		t.Errorf("ReceivedAt %v", msg.ReceivedAt)
	}
}

func TestAcceptsAnyValidKeyUntilVAPIDKeyIsSet(t *testing.T) {
	t.Parallel()
	s := NewServer(t)
	sub := s.NewSubscription(t)
	for range 2 {
		if resp := send(t, sub, []byte("hoi"), options(s.Client(), newVAPIDKeys(t))); resp.StatusCode != http.StatusCreated {
			t.Fatalf("status %d, want 201", resp.StatusCode)
		}
	}
	if got := len(s.Messages(sub)); got != 2 {
		t.Errorf("%d messages, want 2", got)
	}
}

func TestScriptedAnswersThenDelivers(t *testing.T) {
	t.Parallel()
	s := NewServer(t)
	keys := newVAPIDKeys(t)
	sub := s.NewSubscription(t)
	s.Respond(sub, Status(http.StatusGone))
	s.Respond(sub, Status(http.StatusTooManyRequests).RetryAfter(1500*time.Millisecond), Status(http.StatusInternalServerError))

	want := []struct {
		status     int
		retryAfter string
	}{{410, ""}, {429, "2"}, {500, ""}, {201, ""}}
	for i, w := range want {
		resp := send(t, sub, []byte("hoi"), options(s.Client(), keys))
		if resp.StatusCode != w.status || resp.Header.Get("Retry-After") != w.retryAfter {
			t.Errorf("request %d: status %d, Retry-After %q; want %d, %q",
				i+1, resp.StatusCode, resp.Header.Get("Retry-After"), w.status, w.retryAfter)
		}
	}
	if n, msgs := s.Requests(sub), s.Messages(sub); n != 4 || len(msgs) != 1 {
		t.Errorf("%d requests, %d messages; want 4 and 1", n, len(msgs))
	}
}

func TestHangEndsWhenSenderGivesUp(t *testing.T) {
	t.Parallel()
	s := NewServer(t)
	keys := newVAPIDKeys(t)
	sub := s.NewSubscription(t)
	bounded := withTimeout(s.Client(), 10*time.Second)   // a broken Hang fails, not blocks
	send(t, sub, []byte("warm"), options(bounded, keys)) // pools a connection: no handshake below
	s.Respond(sub, Hang(), Hang())

	_, err := webpush.SendNotificationWithContext(context.Background(), []byte("hoi"), toWebpush(sub),
		options(withTimeout(s.Client(), 300*time.Millisecond), keys))
	if ne, ok := errors.AsType[net.Error](err); !ok || !ne.Timeout() {
		t.Errorf("client timeout: err %v, want a timeout", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	go cancelOnRequest(ctx, cancel, s, sub, 3)
	_, err = webpush.SendNotificationWithContext(ctx, []byte("hoi"), toWebpush(sub), options(bounded, keys))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: err %v, want context.Canceled", err)
	}

	if resp := send(t, sub, []byte("hoi"), options(bounded, keys)); resp.StatusCode != http.StatusCreated {
		t.Errorf("after the hangs: status %d, want 201", resp.StatusCode)
	}
	if n, msgs := s.Requests(sub), s.Messages(sub); n != 4 || len(msgs) != 2 {
		t.Errorf("%d requests, %d messages; want 4 and 2", n, len(msgs))
	}
}

// withTimeout copies client with a timeout.
func withTimeout(client *http.Client, d time.Duration) *http.Client {
	c := *client
	c.Timeout = d
	return &c
}

// cancelOnRequest cancels once sub's endpoint has received n requests, so
// the sender gives up while the Server holds its request.
func cancelOnRequest(ctx context.Context, cancel func(), s *Server, sub Subscription, n int) {
	defer cancel()
	for s.Requests(sub) < n && ctx.Err() == nil {
		time.Sleep(time.Millisecond)
	}
}

func TestResetForgetsMessagesCountsAndScript(t *testing.T) {
	t.Parallel()
	s := NewServer(t)
	keys := newVAPIDKeys(t)
	s.VAPIDPublicKey(keys.public)
	sub := s.NewSubscription(t)
	send(t, sub, []byte("hoi"), options(s.Client(), keys))
	s.Respond(sub, Status(http.StatusGone))

	s.Reset()

	if n, msgs := s.Requests(sub), s.Messages(sub); n != 0 || len(msgs) != 0 {
		t.Errorf("after Reset: %d requests, %d messages", n, len(msgs))
	}
	if resp := send(t, sub, []byte("hoi"), options(s.Client(), keys)); resp.StatusCode != http.StatusCreated {
		t.Errorf("after Reset: status %d, want 201 (script cleared, key and subscription kept)", resp.StatusCode)
	}
}

func TestWaitForConcurrentSenders(t *testing.T) {
	t.Parallel()
	s := NewServer(t)
	keys := newVAPIDKeys(t)
	sub := s.NewSubscription(t)
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() { send(t, sub, []byte("hoi"), options(s.Client(), keys)) })
	}
	if got := len(s.Wait(t, sub, 50, 10*time.Second)); got != 50 {
		t.Errorf("%d messages, want 50", got)
	}
	wg.Wait()
}

func TestWaitFailsAfterTimeout(t *testing.T) {
	t.Parallel()
	s := NewServer(t)
	sub := s.NewSubscription(t)
	rec := &recordingTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.Wait(rec, sub, 1, 50*time.Millisecond)
	}()
	<-done
	if got := rec.recorded(); !strings.Contains(got, "0 of 1 messages") {
		t.Errorf("recorded %q, want a timeout report", got)
	}
}

func TestUnknownEndpointIsReported(t *testing.T) {
	t.Parallel()
	rec := &recordingTB{TB: t}
	s := NewServer(rec)
	sub := s.NewSubscription(t)
	sub.Endpoint += "0"
	resp := send(t, sub, []byte("hoi"), options(s.Client(), newVAPIDKeys(t)))
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(rec.recorded(), "unknown subscription") {
		t.Errorf("status %d, recorded %q; want 404 and a report", resp.StatusCode, rec.recorded())
	}
}

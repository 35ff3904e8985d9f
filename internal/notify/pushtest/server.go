// Package pushtest is a fake Web Push service for tests. It issues
// subscriptions on an httptest TLS server, checks every request the way a
// strict push service would (RFC 8030 headers, RFC 8292 VAPID, RFC 8291
// encryption), decrypts what arrives and can script failures (410, 429, 500,
// a hanging endpoint) per subscription.
//
// A request that breaks a rule is answered with 4xx like a real push service
// and also reported with Errorf on the testing.TB given to NewServer, so a
// wrong sender fails the test that uses it.
package pushtest

import (
	"crypto/ecdh"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"
)

// Server is a fake push service on an httptest TLS server.
type Server struct {
	tb     testing.TB
	ts     *httptest.Server
	origin string        // scheme://host:port, the "aud" every JWT must carry
	stop   chan struct{} // closed on cleanup so hanging handlers return

	mu       sync.Mutex
	now      func() time.Time
	vapidKey []byte                   // nil: accept any k, still verify against it
	subs     map[string]*subscription // by endpoint path
	verified map[string]map[string]any
	changed  chan struct{} // closed and replaced on every delivered message
	next     int
}

// subscription is the push service's side of a Subscription.
type subscription struct {
	key      *ecdh.PrivateKey
	auth     []byte
	requests int
	script   []Behaviour
	messages []Message
}

// Subscription is what a browser hands to the application server.
type Subscription struct {
	Endpoint string // https URL on the Server, unique per subscription
	P256dh   string // user agent public key, base64url without padding
	Auth     string // authentication secret, base64url without padding
}

// Message is one push message the Server accepted, decrypted.
type Message struct {
	Plaintext  []byte
	TTL        int
	Urgency    string         // empty when the header was absent
	Topic      string         // empty when the header was absent
	JWTClaims  map[string]any // as JSON decodes them: "exp" is a float64
	ReceivedAt time.Time      // by the Server's clock (see SetClock)
}

// NewServer starts a fake push service that is closed on t.Cleanup.
func NewServer(t testing.TB) *Server {
	t.Helper()
	s := &Server{
		tb:       t,
		stop:     make(chan struct{}),
		now:      time.Now,
		subs:     map[string]*subscription{},
		verified: map[string]map[string]any{},
		changed:  make(chan struct{}),
	}
	s.ts = httptest.NewUnstartedServer(http.HandlerFunc(s.serveHTTP))
	// Handshakes cut off by Close are noise; a sender that distrusts the
	// certificate gets its own error.
	s.ts.Config.ErrorLog = log.New(io.Discard, "", 0)
	s.ts.StartTLS()
	s.origin = s.ts.URL
	// Keep connections of concurrent senders alive instead of redoing the
	// TLS handshake for all but two of them (the net/http default).
	s.ts.Client().Transport.(*http.Transport).MaxIdleConnsPerHost = 64
	t.Cleanup(func() {
		close(s.stop)
		s.ts.Close()
	})
	return s
}

// Client returns an http.Client that trusts the Server's certificate.
func (s *Server) Client() *http.Client { return s.ts.Client() }

// Certificate returns the Server's TLS certificate, for senders that build
// their own http.Client.
func (s *Server) Certificate() *x509.Certificate { return s.ts.Certificate() }

// Origin returns the Server's origin (scheme://host:port), the JWT audience.
func (s *Server) Origin() string { return s.origin }

// SetClock replaces time.Now for the checks of the JWT "exp" claim and for
// Message.ReceivedAt, so tests that move time can move it here too.
func (s *Server) SetClock(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.now = now
}

// VAPIDPublicKey sets the application server's public key (base64url of the
// uncompressed P-256 point) that every request's k must equal. Until it is
// set, any valid key in the Authorization header is accepted.
func (s *Server) VAPIDPublicKey(key string) {
	raw, err := decodeBase64URL(key)
	if err != nil || len(raw) != 65 {
		s.tb.Fatalf("pushtest: VAPID public key %q: want base64url of a 65-byte point", key)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.vapidKey = raw
}

// NewSubscription creates a subscription with fresh keys, as a browser would.
func (s *Server) NewSubscription(t testing.TB) Subscription {
	t.Helper()
	key, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		t.Fatalf("pushtest: generate subscription key: %v", err)
	}
	auth := make([]byte, 16)
	_, _ = rand.Read(auth) // crypto/rand.Read never fails
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next++
	path := fmt.Sprintf("/push/%d", s.next)
	s.subs[path] = &subscription{key: key, auth: auth}
	return Subscription{
		Endpoint: s.origin + path,
		P256dh:   base64.RawURLEncoding.EncodeToString(key.PublicKey().Bytes()),
		Auth:     base64.RawURLEncoding.EncodeToString(auth),
	}
}

// Respond queues scripted answers for sub's next valid requests, in order;
// once the queue is empty the Server accepts messages with 201 again.
func (s *Server) Respond(sub Subscription, behaviours ...Behaviour) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st := s.lookupLocked(sub.Endpoint); st != nil {
		st.script = append(st.script, behaviours...)
	}
}

// Messages returns the messages delivered to sub, in arrival order.
func (s *Server) Messages(sub Subscription) []Message {
	msgs, _ := s.snapshot(sub)
	return msgs
}

// Requests returns how many HTTP requests reached sub's endpoint, including
// rejected and scripted ones.
func (s *Server) Requests(sub Subscription) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st := s.lookupLocked(sub.Endpoint); st != nil {
		return st.requests
	}
	return 0
}

// Wait returns all of sub's messages once there are at least n, or fails t
// after timeout.
func (s *Server) Wait(t testing.TB, sub Subscription, n int, timeout time.Duration) []Message {
	t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		msgs, changed := s.snapshot(sub)
		if len(msgs) >= n {
			return msgs
		}
		select {
		case <-changed:
		case <-deadline.C:
			t.Fatalf("pushtest: %s: %d of %d messages after %v", sub.Endpoint, len(msgs), n, timeout)
			return nil
		}
	}
}

// Reset forgets messages, request counts, scripted answers and verified JWTs;
// subscriptions, the VAPID key and the clock stay.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, st := range s.subs {
		st.requests, st.script, st.messages = 0, nil, nil
	}
	s.verified = map[string]map[string]any{}
}

// snapshot copies sub's messages and returns the channel that closes on the
// next delivery.
func (s *Server) snapshot(sub Subscription) ([]Message, <-chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.lookupLocked(sub.Endpoint)
	if st == nil {
		return nil, s.changed
	}
	return append([]Message(nil), st.messages...), s.changed
}

// lookupLocked finds the subscription behind an endpoint URL; it reports
// endpoints this Server never issued as test errors.
func (s *Server) lookupLocked(endpoint string) *subscription {
	u, err := url.Parse(endpoint)
	if err == nil && u.Scheme+"://"+u.Host == s.origin {
		if st := s.subs[u.Path]; st != nil {
			return st
		}
	}
	s.tb.Errorf("pushtest: unknown subscription endpoint %q", endpoint)
	return nil
}

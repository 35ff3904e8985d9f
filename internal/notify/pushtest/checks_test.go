package pushtest

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// checkCase breaks one rule of a request webpush-go sent correctly.
type checkCase struct {
	name       string
	rewrite    func(*http.Request)
	wantStatus int
	wantReport string // "" means the request must be accepted
}

// runCheckCases sends a valid message per case through its rewrite and
// asserts the Server's answer and report.
func runCheckCases(t *testing.T, keys vapidKeys, setup func(*Server), cases []checkCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := &recordingTB{TB: t}
			s := NewServer(rec)
			s.VAPIDPublicKey(keys.public)
			setup(s)
			sub := s.NewSubscription(t)
			client := rewritingClient{base: s.Client(), rewrite: tt.rewrite}

			resp := send(t, sub, []byte("hoi"), options(client, keys))

			report := rec.recorded()
			if resp.StatusCode != tt.wantStatus || !strings.Contains(report, tt.wantReport) ||
				(tt.wantReport == "") != (report == "") {
				t.Errorf("status %d, report %q; want %d and a report containing %q",
					resp.StatusCode, report, tt.wantStatus, tt.wantReport)
			}
			if wantMsgs := btoi(tt.wantStatus == http.StatusCreated); len(s.Messages(sub)) != wantMsgs || s.Requests(sub) != 1 {
				t.Errorf("%d messages, %d requests; want %d and 1", len(s.Messages(sub)), s.Requests(sub), wantMsgs)
			}
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestChecksVAPID(t *testing.T) {
	t.Parallel()
	app, other := newSigner(t), newSigner(t)
	keys := vapidKeys{public: app.publicKey(), private: newVAPIDKeys(t).private}
	var s *Server // set by setup before any request
	auth := func(sig signer, k string, alg string, change func(map[string]any)) func(*http.Request) {
		return func(req *http.Request) {
			claims := validClaims(s)
			change(claims)
			req.Header.Set("Authorization", "vapid t="+sig.sign(t, alg, claims)+", k="+k)
		}
	}
	keep := func(map[string]any) {}
	set := func(name string, v any) func(map[string]any) {
		return func(c map[string]any) { c[name] = v }
	}
	hours := func(h float64) int64 { return time.Now().Add(time.Duration(h * float64(time.Hour))).Unix() }
	runCheckCases(t, keys, func(srv *Server) { s = srv }, []checkCase{
		{"hand-made valid JWT", auth(app, app.publicKey(), "ES256", keep), 201, ""},
		{"https subject", auth(app, app.publicKey(), "ES256", set("sub", "https://noaber.nl/contact")), 201, ""},
		{"wrong aud", auth(app, app.publicKey(), "ES256", set("aud", "https://fcm.googleapis.com")), 401, "aud"},
		{"aud with path", auth(app, app.publicKey(), "ES256", func(c map[string]any) { c["aud"] = s.Origin() + "/push/1" }), 401, "aud"},
		{"expired", auth(app, app.publicKey(), "ES256", set("exp", hours(-0.1))), 401, "has passed"},
		{"exp beyond 24h", auth(app, app.publicKey(), "ES256", set("exp", hours(24.5))), 401, "more than 24h"},
		{"exp missing", auth(app, app.publicKey(), "ES256", func(c map[string]any) { delete(c, "exp") }), 401, "exp"},
		{"sub missing", auth(app, app.publicKey(), "ES256", func(c map[string]any) { delete(c, "sub") }), 401, "sub"},
		{"sub without scheme", auth(app, app.publicKey(), "ES256", set("sub", "test@example.nl")), 401, "sub"},
		{"sub mailto twice", auth(app, app.publicKey(), "ES256", set("sub", "mailto:mailto:test@example.nl")), 401, "sub"},
		{"signed by another key", auth(other, app.publicKey(), "ES256", keep), 401, "does not verify"},
		{"not the application server key", auth(other, other.publicKey(), "ES256", keep), 403, "not the application server key"},
		{"alg not ES256", auth(app, app.publicKey(), "ES384", keep), 401, "ES256"},
		{"k padded", auth(app, app.publicKey()+"=", "ES256", keep), 401, "base64url"},
		{"no Authorization", func(r *http.Request) { r.Header.Del("Authorization") }, 401, "Authorization"},
		{"WebPush scheme", func(r *http.Request) { r.Header.Set("Authorization", "WebPush abc") }, 401, "Authorization"},
	})
}

func TestChecksHeadersAndBody(t *testing.T) {
	t.Parallel()
	keys := newVAPIDKeys(t)
	header := func(name, value string) func(*http.Request) {
		return func(r *http.Request) { r.Header.Set(name, value) }
	}
	runCheckCases(t, keys, func(*Server) {}, []checkCase{
		{"as sent", func(*http.Request) {}, 201, ""},
		{"TTL 0", header("TTL", "0"), 201, ""},
		{"no Urgency or Topic", func(r *http.Request) { r.Header.Del("Urgency"); r.Header.Del("Topic") }, 201, ""},
		{"Topic of 32", header("Topic", strings.Repeat("a", 32)), 201, ""},
		{"GET", func(r *http.Request) { r.Method = http.MethodGet }, 405, "POST"},
		{"aesgcm", header("Content-Encoding", "aesgcm"), 415, "aes128gcm"},
		{"no TTL", func(r *http.Request) { r.Header.Del("TTL") }, 400, "TTL"},
		{"negative TTL", header("TTL", "-1"), 400, "TTL"},
		{"TTL not a number", header("TTL", "1h"), 400, "TTL"},
		{"Urgency urgent", header("Urgency", "urgent"), 400, "Urgency"},
		{"Topic of 33", header("Topic", strings.Repeat("a", 33)), 400, "Topic"},
		{"Topic with space", header("Topic", "new msg"), 400, "Topic"},
		{"tampered body", flipLastByte, 400, "authentication failed"},
		{"truncated body", func(r *http.Request) { setBody(r, readBody(r)[:40]) }, 400, "decrypt"},
		{"over 4096 bytes", func(r *http.Request) { setBody(r, append(readBody(r), 0)) }, 413, "4096"},
		{"wrong idlen", func(r *http.Request) { b := readBody(r); b[20] = 64; setBody(r, b) }, 400, "idlen"},
	})
}

// flipLastByte changes the GCM tag, as a corrupting proxy would.
func flipLastByte(r *http.Request) {
	b := readBody(r)
	b[len(b)-1] ^= 1
	setBody(r, b)
}

func TestVerifiesEachJWTOnceButChecksExpiryEveryTime(t *testing.T) {
	t.Parallel()
	rec := &recordingTB{TB: t}
	s := NewServer(rec)
	app := newSigner(t)
	now := time.Now()
	s.SetClock(func() time.Time { return now })
	header := "vapid t=" + app.sign(t, "ES256", validClaims(s)) + ", k=" + app.publicKey()
	client := rewritingClient{base: s.Client(), rewrite: func(r *http.Request) { r.Header.Set("Authorization", header) }}
	keys := vapidKeys{public: app.publicKey(), private: newVAPIDKeys(t).private}
	sub := s.NewSubscription(t)

	for range 3 {
		send(t, sub, []byte("hoi"), options(client, keys))
	}
	s.SetClock(func() time.Time { return now.Add(2 * time.Hour) }) // past the token's exp
	resp := send(t, sub, []byte("hoi"), options(client, keys))

	s.mu.Lock()
	cached := len(s.verified)
	s.mu.Unlock()
	if cached != 1 {
		t.Errorf("%d verified tokens cached, want 1", cached)
	}
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(rec.recorded(), "has passed") {
		t.Errorf("cached token after exp: status %d, report %q; want 401", resp.StatusCode, rec.recorded())
	}
	if msgs := s.Messages(sub); len(msgs) != 3 || !msgs[0].ReceivedAt.Equal(msgs[2].ReceivedAt) {
		t.Errorf("%d messages, want 3 stamped by the injected clock", len(msgs))
	}
}

// TestRejectsDoubleMailtoFromWebpushGo documents a trap in webpush-go v1.4.0:
// it prefixes Subscriber with "mailto:" itself, so "mailto:x" becomes
// "mailto:mailto:x", which the checks (like Apple's push service) refuse.
func TestRejectsDoubleMailtoFromWebpushGo(t *testing.T) {
	t.Parallel()
	rec := &recordingTB{TB: t}
	s := NewServer(rec)
	keys := newVAPIDKeys(t)
	opts := options(s.Client(), keys)
	opts.Subscriber = "mailto:test@example.nl"

	resp := send(t, s.NewSubscription(t), []byte("hoi"), opts)

	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(rec.recorded(), `"mailto:mailto:test@example.nl"`) {
		t.Errorf("status %d, report %q; want 401 naming the doubled sub", resp.StatusCode, rec.recorded())
	}
}

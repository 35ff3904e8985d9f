package pushtest

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"strconv"
	"strings"
)

// maxBody is the largest encrypted payload accepted. RFC 8030 §7.2 makes
// push services accept at least 4096 octets, and the common ones (FCM,
// Mozilla) accept no more, so a sender that exceeds it fails in production.
const maxBody = 4096

// rejection is a failed check and the status a push service answers with.
type rejection struct {
	status int
	reason string
}

func (r *rejection) Error() string { return r.reason }

// reject builds a rejection with a formatted reason.
func reject(status int, format string, args ...any) error {
	return &rejection{status: status, reason: fmt.Sprintf(format, args...)}
}

// serveHTTP checks a push request, then answers as scripted or stores the
// decrypted message and answers 201 Created (RFC 8030 §5).
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	st := s.receive(r.URL.Path)
	if st == nil {
		s.fail(w, r, reject(http.StatusNotFound, "unknown subscription"))
		return
	}
	msg, err := s.check(r, st)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if b, ok := s.scripted(st); ok {
		b.respond(w, r, s.stop)
		return
	}
	n := s.deliver(st, msg)
	w.Header().Set("Location", s.origin+"/message"+r.URL.Path+"/"+strconv.Itoa(n))
	w.WriteHeader(http.StatusCreated)
}

// receive counts a request against its subscription.
func (s *Server) receive(path string) *subscription {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.subs[path]
	if st != nil {
		st.requests++
	}
	return st
}

// check runs every check on a request and decrypts its body.
func (s *Server) check(r *http.Request, st *subscription) (Message, error) {
	var msg Message
	if r.Method != http.MethodPost {
		return msg, reject(http.StatusMethodNotAllowed, "method %s, want POST (RFC 8030 §5)", r.Method)
	}
	if err := checkHeaders(r.Header, &msg); err != nil {
		return msg, err
	}
	claims, err := s.verifyVAPID(r.Header.Get("Authorization"))
	if err != nil {
		return msg, err
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return msg, reject(http.StatusBadRequest, "read body: %v", err)
	}
	if len(body) > maxBody {
		return msg, reject(http.StatusRequestEntityTooLarge, "body over %d bytes (RFC 8030 §7.2)", maxBody)
	}
	if msg.Plaintext, err = decrypt(body, st.key, st.auth); err != nil {
		return msg, reject(http.StatusBadRequest, "decrypt: %v", err)
	}
	msg.JWTClaims = maps.Clone(claims)
	return msg, nil
}

// checkHeaders checks the RFC 8030 and RFC 8291 headers and copies them to msg.
func checkHeaders(h http.Header, msg *Message) error {
	if ce := h.Get("Content-Encoding"); ce != "aes128gcm" {
		return reject(http.StatusUnsupportedMediaType, "Content-Encoding %q, want aes128gcm (RFC 8291 §4)", ce)
	}
	ttl, err := parseTTL(h.Values("TTL"))
	if err != nil {
		return err
	}
	msg.TTL = ttl
	msg.Urgency = h.Get("Urgency")
	switch msg.Urgency {
	case "", "very-low", "low", "normal", "high":
	default:
		return reject(http.StatusBadRequest, "Urgency %q, want very-low, low, normal or high (RFC 8030 §5.3)", msg.Urgency)
	}
	msg.Topic = h.Get("Topic")
	if len(msg.Topic) > 32 || !isBase64URL(msg.Topic) {
		return reject(http.StatusBadRequest, "Topic %q, want at most 32 base64url characters (RFC 8030 §5.4)", msg.Topic)
	}
	return nil
}

// parseTTL reads the required TTL header, delta-seconds (RFC 8030 §5.2).
func parseTTL(values []string) (int, error) {
	if len(values) != 1 {
		return 0, reject(http.StatusBadRequest, "TTL header missing or repeated (RFC 8030 §5.2)")
	}
	v := values[0]
	ttl, err := strconv.Atoi(v)
	if err != nil || v == "" || strings.Trim(v, "0123456789") != "" {
		return 0, reject(http.StatusBadRequest, "TTL %q, want an integer ≥ 0 (RFC 8030 §5.2)", v)
	}
	return ttl, nil
}

// isBase64URL reports whether s only uses the base64url alphabet (RFC 4648 §5).
func isBase64URL(s string) bool {
	for _, c := range s {
		ok := c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
		if !ok {
			return false
		}
	}
	return true
}

// scripted pops the next scripted answer for st, if any.
func (s *Server) scripted(st *subscription) (Behaviour, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(st.script) == 0 {
		return Behaviour{}, false
	}
	b := st.script[0]
	st.script = st.script[1:]
	return b, true
}

// deliver stores msg, wakes up Wait and returns how many st now holds.
func (s *Server) deliver(st *subscription, msg Message) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	msg.ReceivedAt = s.now()
	st.messages = append(st.messages, msg)
	close(s.changed)
	s.changed = make(chan struct{})
	return len(st.messages)
}

// fail answers a rejected request and reports it as a test error.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var rej *rejection
	if !errors.As(err, &rej) {
		rej = &rejection{status: http.StatusInternalServerError, reason: err.Error()}
	}
	s.tb.Errorf("pushtest: %s %s answered %d: %s", r.Method, r.URL.Path, rej.status, rej.reason)
	http.Error(w, rej.reason, rej.status)
}

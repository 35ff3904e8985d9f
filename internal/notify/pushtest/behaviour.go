package pushtest

import (
	"math"
	"net/http"
	"strconv"
	"time"
)

// Behaviour is one scripted answer to a valid push request, queued with
// Server.Respond. A scripted answer never delivers the message.
type Behaviour struct {
	status     int
	retryAfter time.Duration
	hang       bool
}

// Status answers with code, e.g. Status(http.StatusGone) for an expired
// subscription or Status(http.StatusInternalServerError).
func Status(code int) Behaviour { return Behaviour{status: code} }

// RetryAfter adds a Retry-After header in whole seconds, rounded up
// (RFC 9110 §10.2.3), e.g. Status(429).RetryAfter(2*time.Second).
func (b Behaviour) RetryAfter(d time.Duration) Behaviour {
	b.retryAfter = d
	return b
}

// Hang never answers: the handler returns when the request's context ends,
// that is when the sender gives up, or when the Server closes.
func Hang() Behaviour { return Behaviour{hang: true} }

// respond writes the scripted answer.
func (b Behaviour) respond(w http.ResponseWriter, r *http.Request, stop <-chan struct{}) {
	if b.hang {
		select {
		case <-r.Context().Done():
		case <-stop:
		}
		return
	}
	if b.retryAfter > 0 {
		secs := int(math.Ceil(b.retryAfter.Seconds()))
		w.Header().Set("Retry-After", strconv.Itoa(secs))
	}
	http.Error(w, http.StatusText(b.status), b.status)
}

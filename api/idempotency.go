package api

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/noaber/noaber/internal/domain"
	"github.com/noaber/noaber/internal/idempotency"
)

const (
	headerIdempotencyKey      = "Idempotency-Key"
	headerIdempotencyReplayed = "Idempotency-Replayed"
)

// idempotent makes a creating POST safe to retry with an Idempotency-Key
// (API.md). It runs behind authenticated: keys belong to one account. The
// first request claims the key, runs, and stores its response (2xx and 4xx,
// except 409 and 429, which may turn out differently next time); a failure
// on our side releases the key so that the retry runs again. The same key
// and request replay the stored response; another request under the same
// key is a 422; a duplicate while the first is still running is a 409.
func (s *server) idempotent(c *fiber.Ctx) error {
	key := c.Get(headerIdempotencyKey)
	if key == "" && !hasHeader(c, headerIdempotencyKey) {
		return c.Next()
	}
	if !idempotency.ValidKey(key) {
		return s.writeProblem(c, invalidInput([]domain.FieldError{{Name: headerIdempotencyKey,
			Reason: "must be 1 to 255 printable ASCII characters"}}))
	}
	req := idempotency.Request{UserID: callerOf(c).UserID, Key: key, Method: c.Method(), Path: c.Path()}
	req.Hash = idempotency.Fingerprint(req.Method, req.Path, c.Body())
	claim, err := s.idempotency.Begin(c.UserContext(), req)
	if err != nil {
		return err
	}
	switch claim.State {
	case idempotency.Replay:
		return replay(c, claim.Response)
	case idempotency.Mismatch:
		p := newProblem(http.StatusUnprocessableEntity,
			"This Idempotency-Key was already used for a different request. Use a new key for a new request.")
		p.InvalidParams = []domain.FieldError{{Name: headerIdempotencyKey, Reason: "was used for a different request"}}
		return s.writeProblem(c, p)
	case idempotency.InFlight:
		return s.writeProblem(c, newProblem(http.StatusConflict,
			"A request with this Idempotency-Key is still being handled. Try again in a moment."))
	}
	return s.runClaimed(c, req)
}

// runClaimed runs the rest of the chain under a claimed key and then keeps
// or releases the key. Errors are turned into their problem here, so that
// the response is known before it is stored.
func (s *server) runClaimed(c *fiber.Ctx, req idempotency.Request) (err error) {
	// The bookkeeping must happen even when the request ran out of time.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(c.UserContext()), 5*time.Second)
	defer cancel()
	done := false
	defer func() {
		if !done { // a panic: let it through, but free the key
			s.releaseKey(ctx, c, req)
		}
	}()
	if err := c.Next(); err != nil {
		if herr := s.handleError(c, err); herr != nil {
			done = true
			s.releaseKey(ctx, c, req)
			return herr
		}
	}
	done = true
	status := c.Response().StatusCode()
	if status >= 500 || status < 200 || status == http.StatusConflict || status == http.StatusTooManyRequests {
		s.releaseKey(ctx, c, req)
		return nil
	}
	resp := idempotency.Response{Status: status, ContentType: string(c.Response().Header.ContentType()),
		Location: string(c.Response().Header.Peek(fiber.HeaderLocation)), Body: c.Response().Body()}
	if err := s.idempotency.Complete(ctx, req, resp); err != nil {
		// The object exists: answer normally; only a later retry is affected.
		s.log.ErrorContext(ctx, "idempotency key not stored", slog.String("requestId", requestID(c)), slog.Any("error", err))
	}
	return nil
}

func (s *server) releaseKey(ctx context.Context, c *fiber.Ctx, req idempotency.Request) {
	if err := s.idempotency.Release(ctx, req); err != nil {
		s.log.ErrorContext(ctx, "idempotency key not released", slog.String("requestId", requestID(c)), slog.Any("error", err))
	}
}

// replay sends a stored first response again.
func replay(c *fiber.Ctx, r idempotency.Response) error {
	c.Status(r.Status)
	if r.ContentType != "" {
		c.Set(fiber.HeaderContentType, r.ContentType)
	}
	if r.Location != "" {
		c.Set(fiber.HeaderLocation, r.Location)
	}
	c.Set(headerIdempotencyReplayed, "true")
	return c.Send(r.Body)
}

// hasHeader tells an empty header from a missing one.
func hasHeader(c *fiber.Ctx, name string) bool {
	found := false
	c.Request().Header.VisitAll(func(k, _ []byte) {
		if !found && http.CanonicalHeaderKey(string(k)) == name {
			found = true
		}
	})
	return found
}

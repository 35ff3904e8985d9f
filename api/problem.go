package api

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/noaber/noaber/internal/accounts"
	"github.com/noaber/noaber/internal/domain"
)

const (
	problemContentType = "application/problem+json"
	problemBase        = "https://noaber.nl/problems/"
)

// problem is an RFC 9457 problem details object.
type problem struct {
	Type          string              `json:"type"`
	Title         string              `json:"title"`
	Status        int                 `json:"status"`
	Detail        string              `json:"detail"`
	Instance      string              `json:"instance,omitempty"`
	InvalidParams []domain.FieldError `json:"invalidParams,omitempty"`
	// AllowedTransitions lists the workflow steps allowed now (409 on a
	// step that is not); a pointer so that "none" shows as [].
	AllowedTransitions *[]string `json:"allowedTransitions,omitempty"`
}

// errorTypes names each problem kind with a stable URI so that clients can
// branch on it; the paths are documented in the OpenAPI document.
var errorTypes = map[int]string{
	http.StatusBadRequest:            "invalid-input",
	http.StatusUnauthorized:          "unauthorized",
	http.StatusForbidden:             "forbidden",
	http.StatusNotFound:              "not-found",
	http.StatusMethodNotAllowed:      "method-not-allowed",
	http.StatusConflict:              "conflict",
	http.StatusRequestEntityTooLarge: "body-too-large",
	http.StatusUnsupportedMediaType:  "unsupported-media-type",
	http.StatusUnprocessableEntity:   "unprocessable",
	http.StatusTooManyRequests:       "too-many-requests",
	http.StatusServiceUnavailable:    "unavailable",
	http.StatusInternalServerError:   "internal",
}

func newProblem(status int, detail string) problem {
	kind, ok := errorTypes[status]
	if !ok {
		kind = "error"
	}
	return problem{
		Type:   problemBase + kind,
		Title:  http.StatusText(status),
		Status: status,
		Detail: detail,
	}
}

// invalidInput is the 400 problem listing every bad field at once.
func invalidInput(fields []domain.FieldError) problem {
	p := newProblem(http.StatusBadRequest, "One or more fields are not valid. See invalidParams.")
	p.InvalidParams = fields
	return p
}

// writeProblem sends p, with the headers every response carries (the error
// handler runs outside the middleware chain for errors such as 413).
func (s *server) writeProblem(c *fiber.Ctx, p problem) error {
	s.setCommonHeaders(c)
	p.Instance = c.Path()
	body, err := json.Marshal(p)
	if err != nil {
		return err
	}
	c.Status(p.Status)
	c.Set(fiber.HeaderContentType, problemContentType)
	return c.Send(body)
}

// handleError is Fiber's error handler: the one place that turns an error
// into an HTTP problem. Unknown errors are logged and answered with a
// generic 500 that reveals nothing about the internals.
func (s *server) handleError(c *fiber.Ctx, err error) error {
	var (
		fe         *fiber.Error
		invalid    *domain.InvalidError
		transition *domain.TransitionError
	)
	switch {
	case errors.As(err, &invalid):
		return s.writeProblem(c, invalidInput(invalid.Fields))
	case errors.As(err, &transition):
		p := newProblem(http.StatusConflict, "The workflow does not allow this step now. See allowedTransitions.")
		allowed := append([]string{}, transition.Allowed...)
		p.AllowedTransitions = &allowed
		return s.writeProblem(c, p)
	case errors.Is(err, domain.ErrNotFound):
		return s.writeProblem(c, newProblem(http.StatusNotFound, "This object does not exist, or you may not see it."))
	case errors.Is(err, domain.ErrConflict):
		return s.writeProblem(c, newProblem(http.StatusConflict, "The object is not in a state that allows this change."))
	case errors.Is(err, accounts.ErrInvalidCredentials):
		return s.writeProblem(c, authProblem("invalid-credentials", "The e-mail address or password is not right."))
	case errors.Is(err, accounts.ErrSecondFactorRequired):
		return s.writeProblem(c, authProblem("second-factor-required", "Enter the code from your authenticator app."))
	case errors.Is(err, accounts.ErrInvalidSecondFactor):
		return s.writeProblem(c, authProblem("invalid-second-factor", "The code is not right. Try the newest code."))
	case errors.Is(err, accounts.ErrInvalidToken), errors.Is(err, accounts.ErrInvalidRefreshToken):
		return s.unauthorized(c, "Your session has ended. Log in again.")
	case errors.Is(err, context.DeadlineExceeded):
		return s.writeProblem(c, newProblem(http.StatusServiceUnavailable, "The request took too long. Try again."))
	case errors.As(err, &fe):
		return s.writeProblem(c, fiberProblem(c, fe))
	}
	s.log.ErrorContext(c.UserContext(), "request failed",
		slog.String("requestId", requestID(c)), slog.String("route", routePath(c)), slog.Any("error", err))
	return s.writeProblem(c, newProblem(http.StatusInternalServerError, "Something went wrong on our side. Try again later."))
}

// authProblem is a 401 whose type tells the client what to ask for next.
func authProblem(kind, detail string) problem {
	p := newProblem(http.StatusUnauthorized, detail)
	p.Type = problemBase + kind
	return p
}

// fiberProblem gives Fiber's own errors (unknown route, wrong method, body
// too large…) a helpful detail text.
func fiberProblem(c *fiber.Ctx, fe *fiber.Error) problem {
	switch fe.Code {
	case http.StatusNotFound:
		return newProblem(fe.Code, "There is nothing at this address. Note that paths have no trailing slash.")
	case http.StatusMethodNotAllowed:
		return newProblem(fe.Code, "This address does not support the "+c.Method()+" method.")
	case http.StatusRequestEntityTooLarge:
		return newProblem(fe.Code, "The request body is too large.")
	case http.StatusBadRequest:
		return newProblem(fe.Code, fe.Message)
	}
	if fe.Code >= 500 {
		return newProblem(fe.Code, "Something went wrong on our side. Try again later.")
	}
	return newProblem(fe.Code, fe.Message)
}

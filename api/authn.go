package api

import (
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/noaber/noaber/internal/accounts"
)

const localCaller = "caller"

func bearerToken(c *fiber.Ctx) string {
	h := c.Get(fiber.HeaderAuthorization)
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}

// authenticated lets a request through only with a valid access token of a
// live session; the caller is then available through callerOf.
func (s *server) authenticated(c *fiber.Ctx) error {
	token := bearerToken(c)
	if token == "" {
		return s.unauthorized(c, "Log in first: send an access token in the Authorization header.")
	}
	caller, err := s.accounts.Authenticate(c.UserContext(), token)
	if err != nil {
		if err == accounts.ErrInvalidToken {
			return s.unauthorized(c, "The access token is not valid or has expired. Refresh it or log in again.")
		}
		return err
	}
	c.Locals(localCaller, caller)
	return c.Next()
}

// callerOf is the authenticated caller; only valid behind authenticated.
func callerOf(c *fiber.Ctx) accounts.Caller {
	caller, _ := c.Locals(localCaller).(accounts.Caller)
	return caller
}

// requireRole lets through callers with any of roles. Professional roles
// only count once the caller has proven a second factor in this session.
func (s *server) requireRole(roles ...accounts.Role) fiber.Handler {
	return func(c *fiber.Ctx) error {
		caller := callerOf(c)
		needsSecondFactor := false
		for _, r := range roles {
			if !caller.Has(r) {
				continue
			}
			if !r.Professional() || caller.SecondFactor {
				return c.Next()
			}
			needsSecondFactor = true
		}
		if needsSecondFactor {
			return s.writeProblem(c, secondFactorRequired())
		}
		return s.writeProblem(c, newProblem(http.StatusForbidden, "Your role does not allow this."))
	}
}

func (s *server) unauthorized(c *fiber.Ctx, detail string) error {
	c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="noaber"`)
	return s.writeProblem(c, newProblem(http.StatusUnauthorized, detail))
}

// secondFactorRequired is the 403 for a professional who has not proven
// their second factor in this session.
func secondFactorRequired() problem {
	p := newProblem(http.StatusForbidden, "Set up and use your second factor (an authenticator app) first.")
	p.Type = problemBase + "second-factor-required"
	return p
}

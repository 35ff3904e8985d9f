package api

import (
	"net/http"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/noaber/noaber/internal/accounts"
	"github.com/noaber/noaber/internal/domain"
	"github.com/noaber/noaber/internal/suggest"
)

// suggestionRoutes registers matching: the people who could help with a
// request (its author and brokers of its area), the requests a resident
// could answer, and declining a request. Who may see what is decided in
// the suggest domain, in its queries: anything else is a 404.
func (s *server) suggestionRoutes(v1 fiber.Router) {
	v1.Get("/posts/:id/suggestions", s.authenticated, s.postSuggestions)
	v1.Get("/me/suggestions", s.authenticated, s.mySuggestions)
	v1.Post("/posts/:id/declines", s.authenticated, s.declinePost)
}

func (s *server) postSuggestions(c *fiber.Ctx) error {
	limit, err := suggestionLimit(c)
	if err != nil {
		return err
	}
	caller := callerOf(c)
	viewer := suggest.Viewer{UserID: caller.UserID, Broker: caller.Has(accounts.Broker) && caller.SecondFactor}
	items, err := s.suggest.ForPost(c.UserContext(), viewer, c.Params("id"), limit)
	if err != nil {
		return err
	}
	return c.JSON(newPage(items, ""))
}

func (s *server) mySuggestions(c *fiber.Ctx) error {
	limit, err := suggestionLimit(c)
	if err != nil {
		return err
	}
	items, err := s.suggest.ForMe(c.UserContext(), callerOf(c).UserID, limit)
	if err != nil {
		return err
	}
	return c.JSON(newPage(items, ""))
}

// declinePost needs no Idempotency-Key: declining again changes nothing.
func (s *server) declinePost(c *fiber.Ctx) error {
	if err := s.suggest.Decline(c.UserContext(), callerOf(c).UserID, c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}

// suggestionLimit reads limit (default 20, at most 100). Suggestions are a
// ranking, answered in one page: there is no cursor.
func suggestionLimit(c *fiber.Ctx) (int, error) {
	var check domain.Checker
	limit := 20
	if raw := c.Query("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		check.Check(err == nil && n >= 1 && n <= 100, "limit", "must be a whole number from 1 to 100")
		limit = n
	}
	return limit, check.Err()
}

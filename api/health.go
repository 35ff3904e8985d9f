package api

import (
	"net/http"

	"github.com/gofiber/fiber/v2"
)

type healthStatus struct {
	Status string `json:"status"`
}

// healthz answers as long as the process serves HTTP.
func (s *server) healthz(c *fiber.Ctx) error {
	return c.JSON(healthStatus{Status: "ok"})
}

// readyz answers 200 only when the database is reachable, so that a load
// balancer sends no traffic to an instance that cannot serve it.
func (s *server) readyz(c *fiber.Ctx) error {
	if err := s.db.PingContext(c.UserContext()); err != nil {
		return s.writeProblem(c, newProblem(http.StatusServiceUnavailable, "The database is not reachable."))
	}
	return c.JSON(healthStatus{Status: "ok"})
}

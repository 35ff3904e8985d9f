package api

import (
	"net/http"
	"time"

	"github.com/gofiber/fiber/v2"
)

// blockRoutes registers blocks and the holiday pause: both only ever about
// the caller themselves.
func (s *server) blockRoutes(v1 fiber.Router) {
	v1.Get("/blocks", s.authenticated, s.listBlocks)
	v1.Post("/blocks/:userId", s.authenticated, s.blockUser)
	v1.Delete("/blocks/:userId", s.authenticated, s.unblockUser)
	v1.Get("/me/pause", s.authenticated, s.getPause)
	v1.Put("/me/pause", s.authenticated, s.putPause)
	v1.Delete("/me/pause", s.authenticated, s.deletePause)
}

func (s *server) listBlocks(c *fiber.Ctx) error {
	list, err := s.market.Blocks(c.UserContext(), callerOf(c).UserID)
	if err != nil {
		return err
	}
	return c.JSON(newPage(list, ""))
}

func (s *server) blockUser(c *fiber.Ctx) error {
	if err := s.market.BlockUser(c.UserContext(), callerOf(c).UserID, c.Params("userId")); err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}

func (s *server) unblockUser(c *fiber.Ctx) error {
	if err := s.market.UnblockUser(c.UserContext(), callerOf(c).UserID, c.Params("userId")); err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}

func (s *server) getPause(c *fiber.Ctx) error {
	p, err := s.market.Pause(c.UserContext(), callerOf(c).UserID)
	if err != nil {
		return err
	}
	return c.JSON(p)
}

func (s *server) putPause(c *fiber.Ctx) error {
	var in struct {
		Until *string `json:"until"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	var until *time.Time
	if in.Until != nil {
		t, err := time.Parse(time.RFC3339, *in.Until)
		if err != nil {
			return invalidField("until", "must be a date and time in RFC 3339 format, or null")
		}
		until = &t
	}
	p, err := s.market.StartPause(c.UserContext(), callerOf(c).UserID, until)
	if err != nil {
		return err
	}
	return c.JSON(p)
}

func (s *server) deletePause(c *fiber.Ctx) error {
	if err := s.market.EndPause(c.UserContext(), callerOf(c).UserID); err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}

package api

import (
	"github.com/gofiber/fiber/v2"

	"github.com/noaber/noaber/internal/areas"
)

func (s *server) getProfile(c *fiber.Ctx) error {
	profile, err := s.accounts.Profile(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(profile)
}

func (s *server) getContactPersons(c *fiber.Ctx) error {
	list, err := areas.ContactPersons(c.UserContext(), s.db, callerOf(c).UserID)
	if err != nil {
		return err
	}
	return c.JSON(newPage(list, ""))
}

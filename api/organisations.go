package api

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/noaber/noaber/internal/accounts"
	"github.com/noaber/noaber/internal/organisations"
)

type organisationRequest struct {
	Name    *string   `json:"name"`
	Kind    *string   `json:"kind"`
	AreaIDs *[]string `json:"areaIds"`
}

func (s *server) listOrganisations(c *fiber.Ctx) error {
	list, err := organisations.List(c.UserContext(), s.db, accounts.OrganisationScope(callerOf(c)))
	if err != nil {
		return err
	}
	return c.JSON(newPage(list, ""))
}

func (s *server) createOrganisation(c *fiber.Ctx) error {
	var req organisationRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	org, err := organisations.Create(c.UserContext(), s.db, accounts.OrganisationScope(callerOf(c)), organisations.Input(req))
	if err != nil {
		return err
	}
	c.Location(BasePath + "/organisations/" + org.ID)
	return c.Status(http.StatusCreated).JSON(org)
}

func (s *server) updateOrganisation(c *fiber.Ctx) error {
	var req organisationRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	org, err := organisations.Update(c.UserContext(), s.db, accounts.OrganisationScope(callerOf(c)), c.Params("id"),
		organisations.Input(req))
	if err != nil {
		return err
	}
	return c.JSON(org)
}

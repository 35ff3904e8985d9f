package api

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/noaber/noaber/internal/broker"
)

// noticeBoard is the printable weekly notice board of an area (a
// neighbourhood, or a district with all under it).
func (h brokerAPI) noticeBoard(c *fiber.Ctx) error {
	nb, err := h.broker.Board(c.UserContext(), brokerViewer(c), c.Params("id"), c.Query("week"))
	if err != nil {
		return err
	}
	return c.JSON(nb)
}

type keyfigureInvitationRequest struct {
	Email          string  `json:"email"`
	Name           string  `json:"name"`
	OrganisationID *string `json:"organisationId"`
	AreaID         string  `json:"areaId"`
}

func (h brokerAPI) inviteKeyfigure(c *fiber.Ctx) error {
	var in keyfigureInvitationRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	inv, err := h.broker.InviteKeyfigure(c.UserContext(), callerOf(c).UserID, broker.Invitation(in))
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(inv)
}

func (h brokerAPI) listKeyfigures(c *fiber.Ctx) error {
	cursor, limit, err := pagination(c)
	if err != nil {
		return err
	}
	p, err := h.broker.Keyfigures(c.UserContext(), brokerViewer(c), c.Query("areaId"), cursor, limit)
	if err != nil {
		return err
	}
	return c.JSON(newPage(p.Items, p.Next))
}

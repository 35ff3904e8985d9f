package api

import (
	"errors"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/noaber/noaber/internal/accounts"
	"github.com/noaber/noaber/internal/exchanges"
)

// invitationRoutes registers asking someone privately to help with a
// request: its author invites a suggested helper, a broker of its area
// proposes a match. Who may invite is decided in the exchanges domain, in
// its queries: anyone else gets a 404.
func (s *server) invitationRoutes(v1 fiber.Router) {
	v1.Post("/posts/:id/invitations", s.authenticated, s.idempotent, s.invite)
	v1.Get("/posts/:id/invitations", s.authenticated, s.listInvitations)
}

// inviter is the caller as the exchanges domain sees an inviter: a broker
// counts only with their second factor.
func inviter(c *fiber.Ctx) exchanges.Inviter {
	caller := callerOf(c)
	return exchanges.Inviter{UserID: caller.UserID, Broker: caller.Has(accounts.Broker) && caller.SecondFactor}
}

func (s *server) invite(c *fiber.Ctx) error {
	var in struct {
		UserID  string `json:"userId"`
		Message string `json:"message"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	conv, err := s.exchanges.Invite(c.UserContext(), inviter(c), c.Params("id"),
		exchanges.Invitation{UserID: in.UserID, Message: in.Message})
	var responded *exchanges.RespondedError
	if errors.As(err, &responded) {
		return s.respondedProblem(c, responded.ConversationID)
	}
	if err != nil {
		return err
	}
	c.Location(BasePath + "/conversations/" + conv.ID)
	return c.Status(http.StatusCreated).JSON(conv)
}

func (s *server) listInvitations(c *fiber.Ctx) error {
	cursor, limit, err := pagination(c)
	if err != nil {
		return err
	}
	items, next, err := s.exchanges.Proposals(c.UserContext(), inviter(c), c.Params("id"), cursor, limit)
	if err != nil {
		return err
	}
	return c.JSON(newPage(items, next))
}

package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/noaber/noaber/internal/exchanges"
)

// exchangeRoutes registers responses, conversations, exchanges and
// reciprocity. Who sees what is decided in the exchanges domain, in the
// queries: a conversation or exchange of other people is a 404, like one
// that does not exist; brokers and admins have no view of them either.
func (s *server) exchangeRoutes(v1 fiber.Router) {
	v1.Post("/posts/:id/responses", s.authenticated, s.idempotent, s.respond)
	v1.Get("/posts/:id/responses", s.authenticated, s.listResponses)
	v1.Get("/conversations", s.authenticated, s.listConversations)
	v1.Get("/conversations/:id", s.authenticated, s.getConversation)
	v1.Get("/conversations/:id/messages", s.authenticated, s.listMessages)
	v1.Post("/conversations/:id/messages", s.authenticated, s.idempotent, s.sendMessage)
	v1.Post("/conversations/:id/read", s.authenticated, s.markConversationRead)
	v1.Get("/me/unread", s.authenticated, s.getUnread)

	v1.Post("/exchanges", s.authenticated, s.idempotent, s.acceptResponse)
	v1.Get("/exchanges", s.authenticated, s.listExchanges)
	v1.Get("/exchanges/:id", s.authenticated, s.getExchange)
	v1.Post("/exchanges/:id/completion", s.authenticated, s.completeExchange)
	v1.Post("/exchanges/:id/cancellation", s.authenticated, s.cancelExchange)
	v1.Post("/exchanges/:id/thanks", s.authenticated, s.thankExchange)
	v1.Get("/me/reciprocity", s.authenticated, s.getReciprocity)
}

// roleForbidden turns the exchanges domain's role error (the caller takes
// part, but the step is for the other side) into a 403; other errors pass.
func roleForbidden(err error) error {
	var role *exchanges.RoleError
	if errors.As(err, &role) {
		return fiber.NewError(http.StatusForbidden, role.Detail)
	}
	return err
}

type acceptance struct {
	ConversationID string  `json:"conversationId"`
	MomentAt       *string `json:"momentAt"`
}

func (s *server) acceptResponse(c *fiber.Ctx) error {
	var in acceptance
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	a := exchanges.Acceptance{ConversationID: in.ConversationID}
	if in.MomentAt != nil {
		t, err := time.Parse(time.RFC3339, *in.MomentAt)
		if err != nil {
			return invalidField("momentAt", "must be a date and time in RFC 3339, e.g. 2026-11-07T10:00:00Z")
		}
		a.MomentAt = &t
	}
	x, err := s.exchanges.Accept(c.UserContext(), callerOf(c).UserID, a)
	if err != nil {
		return roleForbidden(err)
	}
	c.Location(BasePath + "/exchanges/" + x.ID)
	return c.Status(http.StatusCreated).JSON(x)
}

func (s *server) listExchanges(c *fiber.Ctx) error {
	cursor, limit, err := pagination(c)
	if err != nil {
		return err
	}
	items, next, err := s.exchanges.List(c.UserContext(), callerOf(c).UserID, exchanges.Status(c.Query("status")),
		cursor, limit)
	if err != nil {
		return err
	}
	return c.JSON(newPage(items, next))
}

func (s *server) getExchange(c *fiber.Ctx) error {
	x, err := s.exchanges.Exchange(c.UserContext(), callerOf(c).UserID, c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(x)
}

type completion struct {
	Happened *bool    `json:"happened"`
	Hours    *float64 `json:"hours"`
}

func (s *server) completeExchange(c *fiber.Ctx) error {
	var in completion
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	x, err := s.exchanges.Complete(c.UserContext(), callerOf(c).UserID, c.Params("id"),
		exchanges.Answer{Happened: in.Happened, Hours: in.Hours})
	if err != nil {
		return err
	}
	return c.JSON(x)
}

func (s *server) cancelExchange(c *fiber.Ctx) error {
	var in struct {
		Reason string `json:"reason"`
	}
	// The body is optional: a cancellation needs no reason.
	if len(c.Body()) > 0 {
		if err := decodeJSON(c, &in); err != nil {
			return err
		}
	}
	x, err := s.exchanges.Cancel(c.UserContext(), callerOf(c).UserID, c.Params("id"), in.Reason)
	if err != nil {
		return err
	}
	return c.JSON(x)
}

func (s *server) thankExchange(c *fiber.Ctx) error {
	var in struct {
		Message string `json:"message"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	x, err := s.exchanges.Thank(c.UserContext(), callerOf(c).UserID, c.Params("id"), in.Message)
	if err != nil {
		return roleForbidden(err)
	}
	return c.JSON(x)
}

func (s *server) getReciprocity(c *fiber.Ctx) error {
	r, err := s.exchanges.Reciprocity(c.UserContext(), callerOf(c).UserID)
	if err != nil {
		return err
	}
	return c.JSON(r)
}

// respondedProblem is the 409 of a second response: it names the
// conversation the first one opened, so that the app can go there.
func (s *server) respondedProblem(c *fiber.Ctx, conversationID string) error {
	p := newProblem(http.StatusConflict, "You already responded to this post. See conversationId.")
	p.Instance = c.Path()
	body, err := json.Marshal(struct {
		problem
		ConversationID string `json:"conversationId"`
	}{p, conversationID})
	if err != nil {
		return err
	}
	s.setCommonHeaders(c)
	c.Status(http.StatusConflict)
	c.Set(fiber.HeaderContentType, problemContentType)
	return c.Send(body)
}

// unread is the number of unread messages over all conversations.
type unread struct {
	Conversations int `json:"conversations"`
}

func (s *server) getUnread(c *fiber.Ctx) error {
	n, err := s.exchanges.Unread(c.UserContext(), callerOf(c).UserID)
	if err != nil {
		return err
	}
	return c.JSON(unread{Conversations: n})
}

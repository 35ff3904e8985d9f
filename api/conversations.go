package api

import (
	"errors"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/noaber/noaber/internal/exchanges"
)

func (s *server) respond(c *fiber.Ctx) error {
	var in struct {
		Message    string  `json:"message"`
		OnBehalfOf *string `json:"onBehalfOf"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if ok, err := s.mayActOnBehalf(c, in.OnBehalfOf); !ok {
		return err
	}
	conv, err := s.exchanges.RespondFor(c.UserContext(), callerOf(c).UserID, in.OnBehalfOf, c.Params("id"), in.Message)
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

func (s *server) listResponses(c *fiber.Ctx) error {
	cursor, limit, err := pagination(c)
	if err != nil {
		return err
	}
	items, next, err := s.exchanges.Responses(c.UserContext(), callerOf(c).UserID, c.Params("id"), cursor, limit)
	if err != nil {
		return err
	}
	return c.JSON(newPage(items, next))
}

func (s *server) listConversations(c *fiber.Ctx) error {
	cursor, limit, err := pagination(c)
	if err != nil {
		return err
	}
	items, next, err := s.exchanges.Conversations(c.UserContext(), callerOf(c).UserID, cursor, limit)
	if err != nil {
		return err
	}
	return c.JSON(newPage(items, next))
}

func (s *server) getConversation(c *fiber.Ctx) error {
	conv, err := s.exchanges.Conversation(c.UserContext(), callerOf(c).UserID, c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(conv)
}

func (s *server) listMessages(c *fiber.Ctx) error {
	cursor, limit, err := pagination(c)
	if err != nil {
		return err
	}
	items, next, err := s.exchanges.Messages(c.UserContext(), callerOf(c).UserID, c.Params("id"), cursor, limit)
	if err != nil {
		return err
	}
	return c.JSON(newPage(items, next))
}

func (s *server) sendMessage(c *fiber.Ctx) error {
	var in struct {
		Body string `json:"body"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	m, err := s.exchanges.Send(c.UserContext(), callerOf(c).UserID, c.Params("id"), in.Body)
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(m)
}

func (s *server) markConversationRead(c *fiber.Ctx) error {
	if err := s.exchanges.MarkRead(c.UserContext(), callerOf(c).UserID, c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}

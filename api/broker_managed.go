package api

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/noaber/noaber/internal/accounts"
	"github.com/noaber/noaber/internal/broker"
)

// managedRoutes registers managed residents (people who are not online)
// and the broker as intermediary in their conversations. Only brokers with
// a second factor; a resident outside their areas is a 404.
func (h brokerAPI) managedRoutes(v1 fiber.Router) {
	brokers := h.requireRole(accounts.Broker)
	v1.Get("/managed-residents", h.authenticated, brokers, h.listManaged)
	v1.Post("/managed-residents", h.authenticated, brokers, h.idempotent, h.createManaged)
	v1.Get("/managed-residents/:id", h.authenticated, brokers, h.getManaged)
	v1.Patch("/managed-residents/:id", h.authenticated, brokers, h.changeManaged)
	v1.Get("/managed-residents/:id/conversations", h.authenticated, brokers, h.managedConversations)
	v1.Get("/managed-residents/:id/conversations/:conversationId/messages", h.authenticated, brokers, h.managedMessages)
	v1.Post("/managed-residents/:id/conversations/:conversationId/messages", h.authenticated, brokers, h.idempotent,
		h.sendManagedMessage)
	v1.Post("/managed-residents/:id/conversations/:conversationId/read", h.authenticated, brokers, h.markManagedRead)
}

// mayActOnBehalf lets a request that names onBehalfOf through only for a
// broker with a second factor (whether they may act for that resident is
// decided with the post or response, in its transaction). ok is false
// when the 403 was written.
func (s *server) mayActOnBehalf(c *fiber.Ctx, onBehalfOf *string) (bool, error) {
	if onBehalfOf == nil {
		return true, nil
	}
	caller := callerOf(c)
	switch {
	case caller.Has(accounts.Broker) && caller.SecondFactor:
		return true, nil
	case caller.Has(accounts.Broker):
		return false, s.writeProblem(c, secondFactorRequired())
	}
	return false, s.writeProblem(c, newProblem(http.StatusForbidden,
		"Only a broker can post or respond for a managed resident (onBehalfOf)."))
}

type managedRequest struct {
	DisplayName     string  `json:"displayName"`
	Postcode        string  `json:"postcode"`
	NeighbourhoodID string  `json:"neighbourhoodId"`
	Phone           string  `json:"phone"`
	ConsentAt       string  `json:"consentAt"`
	ConsentNote     *string `json:"consentNote"`
}

func (h brokerAPI) createManaged(c *fiber.Ctx) error {
	var in managedRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	m, err := h.broker.CreateManaged(c.UserContext(), callerOf(c).UserID, broker.NewManaged(in))
	if err != nil {
		return err
	}
	c.Location(BasePath + "/managed-residents/" + m.ID)
	return c.Status(http.StatusCreated).JSON(m)
}

func (h brokerAPI) listManaged(c *fiber.Ctx) error {
	cursor, limit, err := pagination(c)
	if err != nil {
		return err
	}
	p, err := h.broker.ManagedList(c.UserContext(), callerOf(c).UserID, cursor, limit)
	if err != nil {
		return err
	}
	return c.JSON(newPage(p.Items, p.Next))
}

func (h brokerAPI) getManaged(c *fiber.Ctx) error {
	m, err := h.broker.Managed(c.UserContext(), callerOf(c).UserID, c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(m)
}

type managedChangeRequest struct {
	DisplayName *string `json:"displayName"`
	Phone       *string `json:"phone"`
	ConsentAt   *string `json:"consentAt"`
	ConsentNote *string `json:"consentNote"`
}

func (h brokerAPI) changeManaged(c *fiber.Ctx) error {
	var in managedChangeRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	m, err := h.broker.ChangeManaged(c.UserContext(), callerOf(c).UserID, c.Params("id"), broker.ManagedChange(in))
	if err != nil {
		return err
	}
	return c.JSON(m)
}

func (h brokerAPI) managedConversations(c *fiber.Ctx) error {
	cursor, limit, err := pagination(c)
	if err != nil {
		return err
	}
	p, err := h.broker.ManagedConversations(c.UserContext(), callerOf(c).UserID, c.Params("id"), cursor, limit)
	if err != nil {
		return err
	}
	return c.JSON(newPage(p.Items, p.Next))
}

func (h brokerAPI) managedMessages(c *fiber.Ctx) error {
	cursor, limit, err := pagination(c)
	if err != nil {
		return err
	}
	p, err := h.broker.ManagedMessages(c.UserContext(), callerOf(c).UserID, c.Params("id"), c.Params("conversationId"),
		cursor, limit)
	if err != nil {
		return err
	}
	return c.JSON(newPage(p.Items, p.Next))
}

func (h brokerAPI) sendManagedMessage(c *fiber.Ctx) error {
	var in struct {
		Body string `json:"body"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	m, err := h.broker.SendManaged(c.UserContext(), callerOf(c).UserID, c.Params("id"), c.Params("conversationId"), in.Body)
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(m)
}

func (h brokerAPI) markManagedRead(c *fiber.Ctx) error {
	err := h.broker.MarkManagedRead(c.UserContext(), callerOf(c).UserID, c.Params("id"), c.Params("conversationId"))
	if err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}

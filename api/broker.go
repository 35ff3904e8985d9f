package api

import (
	"net/http"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/noaber/noaber/internal/accounts"
	"github.com/noaber/noaber/internal/broker"
	"github.com/noaber/noaber/internal/domain"
)

// brokerAPI serves the broker's workbench.
type brokerAPI struct {
	*server
	broker *broker.Broker
}

// brokerRoutes registers the broker's workbench: queue, proposed matches, managed residents, notice board and key figures.
// Collections answer 403 to roles without any access; a single object
// outside the caller's areas is a 404, decided in the broker domain's
// queries.
func (s *server) brokerRoutes(v1 fiber.Router) {
	h := brokerAPI{server: s, broker: s.broker}
	brokers := s.requireRole(accounts.Broker, accounts.Admin)
	v1.Get("/broker/queue", s.authenticated, brokers, h.queue)
	v1.Put("/broker/queue/:postId/follow-up", s.authenticated, h.setFollowUp)
	v1.Delete("/broker/queue/:postId/follow-up", s.authenticated, h.clearFollowUp)
	v1.Get("/posts/:id/broker-notes", s.authenticated, h.listBrokerNotes)
	v1.Post("/posts/:id/broker-notes", s.authenticated, s.idempotent, h.addBrokerNote)
	h.managedRoutes(v1)
	v1.Get("/areas/:id/notice-board", s.authenticated, brokers, h.noticeBoard)
	v1.Post("/keyfigure-invitations", s.authenticated, s.requireRole(accounts.Broker), s.idempotent, h.inviteKeyfigure)
	v1.Get("/keyfigures", s.authenticated, s.requireRole(accounts.Broker, accounts.Contact, accounts.Admin), h.listKeyfigures)
}

// brokerViewer is the caller as the workbench needs them: professional
// roles count only with a proven second factor.
func brokerViewer(c *fiber.Ctx) broker.Viewer {
	caller := callerOf(c)
	return broker.Viewer{UserID: caller.UserID,
		Broker:  caller.Has(accounts.Broker) && caller.SecondFactor,
		Admin:   caller.Has(accounts.Admin) && caller.SecondFactor,
		Contact: caller.Has(accounts.Contact) && caller.SecondFactor}
}

// workbenchViewer is the viewer of a single object of the workbench (a
// queue item, notes): a broker or admin with a second factor. A broker or
// admin without one is told to use it; anybody else gets the 404 of an
// object they may not see. ok is false when the answer was written.
func (h brokerAPI) workbenchViewer(c *fiber.Ctx) (broker.Viewer, bool, error) {
	v := brokerViewer(c)
	caller := callerOf(c)
	switch {
	case v.Broker || v.Admin:
		return v, true, nil
	case caller.Has(accounts.Broker) || caller.Has(accounts.Admin):
		return v, false, h.writeProblem(c, secondFactorRequired())
	}
	return v, false, domain.ErrNotFound
}

func (h brokerAPI) queue(c *fiber.Ctx) error {
	cursor, limit, err := pagination(c)
	if err != nil {
		return err
	}
	f := broker.QueueFilter{Category: c.Query("category")}
	var check domain.Checker
	switch c.Query("followUp") {
	case "", "false":
	case "true":
		f.FollowUp = true
	default:
		check.Fail("followUp", "must be true or false")
	}
	if raw := c.Query("minAgeDays"); raw != "" {
		n, err := strconv.Atoi(raw)
		check.Check(err == nil && n >= 0 && n <= 3650, "minAgeDays", "must be a whole number from 0 to 3650")
		f.MinAgeDays = max(n, 0)
	}
	if err := check.Err(); err != nil {
		return err
	}
	p, err := h.broker.Queue(c.UserContext(), brokerViewer(c), f, cursor, limit)
	if err != nil {
		return err
	}
	return c.JSON(newPage(p.Items, p.Next))
}

type followUpRequest struct {
	DueOn *string `json:"dueOn"`
	Note  *string `json:"note"`
}

// setFollowUp flags a request; the body is optional (a flag without date
// or note).
func (h brokerAPI) setFollowUp(c *fiber.Ctx) error {
	v, ok, err := h.workbenchViewer(c)
	if !ok {
		return err
	}
	var in followUpRequest
	if len(c.Body()) > 0 {
		if err := decodeJSON(c, &in); err != nil {
			return err
		}
	}
	f, err := h.broker.SetFollowUp(c.UserContext(), v, c.Params("postId"), broker.FollowUp(in))
	if err != nil {
		return err
	}
	return c.JSON(f)
}

func (h brokerAPI) clearFollowUp(c *fiber.Ctx) error {
	v, ok, err := h.workbenchViewer(c)
	if !ok {
		return err
	}
	if err := h.broker.ClearFollowUp(c.UserContext(), v, c.Params("postId")); err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}

func (h brokerAPI) listBrokerNotes(c *fiber.Ctx) error {
	v, ok, err := h.workbenchViewer(c)
	if !ok {
		return err
	}
	cursor, limit, err := pagination(c)
	if err != nil {
		return err
	}
	p, err := h.broker.Notes(c.UserContext(), v, c.Params("id"), cursor, limit)
	if err != nil {
		return err
	}
	return c.JSON(newPage(p.Items, p.Next))
}

func (h brokerAPI) addBrokerNote(c *fiber.Ctx) error {
	v, ok, err := h.workbenchViewer(c)
	if !ok {
		return err
	}
	var in struct {
		Text string `json:"text"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	n, err := h.broker.AddNote(c.UserContext(), v, c.Params("id"), in.Text)
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(n)
}

package api

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/noaber/noaber/internal/accounts"
	"github.com/noaber/noaber/internal/moderation"
)

// moderationAPI serves reports, the moderation queue and decisions. Who
// sees and decides what is decided in the moderation domain, in its
// queries: a report somebody may not see is a 404; only the queue answers
// 403 to roles that have no queue at all.
type moderationAPI struct {
	*server
	mod *moderation.Moderation
}

// moderationRoutes registers reports, automatic flags and brokers' decisions.
func (s *server) moderationRoutes(v1 fiber.Router) {
	h := moderationAPI{server: s, mod: s.moderation}
	v1.Post("/reports", s.authenticated, s.idempotent, h.report)
	v1.Get("/reports", s.authenticated, s.requireRole(accounts.Broker, accounts.Admin), h.listReports)
	v1.Get("/reports/:id", s.authenticated, h.getReport)
	v1.Post("/reports/:id/decision", s.authenticated, s.requireRole(accounts.Broker, accounts.Admin), s.idempotent, h.decide)
	v1.Get("/moderation-notices/:id", s.authenticated, h.getNotice)
}

// moderator is the caller as moderation sees them: broker and admin count
// only with a proven second factor.
func moderator(c *fiber.Ctx) moderation.Viewer {
	caller := callerOf(c)
	return moderation.Viewer{UserID: caller.UserID,
		Broker: caller.Has(accounts.Broker) && caller.SecondFactor,
		Admin:  caller.Has(accounts.Admin) && caller.SecondFactor}
}

func (h moderationAPI) report(c *fiber.Ctx) error {
	var in struct {
		Subject   string `json:"subject"`
		SubjectID string `json:"subjectId"`
		Reason    string `json:"reason"`
		Note      string `json:"note"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	r, created, err := h.mod.Create(c.UserContext(), callerOf(c).UserID, moderation.NewReport{
		Subject: moderation.SubjectType(in.Subject), SubjectID: in.SubjectID,
		Reason: moderation.Reason(in.Reason), Note: in.Note})
	if err != nil {
		return err
	}
	c.Location(BasePath + "/reports/" + r.ID)
	if !created {
		return c.JSON(r) // already reported and still open: that report
	}
	return c.Status(http.StatusCreated).JSON(r)
}

func (h moderationAPI) listReports(c *fiber.Ctx) error {
	cursor, limit, err := pagination(c)
	if err != nil {
		return err
	}
	p, err := h.mod.List(c.UserContext(), moderator(c), moderation.Status(c.Query("status")), cursor, limit)
	if err != nil {
		return err
	}
	return c.JSON(newPage(p.Items, p.Next))
}

func (h moderationAPI) getReport(c *fiber.Ctx) error {
	r, err := h.mod.Get(c.UserContext(), moderator(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(r)
}

func (h moderationAPI) decide(c *fiber.Ctx) error {
	var in struct {
		Action        string `json:"action"`
		Reason        string `json:"reason"`
		MessageToUser string `json:"messageToUser"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	r, err := h.mod.Decide(c.UserContext(), moderator(c), c.Params("id"), moderation.NewDecision{
		Action: moderation.Action(in.Action), Reason: in.Reason, MessageToUser: in.MessageToUser})
	if err != nil {
		return err
	}
	return c.JSON(r)
}

func (h moderationAPI) getNotice(c *fiber.Ctx) error {
	n, err := h.mod.Notice(c.UserContext(), callerOf(c).UserID, c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(n)
}

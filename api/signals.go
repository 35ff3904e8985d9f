package api

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/noaber/noaber/internal/accounts"
	"github.com/noaber/noaber/internal/domain"
	"github.com/noaber/noaber/internal/signals"
)

// signalRoutes registers signals, their workflow and notes, and the
// processing log. Who sees what is decided in the signals domain, in the
// queries: a signal somebody may not see is a 404, like one that does not
// exist; only the collection answers 403 to roles that have no list at all.
func (s *server) signalRoutes(v1 fiber.Router) {
	v1.Get("/signals", s.authenticated, s.requireRole(accounts.Keyfigure, accounts.Contact, accounts.Admin), s.listSignals)
	v1.Post("/signals", s.authenticated, s.requireRole(accounts.Keyfigure), s.idempotent, s.reportSignal)
	v1.Get("/signals/:id", s.authenticated, s.getSignal)
	v1.Post("/signals/:id/transitions", s.authenticated, s.transitionSignal)
	v1.Put("/signals/:id/assignee", s.authenticated, s.assignSignal)
	v1.Get("/signals/:id/notes", s.authenticated, s.listSignalNotes)
	v1.Post("/signals/:id/notes", s.authenticated, s.idempotent, s.addSignalNote)
	v1.Get("/processing-log", s.authenticated, s.requireRole(accounts.Admin), s.listProcessingLog)
}

// viewer is the caller as the signals domain needs them: professional
// roles count only with a proven second factor.
func viewer(c *fiber.Ctx) signals.Viewer {
	caller := callerOf(c)
	return signals.Viewer{UserID: caller.UserID, Keyfigure: caller.Has(accounts.Keyfigure),
		Contact: caller.Has(accounts.Contact) && caller.SecondFactor,
		Admin:   caller.Has(accounts.Admin) && caller.SecondFactor}
}

// teamMember is the id of a contact person with a second factor; anybody
// else gets the 404 of a signal they may not see (a contact person without
// second factor is told to use it).
func (s *server) teamMember(c *fiber.Ctx) (string, error) {
	caller := callerOf(c)
	switch {
	case caller.Has(accounts.Contact) && caller.SecondFactor:
		return caller.UserID, nil
	case caller.Has(accounts.Contact):
		return "", s.writeProblem(c, secondFactorRequired())
	}
	return "", domain.ErrNotFound
}

type signalReport struct {
	Postcode        string   `json:"postcode"`
	NeighbourhoodID string   `json:"neighbourhoodId"`
	Identification  string   `json:"identification"`
	LifeDomains     []string `json:"lifeDomains"`
	Urgency         string   `json:"urgency"`
	Description     string   `json:"description"`
	PersonKnows     *bool    `json:"personKnows"`
	CallbackPhone   string   `json:"callbackPhone"`
}

func (s *server) reportSignal(c *fiber.Ctx) error {
	var in signalReport
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	receipt, err := s.signals.Report(c.UserContext(), callerOf(c).UserID, signals.Report{
		Postcode: in.Postcode, NeighbourhoodID: in.NeighbourhoodID, Identification: in.Identification,
		LifeDomains: in.LifeDomains, Urgency: signals.Urgency(in.Urgency), Description: in.Description,
		PersonKnows: in.PersonKnows, CallbackPhone: in.CallbackPhone})
	var limit *signals.LimitError
	if errors.As(err, &limit) {
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(max(int(limit.RetryAfter.Seconds()+0.999), 1)))
		return s.writeProblem(c, newProblem(http.StatusTooManyRequests,
			"You reported the most signals allowed in one day. You can report again after midnight; "+
				"if it cannot wait, call your contact person."))
	}
	if err != nil {
		return err
	}
	c.Location(BasePath + "/signals/" + receipt.ID)
	return c.Status(http.StatusCreated).JSON(receipt)
}

func (s *server) listSignals(c *fiber.Ctx) error {
	cursor, limit, err := pagination(c)
	if err != nil {
		return err
	}
	f := signals.ListFilter{Status: signals.Status(c.Query("status"))}
	switch c.Query("unassigned") {
	case "", "false":
	case "true":
		f.Unassigned = true
	default:
		return invalidField("unassigned", "must be true or false")
	}
	p, err := s.signals.List(c.UserContext(), viewer(c), f, cursor, limit)
	if err != nil {
		return err
	}
	return c.JSON(newPage(p.Items, p.Next))
}

func (s *server) getSignal(c *fiber.Ctx) error {
	v, err := s.signals.Get(c.UserContext(), viewer(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(v)
}

type signalTransition struct {
	To           string `json:"to"`
	Note         string `json:"note"`
	PublicUpdate string `json:"publicUpdate"`
}

func (s *server) transitionSignal(c *fiber.Ctx) error {
	userID, err := s.teamMember(c)
	if userID == "" {
		return err
	}
	var in signalTransition
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	v, err := s.signals.Transition(c.UserContext(), userID, c.Params("id"),
		signals.Move{To: signals.Status(in.To), Note: in.Note, PublicUpdate: in.PublicUpdate})
	if err != nil {
		return err
	}
	return c.JSON(v)
}

func (s *server) assignSignal(c *fiber.Ctx) error {
	userID, err := s.teamMember(c)
	if userID == "" {
		return err
	}
	var in struct {
		UserID string `json:"userId"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	v, err := s.signals.Assign(c.UserContext(), userID, c.Params("id"), in.UserID)
	if err != nil {
		return err
	}
	return c.JSON(v)
}

func (s *server) listSignalNotes(c *fiber.Ctx) error {
	userID, err := s.teamMember(c)
	if userID == "" {
		return err
	}
	notes, err := s.signals.Notes(c.UserContext(), userID, c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(newPage(notes, ""))
}

func (s *server) addSignalNote(c *fiber.Ctx) error {
	userID, err := s.teamMember(c)
	if userID == "" {
		return err
	}
	var in struct {
		Text string `json:"text"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	note, err := s.signals.AddNote(c.UserContext(), userID, c.Params("id"), in.Text)
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(note)
}

func (s *server) listProcessingLog(c *fiber.Ctx) error {
	cursor, limit, err := pagination(c)
	if err != nil {
		return err
	}
	p, err := s.signals.ProcessingLog(c.UserContext(),
		signals.LogFilter{SignalID: c.Query("signalId"), UserID: c.Query("userId")}, cursor, limit)
	if err != nil {
		return err
	}
	return c.JSON(newPage(p.Items, p.Next))
}

package api

import (
	"net/http"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/noaber/noaber/internal/accounts"
	"github.com/noaber/noaber/internal/facilities"
	"github.com/noaber/noaber/internal/stats"
)

// socialMap holds the handlers of the social map and the monitor.
type socialMap struct {
	*server
	facilities *facilities.Facilities
	stats      *stats.Stats
	now        func() time.Time
}

// socialMapRoutes registers the social map (facilities) and the monitor
// (statistics). Everybody who is logged in reads the social map; brokers of
// an area and admins change it, and anything they may not change is a 404.
// The monitor is for brokers (their areas) and admins only.
func (s *server) socialMapRoutes(v1 fiber.Router) {
	m := socialMap{server: s, facilities: s.facilities, stats: s.stats, now: s.now}
	v1.Get("/facilities", s.authenticated, m.listFacilities)
	v1.Post("/facilities", s.authenticated, s.requireRole(accounts.Broker, accounts.Admin), s.idempotent,
		m.createFacility)
	v1.Patch("/facilities/:id", s.authenticated, m.mayEditFacilities, m.changeFacility)
	v1.Delete("/facilities/:id", s.authenticated, m.mayEditFacilities, m.deleteFacility)
	v1.Get("/stats", s.authenticated, s.requireRole(accounts.Broker, accounts.Admin), m.getStats)
}

// facilityViewer is the caller as the social map needs them: professional
// roles count only with a proven second factor.
func facilityViewer(c *fiber.Ctx) facilities.Viewer {
	caller := callerOf(c)
	return facilities.Viewer{UserID: caller.UserID, NeighbourhoodCode: caller.NeighbourhoodCode,
		Broker: caller.Has(accounts.Broker) && caller.SecondFactor,
		Admin:  caller.Has(accounts.Admin) && caller.SecondFactor}
}

// mayEditFacilities tells a broker or admin without second factor to use
// it; anybody else goes on, to the 404 of a facility they may not change.
func (m socialMap) mayEditFacilities(c *fiber.Ctx) error {
	caller := callerOf(c)
	if (caller.Has(accounts.Broker) || caller.Has(accounts.Admin)) && !caller.SecondFactor {
		return m.writeProblem(c, secondFactorRequired())
	}
	return c.Next()
}

func (m socialMap) listFacilities(c *fiber.Ctx) error {
	cursor, limit, err := pagination(c)
	if err != nil {
		return err
	}
	p, err := m.facilities.List(c.UserContext(), facilityViewer(c),
		facilities.Filter{AreaID: c.Query("areaId"), Category: c.Query("category")}, cursor, limit)
	if err != nil {
		return err
	}
	return c.JSON(newPage(p.Items, p.Next))
}

// facilityContact is the contact part of a facility in a request.
type facilityContact struct {
	Phone   facilities.Nullable[string] `json:"phone"`
	Email   facilities.Nullable[string] `json:"email"`
	Address facilities.Nullable[string] `json:"address"`
}

type facilityRequest struct {
	Name         *string                     `json:"name"`
	Description  *string                     `json:"description"`
	Categories   *[]string                   `json:"categories"`
	Areas        *[]string                   `json:"areas"`
	Contact      *facilityContact            `json:"contact"`
	OpeningHours facilities.Nullable[string] `json:"openingHours"`
	Link         facilities.Nullable[string] `json:"link"`
}

// change is the request as a partial update; a new facility is a change
// of an empty one.
func (in facilityRequest) change() facilities.Change {
	ch := facilities.Change{Name: in.Name, Description: in.Description, Categories: in.Categories,
		Areas: in.Areas, OpeningHours: in.OpeningHours, Link: in.Link}
	if in.Contact != nil {
		ch.Phone, ch.Email, ch.Address = in.Contact.Phone, in.Contact.Email, in.Contact.Address
	}
	return ch
}

func (m socialMap) createFacility(c *fiber.Ctx) error {
	var in facilityRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	f, err := m.facilities.Create(c.UserContext(), facilityViewer(c), facilities.Input{}.Apply(in.change()))
	if err != nil {
		return err
	}
	c.Location(BasePath + "/facilities/" + f.ID)
	return c.Status(http.StatusCreated).JSON(f)
}

func (m socialMap) changeFacility(c *fiber.Ctx) error {
	var in facilityRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	f, err := m.facilities.Change(c.UserContext(), facilityViewer(c), c.Params("id"), in.change())
	if err != nil {
		return err
	}
	return c.JSON(f)
}

func (m socialMap) deleteFacility(c *fiber.Ctx) error {
	if err := m.facilities.Delete(c.UserContext(), facilityViewer(c), c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}

package api

import (
	"github.com/gofiber/fiber/v2"

	"github.com/noaber/noaber/internal/accounts"
	"github.com/noaber/noaber/internal/areas"
)

func (s *server) getPostcode(c *fiber.Ctx) error {
	postcode, ok := areas.NormalisePostcode(c.Params("postcode"))
	if !ok {
		return invalidField("postcode", "must be a Dutch postcode such as 1234 AB or 1234")
	}
	place, err := areas.Locate(c.UserContext(), s.db, postcode)
	if err != nil {
		return err
	}
	return c.JSON(place)
}

// areaRoutes registers areas, area teams, organisations, roles and public
// profiles.
func (s *server) areaRoutes(v1 fiber.Router) {
	admin := s.requireRole(accounts.Admin)
	managers := s.requireRole(accounts.Admin, accounts.Broker)
	// The area tree is public; its list of gaps is for admins only.
	gaps := func(h fiber.Handler) fiber.Handler { return whenQuery("withoutContact", "true", h) }
	v1.Get("/areas", gaps(s.authenticated), gaps(admin), s.listAreas)
	v1.Get("/areas/:id", s.optionallyAuthenticated, s.getArea)

	v1.Get("/area-teams", s.authenticated, admin, s.listAreaTeams)
	v1.Post("/area-teams", s.authenticated, admin, s.createAreaTeam)
	v1.Patch("/area-teams/:id", s.authenticated, admin, s.updateAreaTeam)

	v1.Get("/organisations", s.authenticated, managers, s.listOrganisations)
	v1.Post("/organisations", s.authenticated, managers, s.createOrganisation)
	v1.Patch("/organisations/:id", s.authenticated, managers, s.updateOrganisation)

	v1.Get("/users/:id", s.authenticated, s.getProfile)
	v1.Put("/users/:id/roles/:role", s.authenticated, managers, s.grantRole)
	v1.Delete("/users/:id/roles/:role", s.authenticated, managers, s.revokeRole)

	v1.Get("/me/contact-person", s.authenticated, s.requireRole(accounts.Keyfigure), s.getContactPersons)
}

// whenQuery runs h only when query parameter key has value want, and
// otherwise passes the request on.
func whenQuery(key, want string, h fiber.Handler) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if c.Query(key) != want {
			return c.Next()
		}
		return h(c)
	}
}

// optionallyAuthenticated identifies the caller when a token is sent (a bad
// token is still a 401) and lets anonymous requests through.
func (s *server) optionallyAuthenticated(c *fiber.Ctx) error {
	if bearerToken(c) == "" {
		return c.Next()
	}
	return s.authenticated(c)
}

func (s *server) listAreas(c *fiber.Ctx) error {
	switch c.Query("withoutContact") {
	case "", "false":
		tree, err := areas.Tree(c.UserContext(), s.db)
		if err != nil {
			return err
		}
		return c.JSON(newPage(tree, ""))
	case "true":
		gaps, err := areas.Gaps(c.UserContext(), s.db)
		if err != nil {
			return err
		}
		return c.JSON(newPage(gaps, ""))
	}
	return invalidField("withoutContact", "must be true or false")
}

func (s *server) getArea(c *fiber.Ctx) error {
	loggedIn := callerOf(c).UserID != ""
	area, err := areas.Find(c.UserContext(), s.db, c.Params("id"), loggedIn)
	if err != nil {
		return err
	}
	return c.JSON(area)
}

package api

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/noaber/noaber/internal/domain"
	"github.com/noaber/noaber/internal/market"
)

// postRoutes registers categories, posts and the feed, blocks and the
// holiday pause. Who may see or change a post is decided in the market
// domain, in its queries: a post somebody may not see or change is a 404.
func (s *server) postRoutes(v1 fiber.Router) {
	s.categoryRoutes(v1)
	v1.Get("/posts", s.authenticated, s.feed)
	v1.Post("/posts", s.authenticated, s.idempotent, s.createPost)
	v1.Get("/posts/:id", s.authenticated, s.getPost)
	v1.Patch("/posts/:id", s.authenticated, s.changePost)
	v1.Delete("/posts/:id", s.authenticated, s.withdrawPost)
	v1.Post("/posts/:id/renewal", s.authenticated, s.renewPost)
	v1.Get("/me/posts", s.authenticated, s.myPosts)
	s.blockRoutes(v1)
}

type postRequest struct {
	Kind           string   `json:"kind"`
	Category       string   `json:"category"`
	Title          string   `json:"title"`
	Body           string   `json:"body"`
	MomentText     *string  `json:"momentText"`
	MomentAt       *string  `json:"momentAt"`
	Recurrence     *string  `json:"recurrence"`
	RadiusKm       *float64 `json:"radiusKm"`
	OrganisationID *string  `json:"organisationId"`
	OnBehalfOf     *string  `json:"onBehalfOf"`
}

func (s *server) createPost(c *fiber.Ctx) error {
	var in postRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if ok, err := s.mayActOnBehalf(c, in.OnBehalfOf); !ok {
		return err
	}
	p, err := s.market.CreatePost(c.UserContext(), callerOf(c).UserID, market.NewPost(in))
	if err != nil {
		return s.marketProblem(c, err)
	}
	c.Location(BasePath + "/posts/" + p.ID)
	return c.Status(http.StatusCreated).JSON(p)
}

// marketProblem answers the one market error that needs its own words: a
// person without a neighbourhood cannot post or read the feed.
func (s *server) marketProblem(c *fiber.Ctx, err error) error {
	if !errors.Is(err, market.ErrNoNeighbourhood) {
		return err
	}
	p := newProblem(http.StatusConflict,
		"Posts belong to a neighbourhood. Add your postcode to your profile first (PATCH /me).")
	p.Type = problemBase + "neighbourhood-required"
	return s.writeProblem(c, p)
}

func (s *server) getPost(c *fiber.Ctx) error {
	p, err := s.market.Post(c.UserContext(), callerOf(c).UserID, c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(p)
}

type postChangeRequest struct {
	Category       *string                 `json:"category"`
	Title          *string                 `json:"title"`
	Body           *string                 `json:"body"`
	Recurrence     *string                 `json:"recurrence"`
	MomentText     market.Nullable[string] `json:"momentText"`
	MomentAt       market.Nullable[string] `json:"momentAt"`
	OrganisationID market.Nullable[string] `json:"organisationId"`
	RadiusKm       *float64                `json:"radiusKm"`
}

func (s *server) changePost(c *fiber.Ctx) error {
	var in postChangeRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	p, err := s.market.ChangePost(c.UserContext(), callerOf(c).UserID, c.Params("id"), market.PostChange(in))
	if err != nil {
		return err
	}
	return c.JSON(p)
}

func (s *server) withdrawPost(c *fiber.Ctx) error {
	if err := s.market.WithdrawPost(c.UserContext(), callerOf(c).UserID, c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(http.StatusNoContent)
}

func (s *server) renewPost(c *fiber.Ctx) error {
	p, err := s.market.RenewPost(c.UserContext(), callerOf(c).UserID, c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(p)
}

func (s *server) myPosts(c *fiber.Ctx) error {
	cursor, limit, err := pagination(c)
	if err != nil {
		return err
	}
	p, err := s.market.MyPosts(c.UserContext(), callerOf(c).UserID, market.Status(c.Query("status")), cursor, limit)
	if err != nil {
		return err
	}
	return c.JSON(newPage(p.Items, p.Next))
}

func (s *server) feed(c *fiber.Ctx) error {
	f, cursor, limit, err := feedParams(c)
	if err != nil {
		return err
	}
	caller := callerOf(c)
	p, err := s.market.Feed(c.UserContext(),
		market.Reader{UserID: caller.UserID, NeighbourhoodCode: caller.NeighbourhoodCode}, f, cursor, limit)
	if err != nil {
		return s.marketProblem(c, err)
	}
	return c.JSON(newPage(p.Items, p.Next))
}

// feedParams reads the feed's filters and its own kind of cursor; every bad
// parameter is named at once. The limit follows the rules of pagination.
func feedParams(c *fiber.Ctx) (market.FeedFilter, *market.FeedCursor, int, error) {
	var check domain.Checker
	f := market.FeedFilter{Kind: c.Query("kind"), Category: c.Query("category"), Query: c.Query("q")}
	if raw := c.Query("radiusKm"); raw != "" {
		// 0 would mean "the default" to the domain: refuse it here.
		if r, err := strconv.ParseFloat(raw, 64); err == nil && r > 0 {
			f.RadiusKm = r
		} else {
			check.Fail("radiusKm", "must be 0.5 to 15 km")
		}
	}
	limit := 20
	if raw := c.Query("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		check.Check(err == nil && n >= 1 && n <= 100, "limit", "must be a whole number from 1 to 100")
		limit = n
	}
	f.CheckInto(&check)
	cursor, ok := market.ParseFeedCursor(c.Query("cursor"))
	check.Check(ok, "cursor", "is not a cursor from a previous page")
	if err := check.Err(); err != nil {
		return f, nil, 0, err
	}
	return f, cursor, limit, nil
}

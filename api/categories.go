package api

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/noaber/noaber/internal/accounts"
	"github.com/noaber/noaber/internal/market"
)

// categoryRoutes registers the categories: public to read, admin (with
// second factor) to change. ?all=true (retired ones too) is for admins:
// only then does the list need a caller.
func (s *server) categoryRoutes(v1 fiber.Router) {
	admin := s.requireRole(accounts.Admin)
	v1.Get("/categories", onlyWhen(wantsAll, s.authenticated), onlyWhen(wantsAll, admin), s.listCategories)
	v1.Post("/categories", s.authenticated, admin, s.idempotent, s.createCategory)
	v1.Patch("/categories/:id", s.authenticated, admin, s.changeCategory)
}

// onlyWhen runs middleware h only when when says so, and otherwise goes on
// to the next handler: a public route can then ask for a caller for one
// variant only.
func onlyWhen(when func(c *fiber.Ctx) bool, h fiber.Handler) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if !when(c) {
			return c.Next()
		}
		return h(c)
	}
}

func wantsAll(c *fiber.Ctx) bool { return c.Query("all") == "true" }

func (s *server) listCategories(c *fiber.Ctx) error {
	if all := c.Query("all"); all != "" && all != "true" && all != "false" {
		return invalidField("all", "must be true or false")
	}
	list, err := s.market.Categories(c.UserContext(), wantsAll(c))
	if err != nil {
		return err
	}
	return c.JSON(newPage(list, ""))
}

type categoryRequest struct {
	ID       string        `json:"id"`
	Labels   market.Labels `json:"labels"`
	Icon     string        `json:"icon"`
	Position int           `json:"position"`
}

func (s *server) createCategory(c *fiber.Ctx) error {
	var in categoryRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	cat, err := s.market.CreateCategory(c.UserContext(), market.NewCategory(in))
	if err != nil {
		return err
	}
	c.Location(BasePath + "/categories/" + cat.ID)
	return c.Status(http.StatusCreated).JSON(cat)
}

type categoryChangeRequest struct {
	Labels *struct {
		NL *string `json:"nl"`
		EN *string `json:"en"`
	} `json:"labels"`
	Icon     *string `json:"icon"`
	Position *int    `json:"position"`
	Retired  *bool   `json:"retired"`
}

func (s *server) changeCategory(c *fiber.Ctx) error {
	var in categoryChangeRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	ch := market.CategoryChange{Icon: in.Icon, Position: in.Position, Retired: in.Retired}
	if in.Labels != nil {
		ch.LabelNL, ch.LabelEN = in.Labels.NL, in.Labels.EN
	}
	cat, err := s.market.ChangeCategory(c.UserContext(), c.Params("id"), ch)
	if err != nil {
		return err
	}
	return c.JSON(cat)
}

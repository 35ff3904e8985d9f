package api

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/noaber/noaber/internal/domain"
)

// page is every list answer: the items and the cursor of the next page
// (null on the last one).
type page[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"nextCursor"`
}

// newPage wraps items; next is empty on the last page (or for a list that
// is answered in full).
func newPage[T any](items []T, next string) page[T] {
	if items == nil {
		items = []T{}
	}
	p := page[T]{Items: items}
	if next != "" {
		p.NextCursor = &next
	}
	return p
}

// pagination reads cursor and limit (default 20, at most 100).
func pagination(c *fiber.Ctx) (domain.Cursor, int, error) {
	var check domain.Checker
	limit := 20
	if raw := c.Query("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		check.Check(err == nil && n >= 1 && n <= 100, "limit", "must be a whole number from 1 to 100")
		limit = n
	}
	cursor, ok := domain.ParseCursor(c.Query("cursor"))
	check.Check(ok, "cursor", "is not a cursor from a previous page")
	return cursor, limit, check.Err()
}

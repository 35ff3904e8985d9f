package organisations

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/noaber/noaber/internal/domain"
)

// check validates in, naming every bad field at once, and returns the
// cleaned name and kind ("" when not given).
func check(ctx context.Context, tx *sqlx.Tx, scope Scope, in Input, create bool) (name, kind string, err error) {
	var c domain.Checker
	if in.Name != nil {
		name = strings.Join(strings.Fields(*in.Name), " ")
		n := utf8.RuneCountInString(name)
		c.Check(n >= 1 && n <= 120, "name", "must be 1 to 120 characters")
	} else if create {
		c.Fail("name", "is required")
	}
	if in.Kind != nil {
		kind = *in.Kind
		c.Check(validKind(kind), "kind", "must be one of association, school, practice, church, shop, other")
	} else if create {
		c.Fail("kind", "is required")
	}
	switch {
	case in.AreaIDs == nil && create:
		c.Fail("areaIds", "is required")
	case in.AreaIDs != nil && len(*in.AreaIDs) == 0:
		c.Fail("areaIds", "must name at least one neighbourhood")
	case in.AreaIDs != nil:
		if err := checkAreas(ctx, tx, &c, scope, *in.AreaIDs); err != nil {
			return "", "", err
		}
	}
	return name, kind, c.Err()
}

func validKind(k string) bool {
	for _, known := range Kinds {
		if Kind(k) == known {
			return true
		}
	}
	return false
}

// checkAreas accepts neighbourhoods only, and for a broker only their own.
func checkAreas(ctx context.Context, q sqlx.QueryerContext, c *domain.Checker, scope Scope, codes []string) error {
	var rows []struct {
		Code string `db:"code"`
		Mine bool   `db:"mine"`
	}
	if err := sqlx.SelectContext(ctx, q, &rows, `
		SELECT a.code, $2 OR EXISTS (SELECT 1 FROM broker_areas ba WHERE ba.area_code = a.code AND ba.user_id::text = $3) AS mine
		FROM areas a WHERE a.code = ANY($1) AND a.kind = 'neighbourhood'`,
		pq.Array(codes), scope.All, scope.BrokerID); err != nil {
		return fmt.Errorf("find areas: %w", err)
	}
	mine := map[string]bool{}
	known := map[string]bool{}
	for _, r := range rows {
		known[r.Code], mine[r.Code] = true, r.Mine
	}
	seen := map[string]bool{}
	for i, code := range codes {
		field := fmt.Sprintf("areaIds[%d]", i)
		switch {
		case !known[code]:
			c.Fail(field, "must be the code of a neighbourhood (BU…)")
		case !mine[code]:
			c.Fail(field, "is not one of your neighbourhoods")
		case seen[code]:
			c.Fail(field, "is listed more than once")
		}
		seen[code] = true
	}
	return nil
}

// notFoundIfNoRows maps sql.ErrNoRows to domain.ErrNotFound.
func notFoundIfNoRows(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return domain.ErrNotFound
	}
	return err
}

// Package organisations knows the associations, schools, practices and
// other organisations that key figures belong to, and the neighbourhoods
// they are active in. Admins manage all of them; a broker manages those
// active in their own neighbourhoods.
package organisations

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/noaber/noaber/internal/areas"
	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/domain"
)

// Kind is what sort of organisation it is.
type Kind string

// The kinds of organisation.
const (
	Association Kind = "association"
	School      Kind = "school"
	Practice    Kind = "practice"
	Church      Kind = "church"
	Shop        Kind = "shop"
	Other       Kind = "other"
)

// Kinds lists every kind, for validation.
var Kinds = []Kind{Association, School, Practice, Church, Shop, Other}

// Organisation is an organisation with the neighbourhoods it is active in.
type Organisation struct {
	ID    string      `json:"id"`
	Name  string      `json:"name"`
	Kind  Kind        `json:"kind"`
	Areas []areas.Ref `json:"areas"`
}

// Scope is which organisations a caller may see and change: all of them
// (All, for admins) or those active in one of broker BrokerID's
// neighbourhoods. Out of scope looks the same as not existing.
type Scope struct {
	All      bool
	BrokerID string
}

// Input creates or changes an organisation; for a change nil fields stay as
// they are and AreaIDs replaces the areas (a broker's change touches only
// the areas in their own neighbourhoods).
type Input struct {
	Name    *string
	Kind    *string
	AreaIDs *[]string
}

// inScope is true for organisation o (alias o) when scope ($2 all, $3
// broker) may see it.
const inScope = `($2 OR EXISTS (
	SELECT 1 FROM organisation_areas soa
	JOIN broker_areas ba ON ba.area_code = soa.area_code AND ba.user_id::text = $3
	WHERE soa.organisation_id = o.id))`

const listQuery = `
	SELECT o.id, o.name, o.kind, a.code AS area_code, a.name AS area_name
	FROM organisations o
	LEFT JOIN organisation_areas oa ON oa.organisation_id = o.id
	LEFT JOIN areas a ON a.code = oa.area_code
	WHERE ($1 = '' OR o.id::text = $1) AND ` + inScope + `
	ORDER BY o.name, o.id, a.name, a.code`

// List returns the organisations in scope, by name.
func List(ctx context.Context, q sqlx.QueryerContext, scope Scope) ([]Organisation, error) {
	return load(ctx, q, scope, "")
}

// Find returns one organisation in scope, or domain.ErrNotFound.
func Find(ctx context.Context, q sqlx.QueryerContext, scope Scope, id string) (Organisation, error) {
	list, err := load(ctx, q, scope, id)
	if err != nil {
		return Organisation{}, err
	}
	if len(list) == 0 {
		return Organisation{}, fmt.Errorf("organisation %s: %w", id, domain.ErrNotFound)
	}
	return list[0], nil
}

func load(ctx context.Context, q sqlx.QueryerContext, scope Scope, id string) ([]Organisation, error) {
	var rows []struct {
		ID       string  `db:"id"`
		Name     string  `db:"name"`
		Kind     Kind    `db:"kind"`
		AreaCode *string `db:"area_code"`
		AreaName *string `db:"area_name"`
	}
	if err := sqlx.SelectContext(ctx, q, &rows, listQuery, id, scope.All, scope.BrokerID); err != nil {
		return nil, fmt.Errorf("list organisations: %w", err)
	}
	out := []Organisation{}
	for _, r := range rows {
		if len(out) == 0 || out[len(out)-1].ID != r.ID {
			out = append(out, Organisation{ID: r.ID, Name: r.Name, Kind: r.Kind, Areas: []areas.Ref{}})
		}
		if r.AreaCode != nil {
			last := &out[len(out)-1]
			last.Areas = append(last.Areas, areas.Ref{ID: *r.AreaCode, Name: *r.AreaName})
		}
	}
	return out, nil
}

// Create adds an organisation; a broker may only place it in their own
// neighbourhoods.
func Create(ctx context.Context, db *sqlx.DB, scope Scope, in Input) (Organisation, error) {
	var out Organisation
	err := database.WithTx(ctx, db, func(tx *sqlx.Tx) error {
		name, kind, err := check(ctx, tx, scope, in, true)
		if err != nil {
			return err
		}
		var id string
		if err := tx.GetContext(ctx, &id, `
			INSERT INTO organisations (name, kind) VALUES ($1, $2) RETURNING id`, name, kind); err != nil {
			return fmt.Errorf("insert organisation: %w", err)
		}
		if err := setAreas(ctx, tx, scope, id, *in.AreaIDs); err != nil {
			return err
		}
		out, err = Find(ctx, tx, Scope{All: true}, id)
		return err
	})
	return out, err
}

// Update changes an organisation in scope; out of scope is
// domain.ErrNotFound.
func Update(ctx context.Context, db *sqlx.DB, scope Scope, id string, in Input) (Organisation, error) {
	var out Organisation
	err := database.WithTx(ctx, db, func(tx *sqlx.Tx) error {
		var found string
		err := tx.GetContext(ctx, &found, `
			SELECT o.id FROM organisations o WHERE o.id::text = $1 AND `+inScope+` FOR UPDATE`,
			id, scope.All, scope.BrokerID)
		if err != nil {
			return fmt.Errorf("find organisation %s: %w", id, notFoundIfNoRows(err))
		}
		name, kind, err := check(ctx, tx, scope, in, false)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
			UPDATE organisations SET name = COALESCE(NULLIF($2, ''), name), kind = COALESCE(NULLIF($3, ''), kind)
			WHERE id = $1`, found, name, kind); err != nil {
			return fmt.Errorf("update organisation: %w", err)
		}
		if in.AreaIDs != nil {
			if err := setAreas(ctx, tx, scope, found, *in.AreaIDs); err != nil {
				return err
			}
		}
		out, err = Find(ctx, tx, Scope{All: true}, found)
		return err
	})
	return out, err
}

// setAreas replaces the areas of organisation id that scope may manage.
func setAreas(ctx context.Context, tx *sqlx.Tx, scope Scope, id string, codes []string) error {
	if _, err := tx.ExecContext(ctx, `
		DELETE FROM organisation_areas
		WHERE organisation_id = $1
		  AND ($2 OR area_code IN (SELECT area_code FROM broker_areas WHERE user_id::text = $3))`,
		id, scope.All, scope.BrokerID); err != nil {
		return fmt.Errorf("clear organisation areas: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO organisation_areas (organisation_id, area_code)
		SELECT $1, code FROM unnest($2::text[]) AS code
		ON CONFLICT DO NOTHING`, id, pq.Array(codes)); err != nil {
		return fmt.Errorf("save organisation areas: %w", err)
	}
	return nil
}

// InScope reports domain.ErrNotFound unless organisation id exists and
// scope may see it.
func InScope(ctx context.Context, q sqlx.QueryerContext, scope Scope, id string) error {
	var ok bool
	err := sqlx.GetContext(ctx, q, &ok, `
		SELECT EXISTS (SELECT 1 FROM organisations o WHERE o.id::text = $1 AND `+inScope+`)`,
		id, scope.All, scope.BrokerID)
	if err != nil {
		return fmt.Errorf("find organisation: %w", err)
	}
	if !ok {
		return fmt.Errorf("organisation %s: %w", id, domain.ErrNotFound)
	}
	return nil
}

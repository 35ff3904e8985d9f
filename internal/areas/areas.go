// Package areas knows the places Noaber is used in: municipalities,
// districts and neighbourhoods with their CBS codes, which neighbourhoods
// border each other, and which postcode lies in which neighbourhood.
package areas

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// Kind is the level of an area in the CBS hierarchy.
type Kind string

// The three levels, from large to small.
const (
	Municipality  Kind = "municipality"
	District      Kind = "district"
	Neighbourhood Kind = "neighbourhood"
)

// Area is a municipality (GM…), district (WK…) or neighbourhood (BU…).
type Area struct {
	Code       string   `db:"code"`
	Kind       Kind     `db:"kind"`
	Name       string   `db:"name"`
	ParentCode *string  `db:"parent_code"`
	Latitude   *float64 `db:"latitude"`
	Longitude  *float64 `db:"longitude"`
}

// Border says that two neighbourhoods share a border.
type Border struct{ A, B string }

// Postcode places a PC6 ("9999AA") or PC4 ("9999") postcode in a neighbourhood.
type Postcode struct {
	Postcode          string `db:"postcode"`
	NeighbourhoodCode string `db:"neighbourhood_code"`
}

// Map is a complete set of areas with their borders and postcodes, as
// imported or seeded in one go.
type Map struct {
	Areas     []Area
	Borders   []Border
	Postcodes []Postcode
}

// Save inserts or updates every area, border and postcode of m inside tx.
// Areas must come parents first.
func Save(ctx context.Context, tx *sqlx.Tx, m Map) error {
	for _, a := range m.Areas {
		if _, err := tx.NamedExecContext(ctx, `
			INSERT INTO areas (code, kind, name, parent_code, latitude, longitude)
			VALUES (:code, :kind, :name, :parent_code, :latitude, :longitude)
			ON CONFLICT (code) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name,
				parent_code = EXCLUDED.parent_code, latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude`,
			a); err != nil {
			return fmt.Errorf("save area %s: %w", a.Code, err)
		}
	}
	for _, b := range m.Borders {
		a, z := b.A, b.B
		if z < a {
			a, z = z, a
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO area_borders (area_code, neighbour_code) VALUES ($1, $2)
			ON CONFLICT DO NOTHING`, a, z); err != nil {
			return fmt.Errorf("save border %s-%s: %w", a, z, err)
		}
	}
	for _, p := range m.Postcodes {
		if _, err := tx.NamedExecContext(ctx, `
			INSERT INTO postcodes (postcode, neighbourhood_code) VALUES (:postcode, :neighbourhood_code)
			ON CONFLICT (postcode) DO UPDATE SET neighbourhood_code = EXCLUDED.neighbourhood_code`,
			p); err != nil {
			return fmt.Errorf("save postcode %s: %w", p.Postcode, err)
		}
	}
	return nil
}

// Package demo fills a database with the fictional municipality Noaberveen
// (GM9999), so that a newcomer sees a living Noaber at once. Seeding is
// idempotent: running it twice leaves the same data.
package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/noaber/noaber/internal/accounts"
	"github.com/noaber/noaber/internal/areas"
	"github.com/noaber/noaber/internal/database"
)

// Summary tells what the demo contains.
type Summary struct {
	Municipality   string
	Districts      int
	Neighbourhoods int
	Postcodes      int
	Users          int
	// Posts counts the demo marketplace's requests and offers.
	Posts int
}

// MunicipalityCode is the CBS code of the demo municipality.
const MunicipalityCode = "GM9999"

// The neighbourhoods lie on a grid of four columns; each district is one
// row (Noord on top, Binnenstad in the middle). Neighbours on the grid share
// a border. Centrum comes first so that it gets postcode 9999AA.
var districts = []struct {
	code, name     string
	row            int
	neighbourhoods [4]string
}{
	{"WK999901", "Binnenstad", 1, [4]string{"Centrum", "Havenkwartier", "Kerkbuurt", "Stationsbuurt"}},
	{"WK999902", "Noord", 0, [4]string{"Esch", "Molenakker", "De Veldhoek", "Noorderhagen"}},
	{"WK999903", "Zuid", 2, [4]string{"Beekdal", "Oude Kamp", "Zonnehof", "Brinkhorst"}},
}

// Seed writes the demo data: the map, the demo accounts, signals and the
// marketplace.
func Seed(ctx context.Context, db *sqlx.DB, accts *accounts.Accounts) (Summary, error) {
	sum, err := SeedAreas(ctx, db)
	if err != nil {
		return sum, err
	}
	ids, err := seedUsers(ctx, db, accts)
	if err != nil {
		return sum, err
	}
	if err := seedBrokerAreas(ctx, db, ids["makelaar@noaberveen.nl"], ids["nieuwe.makelaar@noaberveen.nl"]); err != nil {
		return sum, err
	}
	err = database.WithTx(ctx, db, func(tx *sqlx.Tx) error {
		return SeedTeams(ctx, tx, []string{ids["contact@noaberveen.nl"], ids["contact2@noaberveen.nl"]},
			ids["coordinator@noaberveen.nl"])
	})
	if err != nil {
		return sum, fmt.Errorf("demo teams: %w", err)
	}
	if err := seedSignals(ctx, db, ids["sleutelfiguur@noaberveen.nl"], ids["contact@noaberveen.nl"]); err != nil {
		return sum, err
	}
	if err := seedMarket(ctx, db, ids, time.Now()); err != nil {
		return sum, err
	}
	if err := seedFacilities(ctx, db, ids["makelaar@noaberveen.nl"]); err != nil {
		return sum, err
	}
	sum.Users = len(ids)
	sum.Posts = len(demoPosts)
	return sum, nil
}

// seedBrokerAreas lets each demo broker work in the Binnenstad and Noord.
func seedBrokerAreas(ctx context.Context, db *sqlx.DB, brokerIDs ...string) error {
	_, err := db.ExecContext(ctx, `
		INSERT INTO broker_areas (user_id, area_code)
		SELECT b, a.code FROM unnest($1::uuid[]) AS b, areas a
		WHERE a.kind = 'neighbourhood' AND a.parent_code IN ('WK999901', 'WK999902')
		ON CONFLICT DO NOTHING`, pq.Array(brokerIDs))
	if err != nil {
		return fmt.Errorf("demo broker areas: %w", err)
	}
	return nil
}

// SeedAreas writes only the map of Noaberveen, in one transaction (tests
// use it as their map).
func SeedAreas(ctx context.Context, db *sqlx.DB) (Summary, error) {
	m := Noaberveen()
	err := database.WithTx(ctx, db, func(tx *sqlx.Tx) error {
		return areas.Save(ctx, tx, m)
	})
	if err != nil {
		return Summary{}, fmt.Errorf("seed demo areas: %w", err)
	}
	return Summary{
		Municipality:   "Noaberveen (" + MunicipalityCode + ")",
		Districts:      len(districts),
		Neighbourhoods: len(districts) * 4,
		Postcodes:      len(m.Postcodes),
	}, nil
}

// Noaberveen returns the demo municipality's map: 3 districts, 12
// neighbourhoods about 1.2 km apart, their borders, and postcodes 9999AA to
// 9999LE (five per neighbourhood; 9999AA lies in Centrum) plus the PC4 9999.
func Noaberveen() areas.Map {
	gm := MunicipalityCode
	m := areas.Map{Areas: []areas.Area{{Code: gm, Kind: areas.Municipality, Name: "Noaberveen",
		Latitude: ptr(52.754), Longitude: ptr(6.507)}}}
	grid := make([][4]string, len(districts))
	letter := 'A'
	for _, d := range districts {
		row := d.row
		m.Areas = append(m.Areas, areas.Area{Code: d.code, Kind: areas.District, Name: d.name, ParentCode: ptr(gm),
			Latitude: ptr(52.766 - float64(row)*0.012), Longitude: ptr(6.507)})
		for col, name := range d.neighbourhoods {
			code := fmt.Sprintf("BU%s%02d", d.code[2:], col+1)
			grid[row][col] = code
			m.Areas = append(m.Areas, areas.Area{Code: code, Kind: areas.Neighbourhood, Name: name,
				ParentCode: ptr(d.code), Latitude: ptr(52.766 - float64(row)*0.012), Longitude: ptr(6.48 + float64(col)*0.018)})
			for second := 'A'; second <= 'E'; second++ {
				m.Postcodes = append(m.Postcodes, areas.Postcode{
					Postcode: fmt.Sprintf("9999%c%c", letter, second), NeighbourhoodCode: code})
			}
			letter++
		}
	}
	m.Postcodes = append(m.Postcodes, areas.Postcode{Postcode: "9999", NeighbourhoodCode: grid[1][0]})
	m.Borders = gridBorders(grid)
	return m
}

func gridBorders(grid [][4]string) []areas.Border {
	var out []areas.Border
	for row := range grid {
		for col := range grid[row] {
			if col+1 < len(grid[row]) {
				out = append(out, areas.Border{A: grid[row][col], B: grid[row][col+1]})
			}
			if row+1 < len(grid) {
				out = append(out, areas.Border{A: grid[row][col], B: grid[row+1][col]})
			}
		}
	}
	return out
}

func ptr[T any](v T) *T { return &v }

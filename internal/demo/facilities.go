package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/noaber/noaber/internal/database"
)

// demoFacility is an entry on Noaberveen's social map. The fixed ids make
// seeding idempotent: a second run leaves the entries as they are.
type demoFacility struct {
	id, name, description string
	phone, email, address string
	openingHours, link    string
	categories, areas     []string
}

var demoFacilities = []demoFacility{
	{id: "0fac0000-0000-4000-8000-000000000001", name: "Klussendienst Noaberveen",
		description: "Vrijwilligers doen kleine klussen in huis en tuin voor wie dat zelf niet meer kan. " +
			"U betaalt alleen het materiaal.",
		phone: "0591 123456", email: "klussendienst@noaberveen.nl", address: "Brink 4, 9999 AA Noaberveen",
		openingHours: "Bellen op werkdagen van 9 tot 12 uur", link: "https://www.noaberveen.nl/klussendienst",
		categories: []string{"klussen", "tuin"}, areas: []string{MunicipalityCode}},
	{id: "0fac0000-0000-4000-8000-000000000002", name: "Buurtbus Noaberveen",
		description: "De buurtbus rijdt door alle wijken naar de huisarts, het ziekenhuis en de winkels. " +
			"Bel een dag van tevoren om een rit te boeken.",
		phone: "0591 654321", email: "buurtbus@noaberveen.nl",
		openingHours: "Ritten op werkdagen van 8 tot 18 uur", link: "https://www.noaberveen.nl/buurtbus",
		categories: []string{"vervoer", "boodschappen"}, areas: []string{MunicipalityCode}},
	{id: "0fac0000-0000-4000-8000-000000000003", name: "Repair Café De Binnenstad",
		description: "Samen repareren wat kapot is: een lamp, een broek, een fiets of een laptop. " +
			"Koffie staat klaar.",
		email: "repaircafe@noaberveen.nl", address: "Buurthuis De Schakel, Kerkstraat 12, 9999 AC Noaberveen",
		openingHours: "Elke eerste zaterdag van de maand, 10 tot 13 uur",
		categories:   []string{"klussen", "computer"}, areas: []string{"WK999901"}},
}

// seedFacilities writes the demo social map, entered by the demo broker.
func seedFacilities(ctx context.Context, db *sqlx.DB, brokerID string) error {
	err := database.WithTx(ctx, db, func(tx *sqlx.Tx) error {
		for _, f := range demoFacilities {
			if err := insertFacility(ctx, tx, f, brokerID, time.Now().UTC()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("demo facilities: %w", err)
	}
	return nil
}

func insertFacility(ctx context.Context, tx *sqlx.Tx, f demoFacility, brokerID string, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO facilities (id, name, description, phone, email, address, opening_hours, link, created_by,
		                        created_at, updated_at)
		VALUES ($1, $2, $3, NULLIF($4, ''), NULLIF($5, ''), NULLIF($6, ''), NULLIF($7, ''), NULLIF($8, ''),
		        NULLIF($9, '')::uuid, $10, $10)
		ON CONFLICT (id) DO NOTHING`, f.id, f.name, f.description, f.phone, f.email, f.address, f.openingHours,
		f.link, brokerID, now); err != nil {
		return fmt.Errorf("facility %s: %w", f.name, err)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO facility_categories (facility_id, category_code) SELECT $1, unnest($2::text[])
		ON CONFLICT DO NOTHING`, f.id, pq.Array(f.categories)); err != nil {
		return fmt.Errorf("facility %s categories: %w", f.name, err)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO facility_areas (facility_id, area_code) SELECT $1, unnest($2::text[])
		ON CONFLICT DO NOTHING`, f.id, pq.Array(f.areas)); err != nil {
		return fmt.Errorf("facility %s areas: %w", f.name, err)
	}
	return nil
}

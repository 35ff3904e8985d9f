package demo

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// demoTeams serve Binnenstad and Noord; Zuid is left without a team so
// that the admin sees gaps.
var demoTeams = []struct {
	name, district string
}{
	{"Gebiedsteam Binnenstad", "WK999901"},
	{"Gebiedsteam Noord", "WK999902"},
}

// demoOrganisations have fixed ids so that seeding again updates them.
var demoOrganisations = []struct {
	id, name, kind string
	areas          []string
}{
	{"0d3e0000-0000-4000-8000-000000000001", "Voetbalvereniging VV Noaberveen", "association", []string{"BU99990101", "BU99990201"}},
	{"0d3e0000-0000-4000-8000-000000000002", "Basisschool De Esch", "school", []string{"BU99990201"}},
}

// SeedTeams creates the demo area teams and organisations on the demo map:
// contactIDs[0] becomes the contact and contactIDs[1] the backup of every
// served neighbourhood (when given), coordinatorID ("" for none) the
// coordinator of both teams. Running it again leaves the same data.
func SeedTeams(ctx context.Context, tx *sqlx.Tx, contactIDs []string, coordinatorID string) error {
	contact, backup := "", ""
	if len(contactIDs) > 0 {
		contact = contactIDs[0]
	}
	if len(contactIDs) > 1 {
		backup = contactIDs[1]
	}
	for _, t := range demoTeams {
		var teamID string
		if err := tx.GetContext(ctx, &teamID, `
			INSERT INTO area_teams (name, coordinator_id) VALUES ($1, NULLIF($2, '')::uuid)
			ON CONFLICT (name) DO UPDATE SET coordinator_id = EXCLUDED.coordinator_id
			RETURNING id`, t.name, coordinatorID); err != nil {
			return fmt.Errorf("seed team %s: %w", t.name, err)
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO area_team_neighbourhoods (neighbourhood_code, team_id, contact_id, backup_id)
			SELECT code, $2, NULLIF($3, '')::uuid, NULLIF($4, '')::uuid
			FROM areas WHERE parent_code = $1 AND kind = 'neighbourhood'
			ON CONFLICT (neighbourhood_code) DO UPDATE SET team_id = EXCLUDED.team_id,
				contact_id = EXCLUDED.contact_id, backup_id = EXCLUDED.backup_id`,
			t.district, teamID, contact, backup); err != nil {
			return fmt.Errorf("seed neighbourhoods of %s: %w", t.name, err)
		}
	}
	return seedOrganisations(ctx, tx)
}

func seedOrganisations(ctx context.Context, tx *sqlx.Tx) error {
	for _, o := range demoOrganisations {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO organisations (id, name, kind) VALUES ($1, $2, $3)
			ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind`,
			o.id, o.name, o.kind); err != nil {
			return fmt.Errorf("seed organisation %s: %w", o.name, err)
		}
		for _, code := range o.areas {
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO organisation_areas (organisation_id, area_code) VALUES ($1, $2)
				ON CONFLICT DO NOTHING`, o.id, code); err != nil {
				return fmt.Errorf("seed areas of %s: %w", o.name, err)
			}
		}
	}
	return nil
}

package demo_test

import (
	"context"
	"testing"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/demo"
	"github.com/noaber/noaber/internal/pgtest"
)

func TestSeedTeamsIsIdempotentAndLeavesZuidOpen(t *testing.T) {
	t.Parallel()
	db := pgtest.New(t)
	ctx := context.Background()
	if _, err := demo.SeedAreas(ctx, db); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, email := range []string{"contact@example.nl", "backup@example.nl", "coordinator@example.nl"} {
		var id string
		if err := db.GetContext(ctx, &id, `
			WITH u AS (INSERT INTO users (email, display_name) VALUES ($1, 'Demo') RETURNING id)
			INSERT INTO user_roles (user_id, role) SELECT id, 'contact' FROM u RETURNING user_id`, email); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	for i := 0; i < 2; i++ {
		err := database.WithTx(ctx, db, func(tx *sqlx.Tx) error { return demo.SeedTeams(ctx, tx, ids[:2], ids[2]) })
		if err != nil {
			t.Fatalf("seed teams #%d: %v", i+1, err)
		}
	}
	var counts struct {
		Teams      int `db:"teams"`
		Served     int `db:"served"`
		Orgs       int `db:"orgs"`
		OrgAreas   int `db:"org_areas"`
		ZuidServed int `db:"zuid_served"`
		Contacts   int `db:"contacts"`
	}
	err := db.GetContext(ctx, &counts, `
		SELECT (SELECT count(*) FROM area_teams) AS teams,
		       (SELECT count(*) FROM area_team_neighbourhoods) AS served,
		       (SELECT count(*) FROM organisations) AS orgs,
		       (SELECT count(*) FROM organisation_areas) AS org_areas,
		       (SELECT count(*) FROM area_team_neighbourhoods WHERE neighbourhood_code LIKE 'BU999903%') AS zuid_served,
		       (SELECT count(*) FROM area_contacts) AS contacts`)
	if err != nil {
		t.Fatal(err)
	}
	// 8 neighbourhoods × (contact, backup, coordinator) = 24 contact rows.
	if counts.Teams != 2 || counts.Served != 8 || counts.Orgs != 2 || counts.OrgAreas != 3 || counts.ZuidServed != 0 ||
		counts.Contacts != 24 {
		t.Errorf("after seeding twice: %+v", counts)
	}
}

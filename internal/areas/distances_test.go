package areas_test

import (
	"context"
	"testing"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/pgtest"
)

type distance struct {
	From string  `db:"from_code"`
	To   string  `db:"to_code"`
	Km   float64 `db:"km"`
	Rank int     `db:"rank"`
}

func distances(t *testing.T, db *sqlx.DB) map[[2]string]distance {
	t.Helper()
	var rows []distance
	if err := db.Select(&rows, `SELECT from_code, to_code, km, rank FROM neighbourhood_distances`); err != nil {
		t.Fatal(err)
	}
	m := make(map[[2]string]distance, len(rows))
	for _, r := range rows {
		m[[2]string{r.From, r.To}] = r
	}
	return m
}

// TestNeighbourhoodDistancesFollowEveryChange: the triggers keep
// neighbourhood_distances equal to a full refresh through inserts, moves,
// borders added and removed, and deletions; pairs beyond 15 km are left out.
func TestNeighbourhoodDistancesFollowEveryChange(t *testing.T) {
	db := pgtest.New(t)
	ctx := context.Background()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(`INSERT INTO areas (code, kind, name) VALUES ('GM0001', 'municipality', 'Teststad')`)
	exec(`INSERT INTO areas (code, kind, name, parent_code) VALUES ('WK000101', 'district', 'Wijk', 'GM0001')`)
	// A at the origin, B 1.1 km north, C 0.9 km east, D about 22 km north.
	exec(`INSERT INTO areas (code, kind, name, parent_code, latitude, longitude) VALUES
		('BU00010101', 'neighbourhood', 'A', 'WK000101', 52.0, 5.0),
		('BU00010102', 'neighbourhood', 'B', 'WK000101', 52.01, 5.0),
		('BU00010103', 'neighbourhood', 'C', 'WK000101', 52.0, 5.0131),
		('BU00010104', 'neighbourhood', 'D', 'WK000101', 52.2, 5.0)`)
	exec(`INSERT INTO area_borders (area_code, neighbour_code) VALUES ('BU00010101', 'BU00010102')`)

	d := distances(t, db)
	check := func(from, to string, wantRank int, minKm, maxKm float64) {
		t.Helper()
		got, ok := d[[2]string{from, to}]
		if !ok || got.Rank != wantRank || got.Km < minKm || got.Km > maxKm {
			t.Errorf("%s→%s = %+v (present %t), want rank %d, %.1f–%.1f km", from, to, got, ok, wantRank, minKm, maxKm)
		}
	}
	check("BU00010101", "BU00010101", 0, 0, 0)
	check("BU00010101", "BU00010102", 1, 1.0, 1.2)
	check("BU00010102", "BU00010101", 1, 1.0, 1.2)
	check("BU00010101", "BU00010103", 2, 0.8, 1.0)
	if _, far := d[[2]string{"BU00010101", "BU00010104"}]; far {
		t.Error("a pair 22 km apart is stored")
	}

	exec(`UPDATE areas SET latitude = 52.03 WHERE code = 'BU00010103'`)                                               // C moves north
	exec(`DELETE FROM area_borders WHERE area_code = 'BU00010101'`)                                                   // A and B no longer border
	exec(`INSERT INTO area_borders (area_code, neighbour_code) VALUES ('BU00010102', 'BU00010103')`)                  // B and C do
	exec(`INSERT INTO areas (code, kind, name, parent_code) VALUES ('BU00010105', 'neighbourhood', 'E', 'WK000101')`) // no centroid
	exec(`DELETE FROM areas WHERE code = 'BU00010104'`)
	incremental := distances(t, db)
	exec(`SELECT refresh_neighbourhood_distances()`)
	full := distances(t, db)
	if len(incremental) != len(full) {
		t.Errorf("triggers kept %d pairs, a refresh makes %d", len(incremental), len(full))
	}
	for k, want := range full {
		if got := incremental[k]; got.Rank != want.Rank || got.Km-want.Km > 1e-9 || want.Km-got.Km > 1e-9 {
			t.Errorf("%v: triggers %+v, refresh %+v", k, got, want)
		}
	}
	d = full
	check("BU00010101", "BU00010102", 2, 1.0, 1.2)
	check("BU00010102", "BU00010103", 1, 2.0, 2.4)
	check("BU00010105", "BU00010105", 0, 0, 0)
}

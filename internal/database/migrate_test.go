package database_test

import (
	"context"
	"sync"
	"testing"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// TestMigrationsRoundTrip rolls every migration back and applies them again
// from four "instances" at once: the advisory lock must serialise them.
func TestMigrationsRoundTrip(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewURL(t)
	db, err := database.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for {
		v, err := database.MigrateDown(ctx, db.DB, nil)
		if err != nil {
			t.Fatalf("migrate down: %v", err)
		}
		if v == 0 {
			break
		}
	}
	status, err := database.MigrateStatus(ctx, db.DB)
	if err != nil || len(status) == 0 {
		t.Fatalf("status: %v %v", status, err)
	}
	for _, s := range status {
		if s.Applied {
			t.Fatalf("migration %d still applied after rolling back", s.Version)
		}
	}

	var wg sync.WaitGroup
	applied := make([][]int64, 4)
	errs := make([]error, 4)
	for i := range applied {
		wg.Add(1)
		go func() {
			defer wg.Done()
			inst, err := database.Open(ctx, url)
			if err != nil {
				errs[i] = err
				return
			}
			defer inst.Close()
			applied[i], errs[i] = database.MigrateUp(ctx, inst.DB, nil)
		}()
	}
	wg.Wait()
	total := 0
	for i := range applied {
		if errs[i] != nil {
			t.Errorf("instance %d: %v", i, errs[i])
		}
		total += len(applied[i])
	}
	if total != len(status) {
		t.Errorf("instances applied %d migrations in all, want each of the %d once", total, len(status))
	}
}

func TestWithTxRollsBackOnError(t *testing.T) {
	t.Parallel()
	db := pgtest.New(t)
	ctx := context.Background()
	err := database.WithTx(ctx, db, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO areas (code, kind, name) VALUES ('GM0001', 'municipality', 'X')`); err != nil {
			return err
		}
		return context.Canceled
	})
	if err != context.Canceled {
		t.Fatalf("err = %v", err)
	}
	var n int
	if err := db.GetContext(ctx, &n, `SELECT count(*) FROM areas`); err != nil || n != 0 {
		t.Errorf("rows after rollback: %d (%v), want 0", n, err)
	}
}

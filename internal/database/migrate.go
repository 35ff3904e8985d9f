package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/noaber/noaber/migrations"
)

// migrationLockID is the advisory lock that serialises migrations when
// several instances start at once ("noaber" in ASCII).
const migrationLockID = 0x6e6f61626572

// MigrationStatus is one migration file and whether it has been applied.
type MigrationStatus struct {
	Version int64
	Name    string
	Applied bool
}

func provider(db *sql.DB, logger *slog.Logger) (*goose.Provider, error) {
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(migrationLockID))
	if err != nil {
		return nil, fmt.Errorf("migration lock: %w", err)
	}
	opts := []goose.ProviderOption{goose.WithSessionLocker(locker)}
	if logger != nil {
		opts = append(opts, goose.WithSlog(logger))
	}
	p, err := goose.NewProvider(goose.DialectPostgres, db, migrations.FS, opts...)
	if err != nil {
		return nil, fmt.Errorf("load migrations: %w", err)
	}
	return p, nil
}

// MigrateUp applies every pending migration, each in its own transaction,
// under an advisory lock. It returns the versions it applied.
func MigrateUp(ctx context.Context, db *sql.DB, logger *slog.Logger) ([]int64, error) {
	p, err := provider(db, logger)
	if err != nil {
		return nil, err
	}
	results, err := p.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate up: %w", err)
	}
	applied := make([]int64, 0, len(results))
	for _, r := range results {
		applied = append(applied, r.Source.Version)
	}
	return applied, nil
}

// MigrateDown rolls back the most recent migration and returns its version,
// or 0 when nothing was applied.
func MigrateDown(ctx context.Context, db *sql.DB, logger *slog.Logger) (int64, error) {
	p, err := provider(db, logger)
	if err != nil {
		return 0, err
	}
	r, err := p.Down(ctx)
	if errors.Is(err, goose.ErrNoNextVersion) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("migrate down: %w", err)
	}
	return r.Source.Version, nil
}

// MigrateStatus lists every known migration and whether it is applied.
func MigrateStatus(ctx context.Context, db *sql.DB) ([]MigrationStatus, error) {
	p, err := provider(db, nil)
	if err != nil {
		return nil, err
	}
	list, err := p.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("migration status: %w", err)
	}
	out := make([]MigrationStatus, 0, len(list))
	for _, s := range list {
		out = append(out, MigrationStatus{
			Version: s.Source.Version,
			Name:    s.Source.Path,
			Applied: s.State == goose.StateApplied,
		})
	}
	return out, nil
}

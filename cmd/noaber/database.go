package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/config"
	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/embeddedpg"
)

// dbConn is an open database: the pool, the URL it was opened with (for
// LISTEN), and how to close it (and stop the embedded server).
type dbConn struct {
	db    *sqlx.DB
	url   string
	close func(context.Context) error
}

// openDatabase connects to NOABER_DATABASE_URL, or starts the embedded
// PostgreSQL when it is unset.
func openDatabase(ctx context.Context, cfg config.Config, log *slog.Logger) (dbConn, error) {
	url := cfg.DatabaseURL
	stopEmbedded := func(context.Context) error { return nil }
	if cfg.EmbeddedDatabase() {
		srv, err := embeddedpg.Start(ctx, embeddedpg.Options{Dir: cfg.PostgresDir(), Logger: log})
		if err != nil {
			return dbConn{}, fmt.Errorf("start embedded database: %w", err)
		}
		url, stopEmbedded = srv.URL(), srv.Stop
	}
	db, err := database.Open(ctx, url)
	if err != nil {
		return dbConn{}, errors.Join(err, stopEmbedded(context.WithoutCancel(ctx)))
	}
	if cfg.DatabaseMaxConns > 0 {
		database.SetPool(db, cfg.DatabaseMaxConns)
	}
	return dbConn{db: db, url: url, close: func(ctx context.Context) error {
		return errors.Join(db.Close(), stopEmbedded(ctx))
	}}, nil
}

// openMigrated opens the database and brings its schema up to date.
func openMigrated(ctx context.Context, cfg config.Config, log *slog.Logger) (dbConn, error) {
	conn, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return dbConn{}, err
	}
	applied, err := database.MigrateUp(ctx, conn.db.DB, nil)
	if err != nil {
		return dbConn{}, errors.Join(err, conn.close(context.WithoutCancel(ctx)))
	}
	if len(applied) > 0 {
		log.Info("migrations applied", slog.Any("versions", applied))
	}
	return conn, nil
}

// withMigrated runs fn with the configuration and an up-to-date database,
// and closes the database (and stops the embedded server) afterwards: the
// frame of every command that works on the data and then exits.
func withMigrated(ctx context.Context, fn func(cfg config.Config, conn dbConn) error) error {
	cfg, log, err := setup()
	if err != nil {
		return err
	}
	conn, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer conn.close(context.WithoutCancel(ctx)) //nolint:errcheck // best effort on exit
	return fn(cfg, conn)
}

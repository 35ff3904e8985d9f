// Package throttle counts attempts per key (an account, an address) in
// fixed time windows kept in PostgreSQL, so that every instance of Noaber
// shares the same counts and a restart forgets nothing.
package throttle

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Rule is a limit: at most Max hits per Window.
type Rule struct {
	Max    int
	Window time.Duration
}

// Limiter counts hits against rules.
type Limiter struct {
	db  *sqlx.DB
	now func() time.Time
}

// New returns a Limiter over db with the given clock.
func New(db *sqlx.DB, now func() time.Time) *Limiter { return &Limiter{db: db, now: now} }

// Hit counts one attempt for key. When the attempt goes over the rule it
// returns how long the caller must wait; zero means go ahead.
func (l *Limiter) Hit(ctx context.Context, key string, r Rule) (retryAfter time.Duration, err error) {
	now := l.now()
	var w struct {
		Start time.Time `db:"window_start"`
		Hits  int       `db:"hits"`
	}
	// One statement: a new window starts when the old one has passed.
	err = l.db.GetContext(ctx, &w, `
		INSERT INTO throttle_windows (key, window_start, hits) VALUES ($1, $2, 1)
		ON CONFLICT (key) DO UPDATE SET
			window_start = CASE WHEN throttle_windows.window_start <= $2 - $3 * interval '1 microsecond'
			                    THEN $2 ELSE throttle_windows.window_start END,
			hits = CASE WHEN throttle_windows.window_start <= $2 - $3 * interval '1 microsecond'
			            THEN 1 ELSE throttle_windows.hits + 1 END
		RETURNING window_start, hits`, key, now, r.Window.Microseconds())
	if err != nil {
		return 0, fmt.Errorf("throttle %s: %w", key, err)
	}
	if w.Hits <= r.Max {
		return 0, nil
	}
	return w.Start.Add(r.Window).Sub(now), nil
}

// Blocked reports how long key must still wait under r without counting a
// hit; zero means not blocked.
func (l *Limiter) Blocked(ctx context.Context, key string, r Rule) (time.Duration, error) {
	var w struct {
		Start time.Time `db:"window_start"`
		Hits  int       `db:"hits"`
	}
	err := l.db.GetContext(ctx, &w, `SELECT window_start, hits FROM throttle_windows WHERE key = $1`, key)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil // never hit
	}
	if err != nil {
		return 0, fmt.Errorf("throttle %s: %w", key, err)
	}
	end := w.Start.Add(r.Window)
	if w.Hits < r.Max || !end.After(l.now()) {
		return 0, nil
	}
	return end.Sub(l.now()), nil
}

// Reset forgets key, e.g. after a successful login.
func (l *Limiter) Reset(ctx context.Context, key string) error {
	if _, err := l.db.ExecContext(ctx, `DELETE FROM throttle_windows WHERE key = $1`, key); err != nil {
		return fmt.Errorf("reset throttle %s: %w", key, err)
	}
	return nil
}

// Package market is the marketplace's notice board: categories, posts
// (requests and offers), the feed, blocks and the holiday pause.
package market

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
)

// Market answers for posts, the feed, categories, blocks and pauses.
type Market struct {
	db  *sqlx.DB
	now func() time.Time

	// feed is the prepared feed query, prepared on first use: New has no
	// context and cannot fail, and a failed preparation is retried.
	feedMu sync.Mutex
	feed   *sqlx.Stmt
}

// New returns the marketplace on db with clock now.
func New(db *sqlx.DB, now func() time.Time) *Market {
	return &Market{db: db, now: now}
}

// ErrNoNeighbourhood means the caller has no neighbourhood (no known
// postcode): posts and the feed are by neighbourhood, so they can do
// neither until they set one.
var ErrNoNeighbourhood = errors.New("no neighbourhood")

// Lifetime is how long a post stays up before it expires (or is renewed).
const Lifetime = 30 * 24 * time.Hour

// ReminderBefore is how long before expiry the author is reminded to renew.
const ReminderBefore = 3 * 24 * time.Hour

// nowUTC is the clock in UTC, as stored.
func (m *Market) nowUTC() time.Time { return m.now().UTC() }

// feedStmt returns the prepared feed query.
func (m *Market) feedStmt(ctx context.Context) (*sqlx.Stmt, error) {
	m.feedMu.Lock()
	defer m.feedMu.Unlock()
	if m.feed != nil {
		return m.feed, nil
	}
	stmt, err := m.db.PreparexContext(ctx, feedQuery)
	if err != nil {
		return nil, fmt.Errorf("prepare feed query: %w", err)
	}
	m.feed = stmt
	return stmt, nil
}

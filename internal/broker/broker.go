// Package broker is the welfare worker's workbench: the queue of unmatched
// requests with follow-up flags and private notes, managed residents (people
// who are not online) and the broker as intermediary in their
// conversations, the printable notice board, and key figures. Who may see
// what is decided in the queries: brokers through areas.BrokerCovers, admins
// everywhere where the brief allows it; anything else is domain.ErrNotFound.
package broker

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/domain"
	"github.com/noaber/noaber/internal/suggest"
)

// Broker answers for the workbench.
type Broker struct {
	db      *sqlx.DB
	suggest *suggest.Suggest
	now     func() time.Time
}

// New returns the workbench on db, ranking suggestions with s.
func New(db *sqlx.DB, s *suggest.Suggest, now func() time.Time) *Broker {
	return &Broker{db: db, suggest: s, now: now}
}

// Viewer is the professional asking; each flag is only set with a proven
// second factor.
type Viewer struct {
	UserID string
	// Broker sees the neighbourhoods they cover.
	Broker bool
	// Admin sees every area where the workbench allows it.
	Admin bool
	// Contact sees the key figures of the neighbourhoods of their area team.
	Contact bool
}

// UserRef names a person.
type UserRef struct {
	ID          string `json:"id"`
	DisplayName string `json:"displayName"`
}

// AreaRef names an area.
type AreaRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

func (b *Broker) nowUTC() time.Time { return b.now().UTC() }

// checkID turns an id that cannot exist into "not found".
func checkID(what, id string) error {
	if !domain.IsUUID(id) {
		return fmt.Errorf("%s %q: %w", what, id, domain.ErrNotFound)
	}
	return nil
}

// notFoundIfNoRows maps sql.ErrNoRows to domain.ErrNotFound.
func notFoundIfNoRows(what string, err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", what, domain.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// page cuts rows to limit and returns the cursor of the next page.
func page[T any](rows []T, limit int, key func(T) domain.Cursor) ([]T, string) {
	if rows == nil {
		rows = []T{}
	}
	if len(rows) <= limit {
		return rows, ""
	}
	rows = rows[:limit]
	return rows, key(rows[limit-1]).String()
}

// Page is one page of a list.
type Page[T any] struct {
	Items []T
	Next  string
}

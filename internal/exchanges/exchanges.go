// Package exchanges is what happens after a post: responses and the
// conversations they open, exchanges agreed between a helper and a
// receiver, thanks, and the reciprocity ledger.
package exchanges

import (
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/noaber/noaber/internal/areas"
	"github.com/noaber/noaber/internal/domain"
)

// Exchanges answers for conversations, exchanges and reciprocity.
type Exchanges struct {
	db  *sqlx.DB
	now func() time.Time
}

// New returns the exchanges domain on db with clock now.
func New(db *sqlx.DB, now func() time.Time) *Exchanges {
	return &Exchanges{db: db, now: now}
}

// nowUTC is the clock in UTC, for storing.
func (x *Exchanges) nowUTC() time.Time { return x.now().UTC() }

// UserRef is how one person sees another here: a name and a neighbourhood,
// never an address.
type UserRef struct {
	ID            string     `json:"id"`
	DisplayName   string     `json:"displayName"`
	Neighbourhood *areas.Ref `json:"neighbourhood"`
}

// PostRef is the post a conversation or exchange is about.
type PostRef struct {
	ID       string `json:"id"`
	Kind     string `json:"kind"`
	Category string `json:"category"`
	Title    string `json:"title"`
	Status   string `json:"status"`
}

// RoleError means the caller takes part, but the step is for the other
// side: only the post's author accepts, only the receiver says thanks.
type RoleError struct{ Detail string }

func (e *RoleError) Error() string { return e.Detail }

// RespondedError is the conflict of responding twice to the same post; it
// names the conversation the first response opened.
type RespondedError struct{ ConversationID string }

func (e *RespondedError) Error() string {
	return "already responded in conversation " + e.ConversationID
}

// Unwrap makes a RespondedError an ErrConflict.
func (e *RespondedError) Unwrap() error { return domain.ErrConflict }

// userRef builds a UserRef from the columns every query selects for a
// person.
func userRef(id, name string, nCode, nName *string) UserRef {
	u := UserRef{ID: id, DisplayName: name}
	if nCode != nil && nName != nil {
		u.Neighbourhood = &areas.Ref{ID: *nCode, Name: *nName}
	}
	return u
}

// notBlocked is the SQL condition that neither of the two users (SQL
// expressions a and b) blocked the other.
func notBlocked(a, b string) string {
	return fmt.Sprintf(`NOT EXISTS (SELECT 1 FROM blocks bl WHERE (bl.blocker_id = %[1]s AND bl.blocked_id = %[2]s)
		OR (bl.blocker_id = %[2]s AND bl.blocked_id = %[1]s))`, a, b)
}

// uniqueViolation reports whether err is a unique violation on one of the
// named indexes: how two concurrent writers learn that the other won.
func uniqueViolation(err error, indexes ...string) bool {
	var pqErr *pq.Error
	if !errors.As(err, &pqErr) || pqErr.Code != "23505" {
		return false
	}
	for _, name := range indexes {
		if pqErr.Constraint == name {
			return true
		}
	}
	return false
}

// page cuts rows fetched with limit+1 to limit and returns the cursor of
// the next page ("" on the last one); key gives a row's position.
func page[T any](rows []T, limit int, key func(T) domain.Cursor) ([]T, string) {
	if len(rows) <= limit {
		if rows == nil {
			rows = []T{}
		}
		return rows, ""
	}
	rows = rows[:limit]
	return rows, key(rows[limit-1]).String()
}

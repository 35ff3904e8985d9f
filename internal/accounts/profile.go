package accounts

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/noaber/noaber/internal/areas"
)

// Profile is what anyone logged in may see of a person: never their
// e-mail address, address or phone number.
type Profile struct {
	ID            string     `json:"id"`
	DisplayName   string     `json:"displayName"`
	Neighbourhood *areas.Ref `json:"neighbourhood"`
	// MemberSince is the month the account was made ("2025-03"): a day
	// would say more than a neighbour needs to know.
	MemberSince string `json:"memberSince"`
	// Given and Received count completed exchanges in which the person
	// helped and was helped (the reciprocity ledger).
	Given    int `json:"given"`
	Received int `json:"received"`
}

// Profile returns the public profile of user id; deleted and disabled
// accounts are domain.ErrNotFound.
func (a *Accounts) Profile(ctx context.Context, id string) (Profile, error) {
	var row struct {
		ID          string         `db:"id"`
		DisplayName string         `db:"display_name"`
		CreatedAt   time.Time      `db:"created_at"`
		NCode       sql.NullString `db:"n_code"`
		NName       sql.NullString `db:"n_name"`
		Given       int            `db:"given"`
		Received    int            `db:"received"`
	}
	err := a.db.GetContext(ctx, &row, `
		SELECT u.id, u.display_name, u.created_at, n.code AS n_code, n.name AS n_name,
		       (SELECT count(*) FROM reciprocity_entries r WHERE r.giver_id = u.id) AS given,
		       (SELECT count(*) FROM reciprocity_entries r WHERE r.receiver_id = u.id) AS received
		FROM users u LEFT JOIN areas n ON n.code = u.neighbourhood_code
		WHERE u.id::text = $1 AND u.deleted_at IS NULL AND u.disabled_at IS NULL`, id)
	if err != nil {
		return Profile{}, fmt.Errorf("find profile %s: %w", id, notFoundIfNoRows(err))
	}
	p := Profile{ID: row.ID, DisplayName: row.DisplayName, MemberSince: row.CreatedAt.UTC().Format("2006-01"),
		Given: row.Given, Received: row.Received}
	if row.NCode.Valid {
		p.Neighbourhood = &areas.Ref{ID: row.NCode.String, Name: row.NName.String}
	}
	return p, nil
}

package accounts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/noaber/noaber/internal/domain"
)

// SessionLifetime is the absolute lifetime of a login session: refreshing
// never extends it beyond this.
const SessionLifetime = 30 * 24 * time.Hour

// Accounts is the accounts domain over one database.
type Accounts struct {
	db     *sqlx.DB
	tokens *Tokens
	now    func() time.Time
	caller *sqlx.Stmt
	meStmt *sqlx.Stmt
}

// New prepares the accounts domain. now is the clock (time.Now in
// production, controlled in tests).
func New(ctx context.Context, db *sqlx.DB, tokens *Tokens, now func() time.Time) (*Accounts, error) {
	// The caller query runs on every authenticated request: prepare it once.
	caller, err := db.PreparexContext(ctx, callerQuery)
	if err != nil {
		return nil, fmt.Errorf("prepare caller query: %w", err)
	}
	me, err := db.PreparexContext(ctx, meQuery)
	if err != nil {
		return nil, fmt.Errorf("prepare me query: %w", err)
	}
	return &Accounts{db: db, tokens: tokens, now: now, caller: caller, meStmt: me}, nil
}

const callerQuery = `
	SELECT u.id, COALESCE(u.neighbourhood_code, '') AS neighbourhood_code,
	       u.totp_enabled_at IS NOT NULL AS totp_enabled, s.second_factor,
	       COALESCE(array_agg(r.role ORDER BY r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
	FROM users u
	JOIN sessions s ON s.id = $2 AND s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > $3
	LEFT JOIN user_roles r ON r.user_id = u.id
	WHERE u.id = $1 AND u.disabled_at IS NULL AND u.deleted_at IS NULL
	GROUP BY u.id, s.second_factor`

// Authenticate turns an access token into the caller it stands for, as the
// database says now: a revoked session, a disabled account or a removed role
// stops working at once.
func (a *Accounts) Authenticate(ctx context.Context, accessToken string) (Caller, error) {
	userID, sessionID, err := a.tokens.Verify(accessToken)
	if err != nil {
		return Caller{}, err
	}
	var row struct {
		ID                string         `db:"id"`
		NeighbourhoodCode string         `db:"neighbourhood_code"`
		TOTPEnabled       bool           `db:"totp_enabled"`
		SecondFactor      bool           `db:"second_factor"`
		Roles             pq.StringArray `db:"roles"`
	}
	err = a.caller.GetContext(ctx, &row, userID, sessionID, a.now())
	if errors.Is(err, sql.ErrNoRows) {
		return Caller{}, ErrInvalidToken
	}
	if err != nil {
		return Caller{}, fmt.Errorf("load caller: %w", err)
	}
	c := Caller{UserID: row.ID, SessionID: sessionID, NeighbourhoodCode: row.NeighbourhoodCode,
		TOTPEnabled: row.TOTPEnabled, SecondFactor: row.SecondFactor}
	for _, r := range row.Roles {
		c.Roles = append(c.Roles, Role(r))
	}
	return c, nil
}

// isUniqueViolation reports whether err is PostgreSQL's unique_violation on
// the named constraint or index.
func isUniqueViolation(err error, constraint string) bool {
	var pqErr *pq.Error
	return errors.As(err, &pqErr) && pqErr.Code == "23505" && pqErr.Constraint == constraint
}

// notFoundIfNoRows maps sql.ErrNoRows to domain.ErrNotFound.
func notFoundIfNoRows(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return domain.ErrNotFound
	}
	return err
}

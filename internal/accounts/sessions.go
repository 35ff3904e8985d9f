package accounts

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/database"
)

// Session is what a successful login, registration or refresh hands out.
type Session struct {
	UserID       string
	SecondFactor bool
	AccessToken  string
	ExpiresIn    time.Duration
	RefreshToken string
	// RefreshExpires is the end of the session's absolute lifetime.
	RefreshExpires time.Time
}

// newRefreshToken returns 256 random bits for the client and the hash that
// is all the database ever stores.
func newRefreshToken() (token string, hash []byte) {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand never fails on Linux
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, hashRefreshToken(token)
}

func hashRefreshToken(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

// startSession opens a new session (a new refresh-token family) for userID.
func (a *Accounts) startSession(ctx context.Context, tx *sqlx.Tx, userID string, secondFactor bool) (Session, error) {
	expires := a.now().Add(SessionLifetime)
	var sessionID string
	err := tx.GetContext(ctx, &sessionID, `
		INSERT INTO sessions (user_id, second_factor, created_at, expires_at) VALUES ($1, $2, $3, $4)
		RETURNING id`, userID, secondFactor, a.now(), expires)
	if err != nil {
		return Session{}, fmt.Errorf("start session: %w", err)
	}
	return a.rotate(ctx, tx, userID, sessionID, expires, secondFactor)
}

// rotate adds a fresh refresh token to a session and issues an access token.
func (a *Accounts) rotate(ctx context.Context, tx *sqlx.Tx, userID, sessionID string, expires time.Time, secondFactor bool) (Session, error) {
	token, hash := newRefreshToken()
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO refresh_tokens (token_hash, session_id, created_at) VALUES ($1, $2, $3)`,
		hash, sessionID, a.now()); err != nil {
		return Session{}, fmt.Errorf("store refresh token: %w", err)
	}
	access, err := a.tokens.Issue(userID, sessionID)
	if err != nil {
		return Session{}, err
	}
	return Session{UserID: userID, SecondFactor: secondFactor, AccessToken: access, ExpiresIn: AccessTokenTTL,
		RefreshToken: token, RefreshExpires: expires}, nil
}

// ErrInvalidRefreshToken means the refresh token is unknown, expired,
// revoked, or was used before (then its whole session is now revoked).
var ErrInvalidRefreshToken = errors.New("invalid refresh token")

// Refresh trades a refresh token for a new one and a new access token.
// Presenting a token that was already used means it was stolen or copied:
// the whole session is revoked.
func (a *Accounts) Refresh(ctx context.Context, refreshToken string) (Session, error) {
	var out Session
	reused := false
	err := database.WithTx(ctx, a.db, func(tx *sqlx.Tx) error {
		var t struct {
			SessionID string       `db:"session_id"`
			UserID    string       `db:"user_id"`
			Used      sql.NullTime `db:"used_at"`
			Expires   time.Time    `db:"expires_at"`
			Second    bool         `db:"second_factor"`
		}
		err := tx.GetContext(ctx, &t, `
			SELECT rt.session_id, s.user_id, rt.used_at, s.expires_at, s.second_factor
			FROM refresh_tokens rt
			JOIN sessions s ON s.id = rt.session_id AND s.revoked_at IS NULL
			JOIN users u ON u.id = s.user_id AND u.disabled_at IS NULL AND u.deleted_at IS NULL
			WHERE rt.token_hash = $1
			FOR UPDATE OF rt`, hashRefreshToken(refreshToken))
		if errors.Is(err, sql.ErrNoRows) || err == nil && !t.Expires.After(a.now()) {
			return ErrInvalidRefreshToken
		}
		if err != nil {
			return fmt.Errorf("find refresh token: %w", err)
		}
		if t.Used.Valid {
			reused = true
			return a.revokeSession(ctx, tx, t.SessionID)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE refresh_tokens SET used_at = $2 WHERE token_hash = $1`,
			hashRefreshToken(refreshToken), a.now()); err != nil {
			return fmt.Errorf("use refresh token: %w", err)
		}
		out, err = a.rotate(ctx, tx, t.UserID, t.SessionID, t.Expires, t.Second)
		return err
	})
	if err == nil && reused {
		return Session{}, ErrInvalidRefreshToken
	}
	return out, err
}

// Logout ends the session that the refresh token or the caller's access
// token belongs to. Unknown tokens are ignored: logging out always works.
func (a *Accounts) Logout(ctx context.Context, refreshToken, sessionID string) error {
	_, err := a.db.ExecContext(ctx, `
		UPDATE sessions SET revoked_at = $3
		WHERE revoked_at IS NULL AND (id = (SELECT session_id FROM refresh_tokens WHERE token_hash = $1)
		                               OR id::text = $2)`,
		hashRefreshToken(refreshToken), sessionID, a.now())
	if err != nil {
		return fmt.Errorf("logout: %w", err)
	}
	return nil
}

func (a *Accounts) revokeSession(ctx context.Context, tx *sqlx.Tx, sessionID string) error {
	_, err := tx.ExecContext(ctx, `UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`,
		sessionID, a.now())
	if err != nil {
		return fmt.Errorf("revoke session: %w", err)
	}
	return nil
}

// revokeSessionsExcept ends every session of a user but keep (which may be
// empty): after a password change or when an account is disabled.
func (a *Accounts) revokeSessionsExcept(ctx context.Context, tx *sqlx.Tx, userID, keep string) error {
	_, err := tx.ExecContext(ctx, `
		UPDATE sessions SET revoked_at = $3
		WHERE user_id = $1 AND revoked_at IS NULL AND id::text <> $2`, userID, keep, a.now())
	if err != nil {
		return fmt.Errorf("revoke sessions: %w", err)
	}
	return nil
}

package accounts

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/noaber/noaber/internal/database"
)

// Login errors. An unknown e-mail address and a wrong password give the same
// error (and take the same time), so that nobody can find out who has an
// account.
var (
	ErrInvalidCredentials   = errors.New("invalid e-mail address or password")
	ErrSecondFactorRequired = errors.New("second factor required")
	ErrInvalidSecondFactor  = errors.New("invalid second factor")
)

// Credentials are what someone logs in with.
type Credentials struct {
	Email        string
	Password     string
	TOTPCode     string
	RecoveryCode string
}

// Login checks the credentials and, when the person has a second factor,
// the TOTP or recovery code, then starts a session.
func (a *Accounts) Login(ctx context.Context, c Credentials) (Session, error) {
	var u struct {
		ID         string         `db:"id"`
		Hash       sql.NullString `db:"password_hash"`
		TOTPSecret sql.NullString `db:"totp_secret"`
		TOTPOn     bool           `db:"totp_on"`
	}
	err := a.db.GetContext(ctx, &u, `
		SELECT id, password_hash, totp_secret, totp_enabled_at IS NOT NULL AS totp_on
		FROM users WHERE lower(email) = lower($1) AND disabled_at IS NULL AND deleted_at IS NULL`,
		strings.TrimSpace(c.Email))
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return Session{}, fmt.Errorf("find account: %w", err)
	}
	found := err == nil && u.Hash.Valid
	if !passwordMatches(c.Password, u.Hash.String) || !found {
		return Session{}, ErrInvalidCredentials
	}
	var s Session
	err = database.WithTx(ctx, a.db, func(tx *sqlx.Tx) error {
		if u.TOTPOn {
			if err := a.checkSecondFactor(ctx, tx, u.ID, u.TOTPSecret.String, c); err != nil {
				return err
			}
		}
		var err error
		s, err = a.startSession(ctx, tx, u.ID, u.TOTPOn)
		return err
	})
	return s, err
}

func (a *Accounts) checkSecondFactor(ctx context.Context, tx *sqlx.Tx, userID, secret string, c Credentials) error {
	switch {
	case c.TOTPCode != "":
		if !a.validTOTP(c.TOTPCode, secret) {
			return ErrInvalidSecondFactor
		}
		return nil
	case c.RecoveryCode != "":
		return a.useRecoveryCode(ctx, tx, userID, c.RecoveryCode)
	}
	return ErrSecondFactorRequired
}

// validTOTP checks code against secret at the injected time (RFC 6238:
// 30-second steps, six digits, one step of clock skew either way).
func (a *Accounts) validTOTP(code, secret string) bool {
	ok, err := totp.ValidateCustom(strings.TrimSpace(code), secret, a.now(),
		totp.ValidateOpts{Period: 30, Skew: 1, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	return err == nil && ok
}

// useRecoveryCode spends one recovery code; each works once.
func (a *Accounts) useRecoveryCode(ctx context.Context, tx *sqlx.Tx, userID, code string) error {
	res, err := tx.ExecContext(ctx, `
		UPDATE recovery_codes SET used_at = $3
		WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL`,
		userID, hashRecoveryCode(code), a.now())
	if err != nil {
		return fmt.Errorf("use recovery code: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return ErrInvalidSecondFactor
	}
	return nil
}

func hashRecoveryCode(code string) []byte {
	normal := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(code), "-", ""))
	sum := sha256.Sum256([]byte(normal))
	return sum[:]
}

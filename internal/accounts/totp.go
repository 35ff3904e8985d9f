package accounts

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"image/png"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/domain"
)

// RecoveryCodeCount is how many single-use recovery codes enrolment hands out.
const RecoveryCodeCount = 10

// TOTPEnrolment is what an authenticator app needs to add Noaber.
type TOTPEnrolment struct {
	Secret     string
	OTPAuthURI string
	// QRCode is a PNG of OTPAuthURI as a data: URL.
	QRCode string
}

// StartTOTP creates a new TOTP secret for the caller, not yet active until
// VerifyTOTP confirms that their app produces the right codes.
func (a *Accounts) StartTOTP(ctx context.Context, userID string) (TOTPEnrolment, error) {
	var u struct {
		Email   string `db:"email"`
		Enabled bool   `db:"enabled"`
	}
	err := a.db.GetContext(ctx, &u, `
		SELECT email, totp_enabled_at IS NOT NULL AS enabled FROM users WHERE id = $1 AND deleted_at IS NULL`, userID)
	if err != nil {
		return TOTPEnrolment{}, notFoundIfNoRows(err)
	}
	if u.Enabled {
		return TOTPEnrolment{}, fmt.Errorf("second factor already enrolled: %w", domain.ErrConflict)
	}
	key, err := totp.Generate(totp.GenerateOpts{Issuer: "Noaber", AccountName: u.Email, Rand: rand.Reader})
	if err != nil {
		return TOTPEnrolment{}, fmt.Errorf("generate totp secret: %w", err)
	}
	qr, err := qrDataURL(key)
	if err != nil {
		return TOTPEnrolment{}, err
	}
	if _, err := a.db.ExecContext(ctx, `UPDATE users SET totp_secret = $2 WHERE id = $1`, userID, key.Secret()); err != nil {
		return TOTPEnrolment{}, fmt.Errorf("store totp secret: %w", err)
	}
	return TOTPEnrolment{Secret: key.Secret(), OTPAuthURI: key.URL(), QRCode: qr}, nil
}

func qrDataURL(key *otp.Key) (string, error) {
	img, err := key.Image(240, 240)
	if err != nil {
		return "", fmt.Errorf("draw qr code: %w", err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return "", fmt.Errorf("encode qr code: %w", err)
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes()), nil
}

// VerifyTOTP activates the pending secret when code matches, marks the
// caller's session as second-factor verified, and returns fresh recovery
// codes (shown once; only their hashes are kept).
func (a *Accounts) VerifyTOTP(ctx context.Context, caller Caller, code string) ([]string, error) {
	var codes []string
	err := database.WithTx(ctx, a.db, func(tx *sqlx.Tx) error {
		var secret sql.NullString
		err := tx.GetContext(ctx, &secret, `
			SELECT totp_secret FROM users WHERE id = $1 AND totp_enabled_at IS NULL FOR UPDATE`, caller.UserID)
		if errors.Is(err, sql.ErrNoRows) || err == nil && !secret.Valid {
			return fmt.Errorf("no pending enrolment: %w", domain.ErrConflict)
		}
		if err != nil {
			return fmt.Errorf("load totp secret: %w", err)
		}
		if !a.validTOTP(code, secret.String) {
			return &domain.InvalidError{Fields: []domain.FieldError{{Name: "code", Reason: "is not the current code of your app"}}}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET totp_enabled_at = $2 WHERE id = $1`, caller.UserID, a.now()); err != nil {
			return fmt.Errorf("enable totp: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE sessions SET second_factor = true WHERE id = $1`, caller.SessionID); err != nil {
			return fmt.Errorf("mark session: %w", err)
		}
		codes, err = replaceRecoveryCodes(ctx, tx, caller.UserID)
		return err
	})
	return codes, err
}

func replaceRecoveryCodes(ctx context.Context, tx *sqlx.Tx, userID string) ([]string, error) {
	if _, err := tx.ExecContext(ctx, `DELETE FROM recovery_codes WHERE user_id = $1`, userID); err != nil {
		return nil, fmt.Errorf("clear recovery codes: %w", err)
	}
	codes := make([]string, RecoveryCodeCount)
	for i := range codes {
		codes[i] = newRecoveryCode()
		if _, err := tx.ExecContext(ctx, `INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)`,
			userID, hashRecoveryCode(codes[i])); err != nil {
			return nil, fmt.Errorf("store recovery code: %w", err)
		}
	}
	return codes, nil
}

// newRecoveryCode returns about 49 random bits as "xxxxx-xxxxx" in an alphabet
// without look-alike characters.
func newRecoveryCode() string {
	const alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
	b := make([]byte, 10)
	_, _ = rand.Read(b)
	var sb strings.Builder
	for i, v := range b {
		if i == 5 {
			sb.WriteByte('-')
		}
		sb.WriteByte(alphabet[int(v)%len(alphabet)])
	}
	return sb.String()
}

package accounts

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"net/mail"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/areas"
	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/domain"
)

// Registration is what a resident fills in to join.
type Registration struct {
	Email       string
	Password    string
	DisplayName string
	Postcode    string
	HouseNumber string
	Language    string
	// InvitationCode is the code of a key figure invitation (optional).
	// E-mail addresses are not verified, so the address alone must never
	// be enough to receive the key figure role.
	InvitationCode string
}

// NewUser is an account created by an administrator or the demo seed.
type NewUser struct {
	Email       string
	Password    string
	DisplayName string
	Postcode    string
	HouseNumber string
	Phone       string
	Roles       []Role
	// TOTPSecret pre-enrols a second factor (demo accounts only).
	TOTPSecret string
}

var houseNumberPattern = regexp.MustCompile(`^[1-9][0-9]{0,4}( ?[A-Za-z]{1,4}| ?-[0-9A-Za-z]{1,4})?$`)

// Register creates a resident's account and logs them in, in one
// transaction.
func (a *Accounts) Register(ctx context.Context, r Registration) (Session, error) {
	if strings.HasSuffix(strings.ToLower(strings.TrimSpace(r.Email)), "@"+ManagedEmailDomain) {
		return Session{}, &domain.InvalidError{Fields: []domain.FieldError{{Name: "email", Reason: "is not a valid e-mail address"}}}
	}
	var s Session
	err := database.WithTx(ctx, a.db, func(tx *sqlx.Tx) error {
		userID, err := a.insertUser(ctx, tx, NewUser{Email: r.Email, Password: r.Password, DisplayName: r.DisplayName,
			Postcode: r.Postcode, HouseNumber: r.HouseNumber, Roles: []Role{Resident}}, r.Language)
		if err != nil {
			return err
		}
		if err := redeemKeyfigureInvitation(ctx, tx, userID, r.Email, r.InvitationCode, a.now()); err != nil {
			return err
		}
		s, err = a.startSession(ctx, tx, userID, false)
		return err
	})
	return s, err
}

// CreateUser adds an account with the given roles and returns its id.
func (a *Accounts) CreateUser(ctx context.Context, u NewUser) (string, error) {
	var id string
	err := database.WithTx(ctx, a.db, func(tx *sqlx.Tx) error {
		var err error
		id, err = a.insertUser(ctx, tx, u, "nl")
		return err
	})
	return id, err
}

func (a *Accounts) insertUser(ctx context.Context, tx *sqlx.Tx, u NewUser, language string) (string, error) {
	var check domain.Checker
	email := checkEmail(&check, u.Email)
	checkPassword(&check, "password", u.Password)
	name := checkDisplayName(&check, "displayName", u.DisplayName)
	language = checkLanguage(&check, language)
	var place areas.Placement
	var postcode, houseNumber *string
	if u.Postcode != "" || u.HouseNumber != "" || livesInArea(u.Roles) {
		p, pc, hn, err := checkAddress(ctx, tx, &check, u.Postcode, u.HouseNumber)
		if err != nil {
			return "", err
		}
		place, postcode, houseNumber = p, &pc, &hn
	}
	for _, r := range u.Roles {
		check.Check(r.Valid(), "roles", fmt.Sprintf("%q is not a role", r))
	}
	if err := check.Err(); err != nil {
		return "", err
	}
	hash, err := hashPassword(u.Password)
	if err != nil {
		return "", err
	}
	var id string
	err = tx.GetContext(ctx, &id, `
		INSERT INTO users (email, password_hash, display_name, postcode, house_number, phone, language,
		                   neighbourhood_code, totp_secret, totp_enabled_at, created_at, password_changed_at)
		VALUES ($1, $2, $3, $4, $5, NULLIF($6, ''), $7, $8, NULLIF($9, ''), CASE WHEN $9 <> '' THEN $10::timestamptz END, $10, $10)
		RETURNING id`,
		email, hash, name, postcode, houseNumber, u.Phone, language, nullIfEmpty(place.Neighbourhood.ID), u.TOTPSecret, a.now())
	if isUniqueViolation(err, "users_email_idx") {
		return "", &domain.InvalidError{Fields: []domain.FieldError{{Name: "email", Reason: "is already registered"}}}
	}
	if err != nil {
		return "", fmt.Errorf("insert user: %w", err)
	}
	for _, r := range u.Roles {
		if err := grantRole(ctx, tx, id, r, ""); err != nil {
			return "", err
		}
	}
	return id, nil
}

// livesInArea reports whether someone with these roles needs an address:
// residents and key figures act in their own neighbourhood; a professional
// account made by an administrator need not have one.
func livesInArea(roles []Role) bool {
	for _, r := range roles {
		if r == Resident || r == Keyfigure {
			return true
		}
	}
	return false
}

func nullIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func grantRole(ctx context.Context, tx *sqlx.Tx, userID string, r Role, grantedBy string) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO user_roles (user_id, role, granted_by) VALUES ($1, $2, NULLIF($3, '')::uuid)
		ON CONFLICT DO NOTHING`, userID, r, grantedBy)
	if err != nil {
		return fmt.Errorf("grant role %s: %w", r, err)
	}
	return nil
}

// checkEmail returns the address in its canonical form.
func checkEmail(check *domain.Checker, raw string) string {
	email := strings.TrimSpace(raw)
	addr, err := mail.ParseAddress(email)
	switch {
	case email == "":
		check.Fail("email", "is required")
	case len(email) > 254 || err != nil || addr.Address != email || !strings.Contains(email[strings.LastIndex(email, "@"):], "."):
		check.Fail("email", "is not a valid e-mail address")
	}
	return email
}

func checkDisplayName(check *domain.Checker, field, raw string) string {
	name := strings.Join(strings.Fields(raw), " ")
	switch n := utf8.RuneCountInString(name); {
	case n == 0:
		check.Fail(field, "is required")
	case n > 60:
		check.Fail(field, "must be at most 60 characters")
	case strings.ContainsFunc(name, unicode.IsControl):
		check.Fail(field, "must not contain control characters")
	}
	return name
}

func checkLanguage(check *domain.Checker, language string) string {
	switch language {
	case "":
		return "nl"
	case "nl", "en":
		return language
	}
	check.Fail("language", "must be nl or en")
	return language
}

// checkAddress finds the neighbourhood of a postcode; the address itself is
// kept only to find it and is never shown to others.
func checkAddress(ctx context.Context, q sqlx.QueryerContext, check *domain.Checker, rawPostcode, rawHouseNumber string) (areas.Placement, string, string, error) {
	houseNumber := strings.TrimSpace(rawHouseNumber)
	check.Check(houseNumberPattern.MatchString(houseNumber), "houseNumber", "must be a house number such as 12 or 12a")
	postcode, ok := areas.NormalisePostcode(rawPostcode)
	if !ok || len(postcode) != 6 {
		check.Fail("postcode", "must be a Dutch postcode such as 1234 AB")
		return areas.Placement{}, postcode, houseNumber, nil
	}
	place, err := areas.Locate(ctx, q, postcode)
	if errors.Is(err, domain.ErrNotFound) {
		check.Fail("postcode", "is not a known postcode")
		err = nil
	}
	return place, postcode, houseNumber, err
}

var phonePattern = regexp.MustCompile(`^\+?[0-9][0-9 \-]{5,18}[0-9]$`)

// checkPhone accepts an empty value (no phone) or a plain phone number.
func checkPhone(check *domain.Checker, raw string) string {
	phone := strings.TrimSpace(raw)
	check.Check(phone == "" || phonePattern.MatchString(phone), "phone", "must be a phone number such as 06 12345678")
	return phone
}

// ManagedEmailDomain holds the addresses of managed residents (people a
// broker manages, without a login): nobody can register with one, and their
// accounts have no password, so they cannot log in.
const ManagedEmailDomain = "noaber.invalid"

// redeemKeyfigureInvitation grants the keyfigure role (and the organisation)
// of the valid pending invitation with this code for email to the new
// account userID, and marks it used. Without a code it does nothing; a code
// that does not fit (another address, used, expired) is a field error, so
// that nobody ends up a resident while thinking they are a key figure.
func redeemKeyfigureInvitation(ctx context.Context, tx *sqlx.Tx, userID, email, code string, now time.Time) error {
	code = strings.TrimSpace(code)
	if code == "" {
		return nil
	}
	hash := sha256.Sum256([]byte(code))
	var inv struct {
		OrganisationID *string `db:"organisation_id"`
		InvitedBy      *string `db:"invited_by"`
	}
	err := tx.GetContext(ctx, &inv, `
		UPDATE keyfigure_invitations SET used_at = $3, user_id = $1
		WHERE id = (SELECT id FROM keyfigure_invitations
		            WHERE code_hash = $4 AND lower(email) = lower($2) AND used_at IS NULL AND expires_at > $3
		            FOR UPDATE)
		RETURNING organisation_id, invited_by`, userID, strings.TrimSpace(email), now, hash[:])
	if errors.Is(err, sql.ErrNoRows) {
		return &domain.InvalidError{Fields: []domain.FieldError{{Name: "invitationCode",
			Reason: "does not fit this e-mail address, was used or has expired"}}}
	}
	if err != nil {
		return fmt.Errorf("redeem keyfigure invitation: %w", err)
	}
	grantedBy := ""
	if inv.InvitedBy != nil {
		grantedBy = *inv.InvitedBy
	}
	if err := grantRole(ctx, tx, userID, Keyfigure, grantedBy); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE users SET organisation_id = $2 WHERE id = $1 AND $2::uuid IS NOT NULL`,
		userID, inv.OrganisationID); err != nil {
		return fmt.Errorf("set organisation: %w", err)
	}
	return nil
}

package broker

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/areas"
	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/domain"
	"github.com/noaber/noaber/internal/organisations"
)

// InvitationLifetime is how long a pending key figure invitation waits for
// its e-mail address to register.
const InvitationLifetime = 30 * 24 * time.Hour

// Invitation is a broker's invitation of a key figure for one of their
// neighbourhoods.
type Invitation struct {
	Email          string
	Name           string
	OrganisationID *string
	AreaID         string
}

// InvitationView is the outcome: granted at once to an existing account,
// or pending until the address registers. Code is shown once, for a
// pending invitation only (only its hash is kept).
type InvitationView struct {
	ID           string    `json:"id"`
	Email        string    `json:"email"`
	Name         string    `json:"name"`
	Area         AreaRef   `json:"area"`
	Organisation *AreaRef  `json:"organisation"`
	Status       string    `json:"status"`
	Code         *string   `json:"code"`
	CreatedAt    time.Time `json:"createdAt"`
	ExpiresAt    time.Time `json:"expiresAt"`
}

// InviteKeyfigure invites a key figure for neighbourhood in.AreaID, which
// the broker must cover (else not found). An existing account gets the
// keyfigure role (and the organisation) at once.
func (b *Broker) InviteKeyfigure(ctx context.Context, brokerID string, in Invitation) (InvitationView, error) {
	var out InvitationView
	err := database.WithTx(ctx, b.db, func(tx *sqlx.Tx) error {
		if err := tx.GetContext(ctx, &out.Area, `SELECT a.code AS id, a.name FROM areas a WHERE a.code = $2
			AND a.kind = 'neighbourhood' AND `+areas.BrokerCovers("$1", "a.code"), brokerID, in.AreaID); err != nil {
			return notFoundIfNoRows("area "+in.AreaID, err)
		}
		email, name, err := checkInvitation(ctx, tx, brokerID, in)
		if err != nil {
			return err
		}
		now := b.nowUTC()
		userID, err := existingAccount(ctx, tx, email)
		if err != nil {
			return err
		}
		out, err = b.storeInvitation(ctx, tx, brokerID, userID, email, name, in, now, out.Area)
		if err != nil || userID == "" {
			return err
		}
		return grantKeyfigure(ctx, tx, brokerID, userID, in.OrganisationID)
	})
	return out, err
}

// checkInvitation validates the input, naming every bad field.
func checkInvitation(ctx context.Context, tx *sqlx.Tx, brokerID string, in Invitation) (string, string, error) {
	var check domain.Checker
	email := strings.TrimSpace(in.Email)
	addr, err := mail.ParseAddress(email)
	check.Check(email != "" && len(email) <= 254 && err == nil && addr.Address == email &&
		strings.Contains(email[strings.LastIndex(email, "@"):], ".") && !strings.HasSuffix(strings.ToLower(email), ".invalid"),
		"email", "must be a valid e-mail address")
	name := checkName(&check, "name", in.Name)
	if in.OrganisationID != nil {
		err := organisations.InScope(ctx, tx, organisations.Scope{BrokerID: brokerID}, *in.OrganisationID)
		if errors.Is(err, domain.ErrNotFound) {
			check.Fail("organisationId", "is not an organisation you manage")
		} else if err != nil {
			return "", "", err
		}
	}
	return email, name, check.Err()
}

// existingAccount is the live account with a login for email, or "".
func existingAccount(ctx context.Context, tx *sqlx.Tx, email string) (string, error) {
	var id string
	err := tx.GetContext(ctx, &id, `SELECT id FROM users WHERE lower(email) = lower($1) AND deleted_at IS NULL
		AND password_hash IS NOT NULL FOR UPDATE`, email)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("find account: %w", err)
	}
	return id, nil
}

// storeInvitation records the invitation: used at once for an existing
// account (userID), else pending with a fresh code.
func (b *Broker) storeInvitation(ctx context.Context, tx *sqlx.Tx, brokerID, userID, email, name string, in Invitation,
	now time.Time, area AreaRef) (InvitationView, error) {
	raw := make([]byte, 24)
	if _, err := rand.Read(raw); err != nil {
		return InvitationView{}, fmt.Errorf("make invitation code: %w", err)
	}
	code := base64.RawURLEncoding.EncodeToString(raw)
	hash := sha256.Sum256([]byte(code))
	v := InvitationView{Email: email, Name: name, Area: area, Status: "pending", CreatedAt: now,
		ExpiresAt: now.Add(InvitationLifetime), Code: &code}
	var used *time.Time
	var user *string
	if userID != "" {
		v.Status, v.Code, used, user = "granted", nil, &now, &userID
	}
	if err := tx.GetContext(ctx, &v.ID, `INSERT INTO keyfigure_invitations (email, name, organisation_id, area_code,
		code_hash, invited_by, user_id, created_at, expires_at, used_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		email, name, in.OrganisationID, area.ID, hash[:], brokerID, user, now, v.ExpiresAt, used); err != nil {
		return InvitationView{}, fmt.Errorf("store invitation: %w", err)
	}
	if in.OrganisationID != nil {
		v.Organisation = &AreaRef{ID: *in.OrganisationID}
		if err := tx.GetContext(ctx, &v.Organisation.Name, `SELECT name FROM organisations WHERE id = $1`,
			*in.OrganisationID); err != nil {
			return InvitationView{}, fmt.Errorf("read organisation: %w", err)
		}
	}
	return v, nil
}

// grantKeyfigure gives an existing account the keyfigure role, as a
// broker's grant through accounts.GrantRole does, and sets the
// organisation when one is given. Unlike that grant, the person need not
// live in the broker's neighbourhoods: a key figure is invited for where
// they work (a teacher, a shopkeeper), not where they live.
func grantKeyfigure(ctx context.Context, tx *sqlx.Tx, brokerID, userID string, organisationID *string) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO user_roles (user_id, role, granted_by) VALUES ($1, 'keyfigure', $2)
		ON CONFLICT DO NOTHING`, userID, brokerID); err != nil {
		return fmt.Errorf("grant keyfigure: %w", err)
	}
	if organisationID == nil {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE users SET organisation_id = $2 WHERE id = $1`, userID, *organisationID); err != nil {
		return fmt.Errorf("set organisation: %w", err)
	}
	return nil
}

// Keyfigure is a key figure as professionals of their area see them.
type Keyfigure struct {
	ID             string    `json:"id"`
	Name           string    `json:"name"`
	Email          string    `json:"email"`
	Phone          *string   `json:"phone"`
	Organisation   *AreaRef  `json:"organisation"`
	Neighbourhoods []AreaRef `json:"neighbourhoods"`
}

type keyfigureRow struct {
	ID             string          `db:"id"`
	Name           string          `db:"display_name"`
	Email          string          `db:"email"`
	Phone          *string         `db:"phone"`
	CreatedAt      time.Time       `db:"created_at"`
	OrgID          *string         `db:"org_id"`
	OrgName        *string         `db:"org_name"`
	Neighbourhoods json.RawMessage `db:"neighbourhoods"`
}

// keyfiguresQuery lists key figures with the neighbourhoods they belong to
// (where they live, where their organisation is active, what they were
// invited for) that viewer $1 may see: an admin ($2) all, a broker ($3)
// those they cover, a contact person ($5) those where they are contact,
// backup or the team's coordinator. $4 narrows to an area.
var keyfiguresQuery = `
	WITH kf AS (
		SELECT u.id AS user_id, u.neighbourhood_code AS code FROM users u
		JOIN user_roles r ON r.user_id = u.id AND r.role = 'keyfigure' WHERE u.neighbourhood_code IS NOT NULL
		UNION
		SELECT u.id, n.code FROM users u
		JOIN user_roles r ON r.user_id = u.id AND r.role = 'keyfigure'
		JOIN organisation_areas oa ON oa.organisation_id = u.organisation_id
		JOIN areas n ON n.kind = 'neighbourhood' AND oa.area_code IN (n.code, n.parent_code)
		UNION
		SELECT ki.user_id, ki.area_code FROM keyfigure_invitations ki
		JOIN user_roles r ON r.user_id = ki.user_id AND r.role = 'keyfigure'
	), seen AS (
		SELECT kf.user_id, kf.code FROM kf JOIN areas n ON n.code = kf.code LEFT JOIN areas d ON d.code = n.parent_code
		WHERE ($4::text IS NULL OR $4 IN (n.code, n.parent_code, d.parent_code))
		  AND (` + scope("kf.code") + ` OR ($5 AND EXISTS (SELECT 1 FROM area_team_neighbourhoods atn
		       JOIN area_teams t ON t.id = atn.team_id
		       WHERE atn.neighbourhood_code = kf.code AND $1 IN (atn.contact_id, atn.backup_id, t.coordinator_id))))
	)
	SELECT u.id, u.display_name, u.email, u.phone, u.created_at, o.id AS org_id, o.name AS org_name,
	       json_agg(json_build_object('id', n.code, 'name', n.name) ORDER BY n.code) AS neighbourhoods
	FROM seen JOIN users u ON u.id = seen.user_id JOIN areas n ON n.code = seen.code
	LEFT JOIN organisations o ON o.id = u.organisation_id
	WHERE u.deleted_at IS NULL AND ($6::timestamptz IS NULL OR (u.created_at, u.id) > ($6, $7::uuid))
	GROUP BY u.id, o.id
	ORDER BY u.created_at, u.id
	LIMIT $8`

// Keyfigures is one page of the key figures of the viewer's areas (within
// areaID when given), longest known first.
func (b *Broker) Keyfigures(ctx context.Context, v Viewer, areaID string, cursor domain.Cursor, limit int) (Page[Keyfigure], error) {
	var rows []keyfigureRow
	if err := b.db.SelectContext(ctx, &rows, keyfiguresQuery, v.UserID, v.Admin, v.Broker, nullIfEmpty(areaID), v.Contact,
		cursor.AtOrNil(), cursor.IDOrNil(), limit+1); err != nil {
		return Page[Keyfigure]{}, fmt.Errorf("list key figures: %w", err)
	}
	rows, next := page(rows, limit, func(r keyfigureRow) domain.Cursor { return domain.Cursor{At: r.CreatedAt, ID: r.ID} })
	out := make([]Keyfigure, 0, len(rows))
	for _, r := range rows {
		k := Keyfigure{ID: r.ID, Name: r.Name, Email: r.Email, Phone: r.Phone}
		if r.OrgID != nil {
			k.Organisation = &AreaRef{ID: *r.OrgID, Name: *r.OrgName}
		}
		if err := json.Unmarshal(r.Neighbourhoods, &k.Neighbourhoods); err != nil {
			return Page[Keyfigure]{}, fmt.Errorf("read neighbourhoods of %s: %w", r.ID, err)
		}
		out = append(out, k)
	}
	return Page[Keyfigure]{Items: out, Next: next}, nil
}

package accounts

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/noaber/noaber/internal/areas"
	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/domain"
)

// Me is everything a person may see of their own account.
type Me struct {
	ID            string     `json:"id"`
	Email         string     `json:"email"`
	DisplayName   string     `json:"displayName"`
	Roles         []Role     `json:"roles"`
	Postcode      *string    `json:"postcode"`
	HouseNumber   *string    `json:"houseNumber"`
	Phone         *string    `json:"phone"`
	Language      string     `json:"language"`
	Neighbourhood *areas.Ref `json:"neighbourhood"`
	District      *areas.Ref `json:"district"`
	Organisation  *OrgRef    `json:"organisation"`
	// BrokerAreas are the areas a broker works in (neighbourhoods,
	// districts or municipalities); empty for everybody else.
	BrokerAreas          []areas.Ref `json:"brokerAreas"`
	TOTPEnabled          bool        `json:"totpEnabled"`
	SecondFactorRequired bool        `json:"secondFactorRequired"`
	CreatedAt            time.Time   `json:"createdAt"`
}

// OrgRef names an organisation.
type OrgRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

const meQuery = `
	SELECT u.id, u.email, u.display_name, u.postcode, u.house_number, u.phone, u.language,
	       u.totp_enabled_at IS NOT NULL AS totp_enabled, u.created_at,
	       n.code AS n_code, n.name AS n_name, d.code AS d_code, d.name AS d_name,
	       o.id AS o_id, o.name AS o_name,
	       COALESCE((SELECT array_agg(role ORDER BY role) FROM user_roles WHERE user_id = u.id), '{}') AS roles,
	       COALESCE((SELECT array_agg(a.code ORDER BY a.code) FROM broker_areas ba JOIN areas a ON a.code = ba.area_code
	                 WHERE ba.user_id = u.id), '{}') AS broker_codes,
	       COALESCE((SELECT array_agg(a.name ORDER BY a.code) FROM broker_areas ba JOIN areas a ON a.code = ba.area_code
	                 WHERE ba.user_id = u.id), '{}') AS broker_names
	FROM users u
	LEFT JOIN areas n ON n.code = u.neighbourhood_code
	LEFT JOIN areas d ON d.code = n.parent_code
	LEFT JOIN organisations o ON o.id = u.organisation_id
	WHERE u.id = $1 AND u.deleted_at IS NULL`

// Me returns the caller's own account.
func (a *Accounts) Me(ctx context.Context, caller Caller) (Me, error) {
	return loadMe(ctx, a.meStmt, caller)
}

// loadMe reads the account with the prepared me statement, or a
// transaction's version of it.
func loadMe(ctx context.Context, q *sqlx.Stmt, caller Caller) (Me, error) {
	var row struct {
		ID          string         `db:"id"`
		Email       string         `db:"email"`
		DisplayName string         `db:"display_name"`
		Postcode    *string        `db:"postcode"`
		HouseNumber *string        `db:"house_number"`
		Phone       *string        `db:"phone"`
		Language    string         `db:"language"`
		TOTPEnabled bool           `db:"totp_enabled"`
		CreatedAt   time.Time      `db:"created_at"`
		NCode       sql.NullString `db:"n_code"`
		NName       sql.NullString `db:"n_name"`
		DCode       sql.NullString `db:"d_code"`
		DName       sql.NullString `db:"d_name"`
		OID         sql.NullString `db:"o_id"`
		OName       sql.NullString `db:"o_name"`
		Roles       pq.StringArray `db:"roles"`
		BrokerCodes pq.StringArray `db:"broker_codes"`
		BrokerNames pq.StringArray `db:"broker_names"`
	}
	if err := q.GetContext(ctx, &row, caller.UserID); err != nil {
		return Me{}, notFoundIfNoRows(err)
	}
	m := Me{ID: row.ID, Email: row.Email, DisplayName: row.DisplayName, Postcode: row.Postcode,
		HouseNumber: row.HouseNumber, Phone: row.Phone, Language: row.Language, TOTPEnabled: row.TOTPEnabled,
		CreatedAt: row.CreatedAt.UTC(), Roles: []Role{}, BrokerAreas: []areas.Ref{}}
	for i, code := range row.BrokerCodes {
		m.BrokerAreas = append(m.BrokerAreas, areas.Ref{ID: code, Name: row.BrokerNames[i]})
	}
	for _, r := range row.Roles {
		m.Roles = append(m.Roles, Role(r))
	}
	if row.NCode.Valid {
		m.Neighbourhood = &areas.Ref{ID: row.NCode.String, Name: row.NName.String}
		m.District = &areas.Ref{ID: row.DCode.String, Name: row.DName.String}
	}
	if row.OID.Valid {
		m.Organisation = &OrgRef{ID: row.OID.String, Name: row.OName.String}
	}
	m.SecondFactorRequired = Caller{Roles: m.Roles, SecondFactor: caller.SecondFactor}.SecondFactorRequired()
	return m, nil
}

// MePatch holds the fields a person may change of their own account; nil
// means unchanged.
type MePatch struct {
	DisplayName     *string
	Postcode        *string
	HouseNumber     *string
	Phone           *string
	Language        *string
	CurrentPassword *string
	NewPassword     *string
}

// UpdateMe changes the caller's own account in one transaction. A new
// password needs the current one and ends every other session.
func (a *Accounts) UpdateMe(ctx context.Context, caller Caller, p MePatch) (Me, error) {
	var out Me
	err := database.WithTx(ctx, a.db, func(tx *sqlx.Tx) error {
		cur, err := loadMe(ctx, tx.StmtxContext(ctx, a.meStmt), caller)
		if err != nil {
			return err
		}
		set, err := a.checkPatch(ctx, tx, caller, cur, p)
		if err != nil {
			return err
		}
		if _, err := tx.NamedExecContext(ctx, `
			UPDATE users SET display_name = :display_name, postcode = :postcode, house_number = :house_number,
			       neighbourhood_code = :neighbourhood_code, phone = NULLIF(:phone, ''), language = :language
			WHERE id = :id`, set); err != nil {
			return fmt.Errorf("update account: %w", err)
		}
		if p.NewPassword != nil {
			if err := a.changePassword(ctx, tx, caller, *p.NewPassword); err != nil {
				return err
			}
		}
		out, err = loadMe(ctx, tx.StmtxContext(ctx, a.meStmt), caller)
		return err
	})
	return out, err
}

type accountRow struct {
	ID                string `db:"id"`
	DisplayName       string `db:"display_name"`
	Postcode          string `db:"postcode"`
	HouseNumber       string `db:"house_number"`
	NeighbourhoodCode string `db:"neighbourhood_code"`
	Phone             string `db:"phone"`
	Language          string `db:"language"`
}

func (a *Accounts) checkPatch(ctx context.Context, tx *sqlx.Tx, caller Caller, cur Me, p MePatch) (accountRow, error) {
	row := accountRow{ID: cur.ID, DisplayName: cur.DisplayName, Postcode: deref(cur.Postcode),
		HouseNumber: deref(cur.HouseNumber), Phone: deref(cur.Phone), Language: cur.Language}
	if cur.Neighbourhood != nil {
		row.NeighbourhoodCode = cur.Neighbourhood.ID
	}
	var check domain.Checker
	if p.DisplayName != nil {
		row.DisplayName = checkDisplayName(&check, "displayName", *p.DisplayName)
	}
	if p.Language != nil {
		row.Language = checkLanguage(&check, *p.Language)
	}
	if p.Phone != nil {
		row.Phone = checkPhone(&check, *p.Phone)
	}
	if p.Postcode != nil || p.HouseNumber != nil {
		place, postcode, house, err := checkAddress(ctx, tx, &check, coalesce(p.Postcode, row.Postcode), coalesce(p.HouseNumber, row.HouseNumber))
		if err != nil {
			return row, err
		}
		row.Postcode, row.HouseNumber, row.NeighbourhoodCode = postcode, house, place.Neighbourhood.ID
	}
	if p.NewPassword != nil {
		checkPassword(&check, "newPassword", *p.NewPassword)
		if p.CurrentPassword == nil || !a.passwordOf(ctx, tx, caller.UserID, *p.CurrentPassword) {
			check.Fail("currentPassword", "is not your current password")
		}
	}
	return row, check.Err()
}

func (a *Accounts) passwordOf(ctx context.Context, tx *sqlx.Tx, userID, password string) bool {
	var hash sql.NullString
	if err := tx.GetContext(ctx, &hash, `SELECT password_hash FROM users WHERE id = $1`, userID); err != nil {
		return false
	}
	return hash.Valid && passwordMatches(password, hash.String)
}

func (a *Accounts) changePassword(ctx context.Context, tx *sqlx.Tx, caller Caller, password string) error {
	hash, err := hashPassword(password)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $2, password_changed_at = $3 WHERE id = $1`,
		caller.UserID, hash, a.now()); err != nil {
		return fmt.Errorf("change password: %w", err)
	}
	return a.revokeSessionsExcept(ctx, tx, caller.UserID, caller.SessionID)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func coalesce(p *string, fallback string) string {
	if p != nil {
		return *p
	}
	return fallback
}

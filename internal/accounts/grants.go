package accounts

import (
	"context"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/domain"
	"github.com/noaber/noaber/internal/organisations"
)

// ErrRoleNotAllowed means the caller may not grant or revoke this role at
// all (a broker may only hand out keyfigure).
var ErrRoleNotAllowed = errors.New("role not allowed")

// Grant is a role given to a person, with what that role needs.
type Grant struct {
	Role Role
	// AreaIDs are a broker's neighbourhoods; nil keeps the current ones.
	AreaIDs *[]string
	// OrganisationID is a keyfigure's organisation; nil keeps the current
	// one, "" removes it.
	OrganisationID *string
}

// MayGrant reports whether caller may grant or revoke role r for someone:
// an admin (with a second factor) any role, a broker only keyfigure.
func MayGrant(caller Caller, r Role) bool {
	switch {
	case caller.Has(Admin) && caller.SecondFactor:
		return true
	case caller.Has(Broker) && caller.SecondFactor:
		return r == Keyfigure
	}
	return false
}

// GrantRole gives user userID role g.Role; granting twice changes nothing
// more. A broker may only reach people living in their neighbourhoods
// (others are domain.ErrNotFound) and only with an organisation active
// there.
func (a *Accounts) GrantRole(ctx context.Context, caller Caller, userID string, g Grant) error {
	return database.WithTx(ctx, a.db, func(tx *sqlx.Tx) error {
		id, err := grantTarget(ctx, tx, caller, userID, g.Role)
		if err != nil {
			return err
		}
		if err := checkGrant(ctx, tx, caller, g); err != nil {
			return err
		}
		if err := grantRole(ctx, tx, id, g.Role, caller.UserID); err != nil {
			return err
		}
		if g.Role == Broker && g.AreaIDs != nil {
			if err := setBrokerAreas(ctx, tx, id, *g.AreaIDs); err != nil {
				return err
			}
		}
		if g.Role == Keyfigure && g.OrganisationID != nil {
			if _, err := tx.ExecContext(ctx, `UPDATE users SET organisation_id = NULLIF($2, '')::uuid WHERE id = $1`,
				id, *g.OrganisationID); err != nil {
				return fmt.Errorf("set organisation: %w", err)
			}
		}
		return nil
	})
}

// RevokeRole takes role r from user userID, under the same rules as
// GrantRole; revoking a role someone does not hold changes nothing. Their
// sessions stay, but the role stops counting with their next request. The
// last admin cannot be revoked (domain.ErrConflict).
func (a *Accounts) RevokeRole(ctx context.Context, caller Caller, userID string, r Role) error {
	return database.WithTx(ctx, a.db, func(tx *sqlx.Tx) error {
		id, err := grantTarget(ctx, tx, caller, userID, r)
		if err != nil {
			return err
		}
		if r == Admin {
			if err := keepOneAdmin(ctx, tx, id); err != nil {
				return err
			}
		}
		for _, q := range revokeQueries[r] {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return fmt.Errorf("revoke role %s: %w", r, err)
			}
		}
		return nil
	})
}

// revokeQueries remove a role and what belongs to it.
var revokeQueries = map[Role][]string{
	Resident:  {`DELETE FROM user_roles WHERE user_id = $1 AND role = 'resident'`},
	Contact:   {`DELETE FROM user_roles WHERE user_id = $1 AND role = 'contact'`},
	Admin:     {`DELETE FROM user_roles WHERE user_id = $1 AND role = 'admin'`},
	Broker:    {`DELETE FROM user_roles WHERE user_id = $1 AND role = 'broker'`, `DELETE FROM broker_areas WHERE user_id = $1`},
	Keyfigure: {`DELETE FROM user_roles WHERE user_id = $1 AND role = 'keyfigure'`, `UPDATE users SET organisation_id = NULL WHERE id = $1`},
}

// grantTarget checks the role and finds the person, locked: any live
// account for an admin, for a broker only someone living in one of their
// neighbourhoods.
func grantTarget(ctx context.Context, tx *sqlx.Tx, caller Caller, userID string, r Role) (string, error) {
	if !r.Valid() {
		return "", &domain.InvalidError{Fields: []domain.FieldError{{Name: "role",
			Reason: "must be one of resident, keyfigure, broker, contact, admin"}}}
	}
	if !MayGrant(caller, r) {
		return "", ErrRoleNotAllowed
	}
	var id string
	err := tx.GetContext(ctx, &id, `
		SELECT u.id FROM users u
		WHERE u.id::text = $1 AND u.deleted_at IS NULL
		  AND ($2 OR u.disabled_at IS NULL AND u.neighbourhood_code IN (
		      SELECT area_code FROM broker_areas WHERE user_id = $3))
		FOR UPDATE`, userID, OrganisationScope(caller).All, caller.UserID)
	if err != nil {
		return "", fmt.Errorf("find user %s: %w", userID, notFoundIfNoRows(err))
	}
	return id, nil
}

// OrganisationScope is the organisations a caller manages: all of them for
// an admin (with a second factor), else those active in the caller's broker
// neighbourhoods.
func OrganisationScope(caller Caller) organisations.Scope {
	if caller.Has(Admin) && caller.SecondFactor {
		return organisations.Scope{All: true}
	}
	return organisations.Scope{BrokerID: caller.UserID}
}

// checkGrant validates what comes with a grant, naming every bad field.
func checkGrant(ctx context.Context, tx *sqlx.Tx, caller Caller, g Grant) error {
	var check domain.Checker
	check.Check(g.AreaIDs == nil || g.Role == Broker, "areaIds", "is only for the broker role")
	check.Check(g.OrganisationID == nil || g.Role == Keyfigure, "organisationId", "is only for the keyfigure role")
	if g.Role == Broker && g.AreaIDs != nil {
		if err := checkNeighbourhoods(ctx, tx, &check, *g.AreaIDs); err != nil {
			return err
		}
	}
	if g.Role == Keyfigure && g.OrganisationID != nil && *g.OrganisationID != "" {
		err := organisations.InScope(ctx, tx, OrganisationScope(caller), *g.OrganisationID)
		if errors.Is(err, domain.ErrNotFound) {
			check.Fail("organisationId", "is not an organisation you manage")
		} else if err != nil {
			return err
		}
	}
	return check.Err()
}

func checkNeighbourhoods(ctx context.Context, tx *sqlx.Tx, check *domain.Checker, codes []string) error {
	var known []string
	if err := tx.SelectContext(ctx, &known, `
		SELECT code FROM areas WHERE code = ANY($1) AND kind = 'neighbourhood'`, pq.Array(codes)); err != nil {
		return fmt.Errorf("find neighbourhoods: %w", err)
	}
	ok := map[string]bool{}
	for _, c := range known {
		ok[c] = true
	}
	for i, c := range codes {
		check.Check(ok[c], fmt.Sprintf("areaIds[%d]", i), "must be the code of a neighbourhood (BU…)")
	}
	return nil
}

func setBrokerAreas(ctx context.Context, tx *sqlx.Tx, userID string, codes []string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM broker_areas WHERE user_id = $1`, userID); err != nil {
		return fmt.Errorf("clear broker areas: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO broker_areas (user_id, area_code) SELECT $1, code FROM unnest($2::text[]) AS code
		ON CONFLICT DO NOTHING`, userID, pq.Array(codes)); err != nil {
		return fmt.Errorf("save broker areas: %w", err)
	}
	return nil
}

// keepOneAdmin refuses to revoke the admin role of userID when they are
// the only admin left. The admin rows are locked so that two admins cannot
// revoke each other at the same time.
func keepOneAdmin(ctx context.Context, tx *sqlx.Tx, userID string) error {
	var admins []string
	if err := tx.SelectContext(ctx, &admins, `
		SELECT user_id FROM user_roles WHERE role = 'admin' ORDER BY user_id FOR UPDATE`); err != nil {
		return fmt.Errorf("lock admins: %w", err)
	}
	if len(admins) == 1 && admins[0] == userID {
		return fmt.Errorf("revoke the last admin: %w", domain.ErrConflict)
	}
	return nil
}

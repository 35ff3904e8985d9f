package facilities

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/noaber/noaber/internal/areas"
	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/domain"
)

// areaCoverQuery says for each existing area in $1 whether the viewer may
// put a facility there: an admin ($2) anywhere, a broker ($4) where they
// cover the whole area (a district-wide facility needs a broker of the
// district).
var areaCoverQuery = `
	SELECT a.code, ($2 OR ($4 AND ` + areas.BrokerCovers("$3::uuid", "a.code") + `)) AS covered
	FROM areas a WHERE a.code = ANY($1)`

// editableQuery locks facility $1 when the viewer may change it: an admin
// ($2), or a broker ($4) who covers at least one of its areas.
var editableQuery = `
	SELECT f.id FROM facilities f
	WHERE f.id = $1 AND ($2 OR ($4 AND EXISTS (SELECT 1 FROM facility_areas fa WHERE fa.facility_id = f.id
	                                           AND ` + areas.BrokerCovers("$3::uuid", "fa.area_code") + `)))
	FOR UPDATE OF f`

// Create adds a facility for the areas a broker covers (an admin: any).
func (f *Facilities) Create(ctx context.Context, v Viewer, in Input) (Facility, error) {
	var out Facility
	err := database.WithTx(ctx, f.db, func(tx *sqlx.Tx) error {
		if err := checkInput(ctx, tx, v, &in, nil); err != nil {
			return err
		}
		var id string
		now := f.nowUTC()
		if err := tx.GetContext(ctx, &id, `
			INSERT INTO facilities (name, description, phone, email, address, opening_hours, link, created_by,
			                        created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
			in.Name, in.Description, in.Phone, in.Email, in.Address, in.OpeningHours, in.Link, v.UserID, now); err != nil {
			return fmt.Errorf("insert facility: %w", err)
		}
		if err := setLinks(ctx, tx, id, in); err != nil {
			return err
		}
		var err error
		out, err = get(ctx, tx, id)
		return err
	})
	return out, err
}

// Change updates a facility the viewer may change; new areas must be
// covered like on creation. Any other facility is domain.ErrNotFound.
func (f *Facilities) Change(ctx context.Context, v Viewer, id string, c Change) (Facility, error) {
	var out Facility
	err := database.WithTx(ctx, f.db, func(tx *sqlx.Tx) error {
		current, err := lockEditable(ctx, tx, v, id)
		if err != nil {
			return err
		}
		had := areaCodes(current.Areas)
		in := Input{Name: current.Name, Description: current.Description, Categories: current.Categories,
			Areas: had, Phone: current.Contact.Phone, Email: current.Contact.Email,
			Address: current.Contact.Address, OpeningHours: current.OpeningHours, Link: current.Link}.Apply(c)
		if err := checkInput(ctx, tx, v, &in, had); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
			UPDATE facilities SET name = $2, description = $3, phone = $4, email = $5, address = $6,
			       opening_hours = $7, link = $8, updated_at = $9
			WHERE id = $1`, id, in.Name, in.Description, in.Phone, in.Email, in.Address, in.OpeningHours,
			in.Link, f.nowUTC()); err != nil {
			return fmt.Errorf("update facility %s: %w", id, err)
		}
		if err := setLinks(ctx, tx, id, in); err != nil {
			return err
		}
		out, err = get(ctx, tx, id)
		return err
	})
	return out, err
}

// Delete removes a facility the viewer may change.
func (f *Facilities) Delete(ctx context.Context, v Viewer, id string) error {
	return database.WithTx(ctx, f.db, func(tx *sqlx.Tx) error {
		if _, err := lockEditable(ctx, tx, v, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM facilities WHERE id = $1`, id); err != nil {
			return fmt.Errorf("delete facility %s: %w", id, err)
		}
		return nil
	})
}

// lockEditable locks and reads facility id when v may change it.
func lockEditable(ctx context.Context, tx *sqlx.Tx, v Viewer, id string) (Facility, error) {
	if !domain.IsUUID(id) {
		return Facility{}, domain.ErrNotFound
	}
	var locked string
	err := tx.GetContext(ctx, &locked, editableQuery, id, v.Admin, nullUUID(v.UserID), v.Broker)
	if errors.Is(err, sql.ErrNoRows) {
		return Facility{}, domain.ErrNotFound
	}
	if err != nil {
		return Facility{}, fmt.Errorf("lock facility %s: %w", id, err)
	}
	return get(ctx, tx, id)
}

// checkInput validates in, with the categories and areas checked in SQL;
// every bad field is named at once. current are the areas the facility
// has now: a broker may keep those they do not cover (a shared entry), but
// only add or remove areas they cover.
func checkInput(ctx context.Context, tx *sqlx.Tx, v Viewer, in *Input, current []string) error {
	var check domain.Checker
	in.check(&check)
	var known []string
	if err := tx.SelectContext(ctx, &known, `SELECT code FROM categories WHERE code = ANY($1) AND retired_at IS NULL`,
		pq.Array(in.Categories)); err != nil {
		return fmt.Errorf("check facility categories: %w", err)
	}
	check.Check(len(known) == len(in.Categories), "categories", "holds a code that is not a category")
	var rows []struct {
		Code    string `db:"code"`
		Covered bool   `db:"covered"`
	}
	if err := tx.SelectContext(ctx, &rows, areaCoverQuery, pq.Array(append(append([]string{}, in.Areas...), current...)), v.Admin,
		nullUUID(v.UserID), v.Broker); err != nil {
		return fmt.Errorf("check facility areas: %w", err)
	}
	covered := make(map[string]bool, len(rows))
	for _, r := range rows {
		covered[r.Code] = r.Covered
	}
	wanted, had := set(in.Areas), set(current)
	allKnown, allowed := true, true
	for _, code := range in.Areas {
		_, exists := covered[code]
		allKnown = allKnown && exists
		allowed = allowed && (had[code] || covered[code])
	}
	for _, code := range current {
		allowed = allowed && (wanted[code] || covered[code])
	}
	check.Check(allKnown, "areas", "holds a code that is not an area")
	check.Check(!allKnown || allowed, "areas",
		"adds or removes an area you do not work in; ask a broker of that area or an admin")
	return check.Err()
}

func set(codes []string) map[string]bool {
	out := make(map[string]bool, len(codes))
	for _, c := range codes {
		out[c] = true
	}
	return out
}

// setLinks replaces the categories and areas of facility id.
func setLinks(ctx context.Context, tx *sqlx.Tx, id string, in Input) error {
	for _, q := range []string{`DELETE FROM facility_categories WHERE facility_id = $1`,
		`DELETE FROM facility_areas WHERE facility_id = $1`} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return fmt.Errorf("clear facility %s links: %w", id, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO facility_categories (facility_id, category_code)
		SELECT $1, unnest($2::text[])`, id, pq.Array(in.Categories)); err != nil {
		return fmt.Errorf("set facility %s categories: %w", id, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO facility_areas (facility_id, area_code)
		SELECT $1, unnest($2::text[])`, id, pq.Array(in.Areas)); err != nil {
		return fmt.Errorf("set facility %s areas: %w", id, err)
	}
	return nil
}

func areaCodes(refs []AreaRef) []string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.ID
	}
	return out
}

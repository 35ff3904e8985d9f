package market

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/noaber/noaber/internal/domain"
)

// Category is a kind of help; retired ones stay for old posts but cannot be
// chosen for new ones.
type Category struct {
	ID       string `json:"id"`
	Labels   Labels `json:"labels"`
	Icon     string `json:"icon"`
	Position int    `json:"position"`
	Retired  bool   `json:"retired"`
}

// Labels are a category's names per language.
type Labels struct {
	NL string `json:"nl"`
	EN string `json:"en"`
}

// NewCategory is an admin's new category.
type NewCategory struct {
	ID       string
	Labels   Labels
	Icon     string
	Position int
}

// CategoryChange is an admin's change of a category; nil leaves a field.
type CategoryChange struct {
	LabelNL, LabelEN *string
	Icon             *string
	Position         *int
	Retired          *bool
}

var codePattern = regexp.MustCompile(`^[a-z][a-z0-9-]{1,39}$`)

const categoryColumns = `code, label_nl, label_en, icon, position, retired_at IS NOT NULL AS retired`

type categoryRow struct {
	Code     string `db:"code"`
	LabelNL  string `db:"label_nl"`
	LabelEN  string `db:"label_en"`
	Icon     string `db:"icon"`
	Position int    `db:"position"`
	Retired  bool   `db:"retired"`
}

func (r categoryRow) category() Category {
	return Category{ID: r.Code, Labels: Labels{NL: r.LabelNL, EN: r.LabelEN}, Icon: r.Icon,
		Position: r.Position, Retired: r.Retired}
}

// Categories lists the categories by position; retired ones only with all.
func (m *Market) Categories(ctx context.Context, all bool) ([]Category, error) {
	var rows []categoryRow
	err := m.db.SelectContext(ctx, &rows, `SELECT `+categoryColumns+` FROM categories
		WHERE $1 OR retired_at IS NULL ORDER BY position, code`, all)
	if err != nil {
		return nil, fmt.Errorf("list categories: %w", err)
	}
	out := make([]Category, len(rows))
	for i, r := range rows {
		out[i] = r.category()
	}
	return out, nil
}

// CreateCategory adds a category; an existing id is a conflict.
func (m *Market) CreateCategory(ctx context.Context, in NewCategory) (Category, error) {
	var check domain.Checker
	check.Check(codePattern.MatchString(in.ID), "id", "must be 2 to 40 lower-case letters, digits or dashes, starting with a letter")
	checkLabels(&check, &in.Labels.NL, &in.Labels.EN)
	check.Check(codePattern.MatchString(in.Icon), "icon", "must be 2 to 40 lower-case letters, digits or dashes, starting with a letter")
	if err := check.Err(); err != nil {
		return Category{}, err
	}
	var row categoryRow
	err := m.db.GetContext(ctx, &row, `INSERT INTO categories (code, label_nl, label_en, icon, position)
		VALUES ($1, $2, $3, $4, $5) RETURNING `+categoryColumns,
		in.ID, in.Labels.NL, in.Labels.EN, in.Icon, in.Position)
	var pqErr *pq.Error
	if errors.As(err, &pqErr) && pqErr.Code == "23505" {
		return Category{}, fmt.Errorf("category %s exists: %w", in.ID, domain.ErrConflict)
	}
	if err != nil {
		return Category{}, fmt.Errorf("create category: %w", err)
	}
	return row.category(), nil
}

// checkLabels normalizes and checks the labels that are given (non-nil).
func checkLabels(check *domain.Checker, nl, en *string) {
	for _, l := range []struct {
		name string
		v    *string
	}{{"labels.nl", nl}, {"labels.en", en}} {
		if l.v != nil {
			*l.v = normalize(*l.v)
			checkText(check, l.name, *l.v, textRule{min: 1, max: 60})
		}
	}
}

// ChangeCategory changes a category; retiring keeps the first retirement
// time.
func (m *Market) ChangeCategory(ctx context.Context, id string, ch CategoryChange) (Category, error) {
	var check domain.Checker
	checkLabels(&check, ch.LabelNL, ch.LabelEN)
	if ch.Icon != nil {
		check.Check(codePattern.MatchString(*ch.Icon), "icon", "must be 2 to 40 lower-case letters, digits or dashes, starting with a letter")
	}
	if err := check.Err(); err != nil {
		return Category{}, err
	}
	var row categoryRow
	err := m.db.GetContext(ctx, &row, `UPDATE categories SET
			label_nl = COALESCE($2, label_nl), label_en = COALESCE($3, label_en), icon = COALESCE($4, icon),
			position = COALESCE($5, position),
			retired_at = CASE WHEN $6::boolean IS NULL THEN retired_at
			                  WHEN $6 THEN COALESCE(retired_at, $7) END
			WHERE code = $1 RETURNING `+categoryColumns,
		id, ch.LabelNL, ch.LabelEN, ch.Icon, ch.Position, ch.Retired, m.nowUTC())
	if errors.Is(err, sql.ErrNoRows) {
		return Category{}, fmt.Errorf("category %s: %w", id, domain.ErrNotFound)
	}
	if err != nil {
		return Category{}, fmt.Errorf("change category %s: %w", id, err)
	}
	return row.category(), nil
}

// categoryState says whether a category can be chosen for a post: it
// exists and is not retired.
func categoryState(ctx context.Context, tx *sqlx.Tx, code string) (usable bool, err error) {
	var retiredAt *time.Time
	err = tx.GetContext(ctx, &retiredAt, `SELECT retired_at FROM categories WHERE code = $1`, code)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("load category: %w", err)
	}
	return retiredAt == nil, nil
}

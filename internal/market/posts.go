package market

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/broker/onbehalf"
	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/domain"
	"github.com/noaber/noaber/internal/moderation"
)

// NewPost is a request or offer as its author writes it; nil fields get
// their defaults (recurrence once, radius 2 km).
type NewPost struct {
	Kind           string
	Category       string
	Title          string
	Body           string
	MomentText     *string
	MomentAt       *string
	Recurrence     *string
	RadiusKm       *float64
	OrganisationID *string
	// OnBehalfOf is a managed resident the caller (their broker) posts for.
	OnBehalfOf *string
}

// PostChange is the author's change of a post; nil (or not Set) leaves a
// field as it is, a Nullable set to null clears it.
type PostChange struct {
	Category, Title, Body, Recurrence *string
	MomentText, MomentAt              Nullable[string]
	OrganisationID                    Nullable[string]
	RadiusKm                          *float64
}

// DefaultRadiusKm is how far a post reaches unless its author says.
const DefaultRadiusKm = 2.0

// CreatePost publishes a post in its author's neighbourhood, for 30 days.
func (m *Market) CreatePost(ctx context.Context, authorID string, in NewPost) (Post, error) {
	f := fields{Category: &in.Category, Title: &in.Title, Body: &in.Body, Recurrence: in.Recurrence,
		MomentText: Nullable[string]{Value: in.MomentText}, MomentAt: Nullable[string]{Value: in.MomentAt},
		OrganisationID: Nullable[string]{Value: in.OrganisationID}, RadiusKm: in.RadiusKm}
	if f.Recurrence == nil {
		f.Recurrence = ptr(string(Once))
	}
	if f.RadiusKm == nil {
		f.RadiusKm = ptr(DefaultRadiusKm)
	}
	var p Post
	err := database.WithTx(ctx, m.db, func(tx *sqlx.Tx) error {
		now := m.nowUTC()
		authorID, createdBy, err := onbehalf.Actor(ctx, tx, authorID, in.OnBehalfOf)
		if err != nil {
			return err
		}
		a, err := loadAuthor(ctx, tx, authorID)
		if err != nil {
			return err
		}
		if a.NeighbourhoodCode == nil {
			return ErrNoNeighbourhood
		}
		c, err := validate(ctx, tx, a, &f, nil, now)
		if kindErr := checkKind(in.Kind); kindErr != nil {
			err = mergeInvalid(err, kindErr)
		}
		if err != nil {
			return err
		}
		var id string
		if err := tx.GetContext(ctx, &id, `
			INSERT INTO posts (author_id, organisation_id, kind, category_code, title, body, moment_text, moment_at,
			                   recurrence, radius_km, neighbourhood_code, expires_at, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id`,
			authorID, f.OrganisationID.Value, in.Kind, *f.Category, *f.Title, *f.Body, f.MomentText.Value, c.momentAt,
			*f.Recurrence, *f.RadiusKm, *a.NeighbourhoodCode, now.Add(Lifetime), now); err != nil {
			return fmt.Errorf("insert post: %w", err)
		}
		if err := onbehalf.RecordPost(ctx, tx, id, createdBy); err != nil {
			return err
		}
		// moderation: flag contact details, money and selling for review.
		if err := moderation.FlagPost(ctx, tx, id, *f.Title, *f.Body, now); err != nil {
			return err
		}
		p, err = readPost(ctx, tx, id, authorID, now)
		return err
	})
	return p, err
}

func checkKind(kind string) error {
	var check domain.Checker
	check.Check(Kind(kind).Valid(), "kind", "must be request or offer")
	return check.Err()
}

// mergeInvalid joins the fields of two validation errors; any other error
// wins.
func mergeInvalid(a, b error) error {
	var ia, ib *domain.InvalidError
	if a == nil {
		return b
	}
	if !errors.As(a, &ia) || !errors.As(b, &ib) {
		return a
	}
	var check domain.Checker
	for _, f := range append(ia.Fields, ib.Fields...) {
		check.Fail(f.Name, f.Reason)
	}
	return check.Err()
}

func loadAuthor(ctx context.Context, tx *sqlx.Tx, userID string) (author, error) {
	var a author
	err := tx.GetContext(ctx, &a, `SELECT neighbourhood_code, organisation_id FROM users
		WHERE id = $1 AND deleted_at IS NULL AND disabled_at IS NULL`, userID)
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("author %s: %w", userID, domain.ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("load author: %w", err)
	}
	return a, nil
}

// Post is one post as readerID sees it: the author sees their own in any
// status; anybody else only an open, unexpired, visible post of an active
// person with no block between the two; otherwise ErrNotFound.
func (m *Market) Post(ctx context.Context, readerID, id string) (Post, error) {
	var p Post
	err := database.WithTx(ctx, m.db, func(tx *sqlx.Tx) error {
		var err error
		p, err = readPost(ctx, tx, id, readerID, m.nowUTC())
		return err
	})
	return p, err
}

func readPost(ctx context.Context, tx *sqlx.Tx, id, readerID string, now time.Time) (Post, error) {
	if !domain.IsUUID(id) {
		return Post{}, fmt.Errorf("post %q: %w", id, domain.ErrNotFound)
	}
	var row postRow
	err := tx.GetContext(ctx, &row, postSelect+` WHERE p.id = $3 AND `+visibleTo, readerID, now, id)
	if errors.Is(err, sql.ErrNoRows) {
		return Post{}, fmt.Errorf("post %s: %w", id, domain.ErrNotFound)
	}
	if err != nil {
		return Post{}, fmt.Errorf("read post %s: %w", id, err)
	}
	return row.post(readerID, now), nil
}

// ChangePost changes the author's own open post.
func (m *Market) ChangePost(ctx context.Context, authorID, id string, ch PostChange) (Post, error) {
	f := fields(ch)
	var p Post
	err := database.WithTx(ctx, m.db, func(tx *sqlx.Tx) error {
		now := m.nowUTC()
		cur, err := lockOwnPost(ctx, tx, id, authorID)
		if err != nil {
			return err
		}
		a, err := loadAuthor(ctx, tx, authorID)
		if err != nil {
			return err
		}
		c, err := validate(ctx, tx, a, &f, cur.MomentAt, now)
		if err != nil {
			return err
		}
		if !edit.allows(cur.Status.at(cur.ExpiresAt, now)) {
			return fmt.Errorf("edit post %s (%s): %w", id, cur.Status, domain.ErrConflict)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE posts SET
			category_code = COALESCE($2, category_code), title = COALESCE($3, title), body = COALESCE($4, body),
			recurrence = COALESCE($5, recurrence), radius_km = COALESCE($6, radius_km),
			moment_text = CASE WHEN $7 THEN $8 ELSE moment_text END,
			moment_at = CASE WHEN $9 THEN $10::timestamptz ELSE moment_at END,
			organisation_id = CASE WHEN $11 THEN $12::uuid ELSE organisation_id END,
			updated_at = $13
			WHERE id = $1`, id, f.Category, f.Title, f.Body, f.Recurrence, f.RadiusKm,
			f.MomentText.Set, f.MomentText.Value, f.MomentAt.Set, c.momentAt,
			f.OrganisationID.Set, f.OrganisationID.Value, now); err != nil {
			return fmt.Errorf("update post %s: %w", id, err)
		}
		if p, err = readPost(ctx, tx, id, authorID, now); err != nil || f.Title == nil && f.Body == nil {
			return err
		}
		// moderation: a changed title or text is checked again.
		return moderation.FlagPost(ctx, tx, id, p.Title, p.Body, now)
	})
	return p, err
}

// ownPost is the state of a post its author is about to change.
type ownPost struct {
	Status    Status     `db:"status"`
	ExpiresAt time.Time  `db:"expires_at"`
	MomentAt  *time.Time `db:"moment_at"`
}

// lockOwnPost locks the author's post; somebody else's post is not found.
func lockOwnPost(ctx context.Context, tx *sqlx.Tx, id, authorID string) (ownPost, error) {
	var o ownPost
	if !domain.IsUUID(id) {
		return o, fmt.Errorf("post %q: %w", id, domain.ErrNotFound)
	}
	err := tx.GetContext(ctx, &o, `SELECT status, expires_at, moment_at FROM posts
		WHERE id = $1 AND author_id = $2 FOR UPDATE`, id, authorID)
	if errors.Is(err, sql.ErrNoRows) {
		return o, fmt.Errorf("post %s: %w", id, domain.ErrNotFound)
	}
	if err != nil {
		return o, fmt.Errorf("lock post %s: %w", id, err)
	}
	return o, nil
}

// WithdrawPost takes the author's post down; the row stays for the
// conversations and exchanges that refer to it. Withdrawing twice is fine.
func (m *Market) WithdrawPost(ctx context.Context, authorID, id string) error {
	return database.WithTx(ctx, m.db, func(tx *sqlx.Tx) error {
		now := m.nowUTC()
		cur, err := lockOwnPost(ctx, tx, id, authorID)
		if err != nil || cur.Status == Withdrawn {
			return err
		}
		if !withdraw.allows(cur.Status.at(cur.ExpiresAt, now)) {
			return fmt.Errorf("withdraw post %s (%s): %w", id, cur.Status, domain.ErrConflict)
		}
		_, err = tx.ExecContext(ctx, `UPDATE posts SET status = 'withdrawn', updated_at = $2 WHERE id = $1`, id, now)
		if err != nil {
			return fmt.Errorf("withdraw post %s: %w", id, err)
		}
		return nil
	})
}

// RenewPost gives the author's open or expired post another 30 days from
// now (and another reminder before those end).
func (m *Market) RenewPost(ctx context.Context, authorID, id string) (Post, error) {
	var p Post
	err := database.WithTx(ctx, m.db, func(tx *sqlx.Tx) error {
		now := m.nowUTC()
		cur, err := lockOwnPost(ctx, tx, id, authorID)
		if err != nil {
			return err
		}
		if !renew.allows(cur.Status.at(cur.ExpiresAt, now)) {
			return fmt.Errorf("renew post %s (%s): %w", id, cur.Status, domain.ErrConflict)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE posts SET status = 'open', expires_at = $2, reminded_at = NULL,
			updated_at = $3 WHERE id = $1`, id, now.Add(Lifetime), now); err != nil {
			return fmt.Errorf("renew post %s: %w", id, err)
		}
		p, err = readPost(ctx, tx, id, authorID, now)
		return err
	})
	return p, err
}

func ptr[T any](v T) *T { return &v }

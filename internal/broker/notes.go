package broker

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/domain"
)

// FollowUp is a broker's reminder to look at a request again.
type FollowUp struct {
	// DueOn is a date (2006-01-02); nil for no date.
	DueOn *string
	Note  *string
}

// FollowUpView is the follow-up flag of a request.
type FollowUpView struct {
	DueOn     *string   `json:"dueOn"`
	Note      *string   `json:"note"`
	FlaggedAt time.Time `json:"flaggedAt"`
	FlaggedBy *UserRef  `json:"flaggedBy"`
}

const followUpColumns = `f.post_id AS fu_post_id, f.due_on AS fu_due_on, f.note AS fu_note, f.flagged_at AS fu_flagged_at,
	fu.id AS fu_by_id, fu.display_name AS fu_by_name`

type followUpRow struct {
	PostID    *string    `db:"fu_post_id"`
	DueOn     *time.Time `db:"fu_due_on"`
	Note      *string    `db:"fu_note"`
	FlaggedAt *time.Time `db:"fu_flagged_at"`
	ByID      *string    `db:"fu_by_id"`
	ByName    *string    `db:"fu_by_name"`
}

func (r followUpRow) view() *FollowUpView {
	if r.PostID == nil {
		return nil
	}
	v := &FollowUpView{Note: r.Note, FlaggedAt: r.FlaggedAt.UTC()}
	if r.DueOn != nil {
		d := r.DueOn.Format(time.DateOnly)
		v.DueOn = &d
	}
	if r.ByID != nil {
		v.FlaggedBy = &UserRef{ID: *r.ByID, DisplayName: *r.ByName}
	}
	return v
}

// inScope finds post id when the viewer may work on it: a request when
// requests is true, any post otherwise; not found else.
func inScope(ctx context.Context, q sqlx.QueryerContext, v Viewer, id string, requests bool) error {
	if err := checkID("post", id); err != nil {
		return err
	}
	var ok bool
	err := sqlx.GetContext(ctx, q, &ok, `SELECT EXISTS (SELECT 1 FROM posts p
		WHERE p.id = $4 AND (NOT $5 OR p.kind = 'request') AND `+scope("p.neighbourhood_code")+`)`,
		v.UserID, v.Admin, v.Broker, id, requests)
	if err != nil {
		return fmt.Errorf("check post %s: %w", id, err)
	}
	if !ok {
		return fmt.Errorf("post %s: %w", id, domain.ErrNotFound)
	}
	return nil
}

// SetFollowUp flags request postID for follow-up, replacing an earlier
// flag.
func (b *Broker) SetFollowUp(ctx context.Context, v Viewer, postID string, in FollowUp) (FollowUpView, error) {
	var check domain.Checker
	var due *time.Time
	if in.DueOn != nil {
		d, err := time.Parse(time.DateOnly, *in.DueOn)
		check.Check(err == nil, "dueOn", "must be a date such as 2026-11-30")
		due = &d
	}
	note := optionalText(&check, "note", in.Note, 500)
	if err := inScope(ctx, b.db, v, postID, true); err != nil {
		return FollowUpView{}, err
	}
	if err := check.Err(); err != nil {
		return FollowUpView{}, err
	}
	var out followUpRow
	err := database.WithTx(ctx, b.db, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO broker_follow_ups (post_id, flagged_by, due_on, note, flagged_at) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (post_id) DO UPDATE SET flagged_by = $2, due_on = $3, note = $4, flagged_at = $5`,
			postID, v.UserID, due, note, b.nowUTC()); err != nil {
			return fmt.Errorf("flag post %s: %w", postID, err)
		}
		return tx.GetContext(ctx, &out, `SELECT `+followUpColumns+`
			FROM broker_follow_ups f LEFT JOIN users fu ON fu.id = f.flagged_by WHERE f.post_id = $1`, postID)
	})
	if err != nil {
		return FollowUpView{}, err
	}
	return *out.view(), nil
}

// ClearFollowUp removes the follow-up flag of request postID; clearing
// twice is fine.
func (b *Broker) ClearFollowUp(ctx context.Context, v Viewer, postID string) error {
	if err := inScope(ctx, b.db, v, postID, true); err != nil {
		return err
	}
	if _, err := b.db.ExecContext(ctx, `DELETE FROM broker_follow_ups WHERE post_id = $1`, postID); err != nil {
		return fmt.Errorf("clear follow-up of %s: %w", postID, err)
	}
	return nil
}

// Note is a broker's private note on a post.
type Note struct {
	ID        string    `json:"id"`
	Author    *UserRef  `json:"author"`
	Text      string    `json:"text"`
	CreatedAt time.Time `json:"createdAt"`
}

type noteRow struct {
	ID         string    `db:"id"`
	AuthorID   *string   `db:"author_id"`
	AuthorName *string   `db:"author_name"`
	Body       string    `db:"body"`
	CreatedAt  time.Time `db:"created_at"`
}

func (r noteRow) view() Note {
	n := Note{ID: r.ID, Text: r.Body, CreatedAt: r.CreatedAt.UTC()}
	if r.AuthorID != nil {
		n.Author = &UserRef{ID: *r.AuthorID, DisplayName: *r.AuthorName}
	}
	return n
}

const noteSelect = `SELECT bn.id, u.id AS author_id, u.display_name AS author_name, bn.body, bn.created_at
	FROM broker_notes bn LEFT JOIN users u ON u.id = bn.author_id`

// Notes is one page of the notes on post postID, newest first.
func (b *Broker) Notes(ctx context.Context, v Viewer, postID string, cursor domain.Cursor, limit int) (Page[Note], error) {
	if err := inScope(ctx, b.db, v, postID, false); err != nil {
		return Page[Note]{}, err
	}
	var rows []noteRow
	if err := b.db.SelectContext(ctx, &rows, noteSelect+`
		WHERE bn.post_id = $1 AND ($2::timestamptz IS NULL OR (bn.created_at, bn.id) < ($2, $3::uuid))
		ORDER BY bn.created_at DESC, bn.id DESC LIMIT $4`, postID, cursor.AtOrNil(), cursor.IDOrNil(), limit+1); err != nil {
		return Page[Note]{}, fmt.Errorf("list notes of %s: %w", postID, err)
	}
	rows, next := page(rows, limit, func(r noteRow) domain.Cursor { return domain.Cursor{At: r.CreatedAt, ID: r.ID} })
	out := make([]Note, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.view())
	}
	return Page[Note]{Items: out, Next: next}, nil
}

// AddNote appends a note to post postID; notes are never changed.
func (b *Broker) AddNote(ctx context.Context, v Viewer, postID, text string) (Note, error) {
	var check domain.Checker
	text = domain.PlainText(&check, "text", text, 1, 2000)
	if err := inScope(ctx, b.db, v, postID, false); err != nil {
		return Note{}, err
	}
	if err := check.Err(); err != nil {
		return Note{}, err
	}
	var row noteRow
	err := database.WithTx(ctx, b.db, func(tx *sqlx.Tx) error {
		var id string
		if err := tx.GetContext(ctx, &id, `INSERT INTO broker_notes (post_id, author_id, body, created_at)
			VALUES ($1, $2, $3, $4) RETURNING id`, postID, v.UserID, text, b.nowUTC()); err != nil {
			return fmt.Errorf("add note to %s: %w", postID, err)
		}
		return tx.GetContext(ctx, &row, noteSelect+` WHERE bn.id = $1`, id)
	})
	return row.view(), err
}

// optionalText is checkText for a field that may be left out or empty
// (both stored as NULL).
func optionalText(c *domain.Checker, name string, s *string, max int) *string {
	if s == nil || strings.TrimSpace(*s) == "" {
		return nil
	}
	t := domain.PlainText(c, name, *s, 1, max)
	return &t
}

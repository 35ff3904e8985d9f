package notify

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/domain"
)

// Inbox is a person's notifications.
type Inbox struct{ db *sqlx.DB }

// NewInbox returns the inbox over db.
func NewInbox(db *sqlx.DB) *Inbox { return &Inbox{db: db} }

// Item is one notification as the app shows it.
type Item struct {
	ID        string     `json:"id" db:"id"`
	Type      Type       `json:"type" db:"type"`
	SubjectID string     `json:"subjectId" db:"subject_id"`
	Text      string     `json:"text" db:"-"`
	URL       string     `json:"url" db:"-"`
	CreatedAt time.Time  `json:"createdAt" db:"created_at"`
	ReadAt    *time.Time `json:"readAt" db:"read_at"`
	Language  string     `json:"-" db:"language"`
}

// Page is a page of the inbox, newest first.
type Page struct {
	Items []Item
	// Next is the cursor of the following page; empty at the end.
	Next string
}

// List returns up to limit notifications older than the cursor (the
// newest at the start), in the person's language, optionally only unread.
func (in *Inbox) List(ctx context.Context, userID string, c domain.Cursor, limit int, unreadOnly bool) (Page, error) {
	var items []Item
	err := in.db.SelectContext(ctx, &items, `
		SELECT n.id, n.type, n.subject_id, n.created_at, n.read_at, u.language
		FROM notifications n JOIN users u ON u.id = n.user_id
		WHERE n.user_id = $1 AND (NOT $2 OR n.read_at IS NULL)
		  AND ($3::timestamptz IS NULL OR (n.created_at, n.id) < ($3, $4::uuid))
		ORDER BY n.created_at DESC, n.id DESC
		LIMIT $5`, userID, unreadOnly, c.AtOrNil(), c.IDOrNil(), limit+1)
	if err != nil {
		return Page{}, fmt.Errorf("list notifications: %w", err)
	}
	p := Page{Items: items}
	if len(items) > limit {
		p.Items = items[:limit]
		last := p.Items[limit-1]
		p.Next = domain.Cursor{At: last.CreatedAt, ID: last.ID}.String()
	}
	for i := range p.Items {
		it := &p.Items[i]
		it.Text = it.Type.Text(it.Language)
		it.URL = fmt.Sprintf(kinds[it.Type].path, it.SubjectID)
		it.CreatedAt = it.CreatedAt.UTC()
	}
	if p.Items == nil {
		p.Items = []Item{}
	}
	return p, nil
}

// MarkRead marks the caller's own notification read; someone else's is
// domain.ErrNotFound.
func (in *Inbox) MarkRead(ctx context.Context, userID, id string, now time.Time) error {
	res, err := in.db.ExecContext(ctx, `
		UPDATE notifications SET read_at = COALESCE(read_at, $3) WHERE id::text = $1 AND user_id = $2`, id, userID, now)
	if err != nil {
		return fmt.Errorf("mark read: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return domain.ErrNotFound
	}
	return nil
}

package broker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/noaber/noaber/internal/areas"
	"github.com/noaber/noaber/internal/domain"
	"github.com/noaber/noaber/internal/suggest"
)

// scope is the SQL condition that viewer $1 (admin $2, broker $3) may work
// on something in the neighbourhood whose code is the SQL expression n.
func scope(n string) string {
	return `($2 OR ($3 AND ` + areas.BrokerCovers("$1", n) + `))`
}

// QueueFilter narrows the queue.
type QueueFilter struct {
	Category string
	// FollowUp keeps only requests with a follow-up flag.
	FollowUp bool
	// MinAgeDays keeps only requests at least this many days old.
	MinAgeDays int
}

// QueueItem is one unmatched request as the broker sees it.
type QueueItem struct {
	PostID        string           `json:"postId"`
	Title         string           `json:"title"`
	Category      string           `json:"category"`
	CategoryLabel string           `json:"categoryLabel"`
	CreatedAt     time.Time        `json:"createdAt"`
	AgeDays       int              `json:"ageDays"`
	Author        QueueAuthor      `json:"author"`
	ResponseCount int              `json:"responseCount"`
	OpenProposal  bool             `json:"openProposal"`
	Proposals     []Proposal       `json:"proposals"`
	FollowUp      *FollowUpView    `json:"followUp"`
	NoteCount     int              `json:"noteCount"`
	Suggestions   []suggest.Helper `json:"suggestions"`
}

// QueueAuthor is the requester: name, neighbourhood and whether a broker
// manages them (they are not online).
type QueueAuthor struct {
	ID            string  `json:"id"`
	DisplayName   string  `json:"displayName"`
	Neighbourhood AreaRef `json:"neighbourhood"`
	Managed       bool    `json:"managed"`
}

// Proposal is a match a broker proposed for the request (match_proposals).
type Proposal struct {
	ID        string    `json:"id"`
	Helper    UserRef   `json:"helper"`
	Outcome   string    `json:"outcome"`
	CreatedAt time.Time `json:"createdAt"`
}

type queueRow struct {
	ID            string          `db:"id"`
	Title         string          `db:"title"`
	Category      string          `db:"category_code"`
	CategoryLabel string          `db:"category_label"`
	CreatedAt     time.Time       `db:"created_at"`
	AuthorID      string          `db:"author_id"`
	AuthorName    string          `db:"author_name"`
	NCode         string          `db:"n_code"`
	NName         string          `db:"n_name"`
	Managed       bool            `db:"managed"`
	Responses     int             `db:"response_count"`
	Notes         int             `db:"note_count"`
	Proposals     json.RawMessage `db:"proposals"`
	followUpRow
}

// queueQuery lists unmatched requests: open, visible, unexpired at $4 and
// without an agreed or completed exchange, oldest first. $5 category, $6
// only flagged, $7 created at or before, $8/$9 the cursor, $10 the limit.
var queueQuery = `
	SELECT p.id, p.title, p.category_code, c.label_nl AS category_label, p.created_at,
	       au.id AS author_id, au.display_name AS author_name, n.code AS n_code, n.name AS n_name,
	       EXISTS (SELECT 1 FROM managed_residents mr WHERE mr.user_id = p.author_id) AS managed,
	       (SELECT count(*) FROM conversations cv WHERE cv.post_id = p.id) AS response_count,
	       (SELECT count(*) FROM broker_notes bn WHERE bn.post_id = p.id) AS note_count,
	       COALESCE((SELECT json_agg(json_build_object('id', mp.id, 'outcome', mp.outcome, 'createdAt', mp.created_at,
	                 'helper', json_build_object('id', h.id, 'displayName', h.display_name)) ORDER BY mp.created_at DESC)
	                 FROM match_proposals mp JOIN users h ON h.id = mp.helper_id WHERE mp.post_id = p.id), '[]') AS proposals,
	       ` + followUpColumns + `
	FROM posts p
	JOIN users au ON au.id = p.author_id
	JOIN areas n ON n.code = p.neighbourhood_code
	JOIN categories c ON c.code = p.category_code
	LEFT JOIN broker_follow_ups f ON f.post_id = p.id
	LEFT JOIN users fu ON fu.id = f.flagged_by
	WHERE p.kind = 'request' AND p.status = 'open' AND p.hidden_at IS NULL AND p.expires_at > $4
	  AND au.deleted_at IS NULL AND au.disabled_at IS NULL
	  AND NOT EXISTS (SELECT 1 FROM exchanges e WHERE e.post_id = p.id AND e.status IN ('agreed', 'completed'))
	  AND ` + scope("p.neighbourhood_code") + `
	  AND ($5::text IS NULL OR p.category_code = $5)
	  AND (NOT $6 OR f.post_id IS NOT NULL)
	  AND ($7::timestamptz IS NULL OR p.created_at <= $7)
	  AND ($8::timestamptz IS NULL OR (p.created_at, p.id) > ($8, $9::uuid))
	ORDER BY p.created_at, p.id
	LIMIT $10`

// Queue is one page of the unmatched requests in the viewer's areas (all
// areas for an admin), oldest first, each with its top three suggested
// helpers.
func (b *Broker) Queue(ctx context.Context, v Viewer, f QueueFilter, cursor domain.Cursor, limit int) (Page[QueueItem], error) {
	now := b.nowUTC()
	var check domain.Checker
	check.Check(f.MinAgeDays >= 0 && f.MinAgeDays <= 3650, "minAgeDays", "must be a whole number from 0 to 3650")
	if err := check.Err(); err != nil {
		return Page[QueueItem]{}, err
	}
	var before *time.Time
	if f.MinAgeDays > 0 {
		t := now.AddDate(0, 0, -f.MinAgeDays)
		before = &t
	}
	var rows []queueRow
	if err := b.db.SelectContext(ctx, &rows, queueQuery, v.UserID, v.Admin, v.Broker, now, nullIfEmpty(f.Category),
		f.FollowUp, before, cursor.AtOrNil(), cursor.IDOrNil(), limit+1); err != nil {
		return Page[QueueItem]{}, fmt.Errorf("list queue: %w", err)
	}
	rows, next := page(rows, limit, func(r queueRow) domain.Cursor { return domain.Cursor{At: r.CreatedAt, ID: r.ID} })
	items := make([]QueueItem, 0, len(rows))
	for _, r := range rows {
		item, err := b.queueItem(ctx, v, r, now)
		if err != nil {
			return Page[QueueItem]{}, err
		}
		items = append(items, item)
	}
	return Page[QueueItem]{Items: items, Next: next}, nil
}

// queueItem completes a row with its proposals and suggestions. An admin
// who does not cover the area as a broker gets no suggestions: matching
// shows them to the author and the area's brokers only.
func (b *Broker) queueItem(ctx context.Context, v Viewer, r queueRow, now time.Time) (QueueItem, error) {
	item := QueueItem{PostID: r.ID, Title: r.Title, Category: r.Category, CategoryLabel: r.CategoryLabel,
		CreatedAt: r.CreatedAt.UTC(), AgeDays: int(now.Sub(r.CreatedAt).Hours() / 24),
		Author:        QueueAuthor{ID: r.AuthorID, DisplayName: r.AuthorName, Neighbourhood: AreaRef{r.NCode, r.NName}, Managed: r.Managed},
		ResponseCount: r.Responses, NoteCount: r.Notes, FollowUp: r.view(), Suggestions: []suggest.Helper{}}
	if err := json.Unmarshal(r.Proposals, &item.Proposals); err != nil {
		return item, fmt.Errorf("read proposals of %s: %w", r.ID, err)
	}
	for i, p := range item.Proposals {
		item.Proposals[i].CreatedAt = p.CreatedAt.UTC()
		item.OpenProposal = item.OpenProposal || p.Outcome == "open"
	}
	if v.Broker {
		helpers, err := b.suggest.ForPost(ctx, suggest.Viewer{UserID: v.UserID, Broker: true}, r.ID, 3)
		if err != nil && !errors.Is(err, domain.ErrNotFound) {
			return item, fmt.Errorf("suggest for %s: %w", r.ID, err)
		}
		if helpers != nil {
			item.Suggestions = helpers
		}
	}
	return item, nil
}

func nullIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

package exchanges

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/noaber/noaber/internal/domain"
)

// Conversation is a response and the talk it opened, as one of its two
// participants sees it.
type Conversation struct {
	ID   string  `json:"id"`
	Post PostRef `json:"post"`
	// Role is "author" (of the post) or "responder".
	Role          string       `json:"role"`
	Other         UserRef      `json:"other"`
	LastMessage   *LastMessage `json:"lastMessage"`
	UnreadCount   int          `json:"unreadCount"`
	Exchange      *ExchangeRef `json:"exchange"`
	CanAccept     bool         `json:"canAccept"`
	CreatedAt     time.Time    `json:"createdAt"`
	LastMessageAt time.Time    `json:"lastMessageAt"`
}

// LastMessage is the newest message of a conversation, for a list.
type LastMessage struct {
	Body      string    `json:"body"`
	Mine      bool      `json:"mine"`
	CreatedAt time.Time `json:"createdAt"`
}

// ExchangeRef is the newest exchange agreed in a conversation.
type ExchangeRef struct {
	ID     string `json:"id"`
	Status Status `json:"status"`
}

// conversationQuery selects the conversations of $1 (the caller) that a
// block between the two does not hide; callers add conditions and order.
var conversationQuery = `
	SELECT c.id, c.created_at, c.last_message_at, c.author_id = $1 AS is_author,
	       p.id AS post_id, p.kind AS post_kind, p.category_code AS post_category, p.title AS post_title,
	       p.status AS post_status, p.expires_at AS post_expires_at, p.hidden_at AS post_hidden_at,
	       o.id AS other_id, o.display_name AS other_name, oa.code AS other_n_code, oa.name AS other_n_name,
	       lm.body AS last_body, lm.sender_id = $1 AS last_mine, lm.created_at AS last_at,
	       (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id AND m.sender_id <> $1 AND m.hidden_at IS NULL
	          AND m.created_at > COALESCE(CASE WHEN c.author_id = $1 THEN c.author_read_at
	                                           ELSE c.responder_read_at END, '-infinity')) AS unread_count,
	       lx.id AS exchange_id, lx.status AS exchange_status
	FROM conversations c
	JOIN posts p ON p.id = c.post_id
	JOIN users o ON o.id = CASE WHEN c.author_id = $1 THEN c.responder_id ELSE c.author_id END
	LEFT JOIN areas oa ON oa.code = o.neighbourhood_code
	LEFT JOIN LATERAL (SELECT m.body, m.sender_id, m.created_at FROM messages m
	                   WHERE m.conversation_id = c.id AND m.hidden_at IS NULL -- hidden by a moderator
	                   ORDER BY m.created_at DESC, m.id DESC LIMIT 1) lm ON TRUE
	LEFT JOIN LATERAL (SELECT x.id, x.status FROM exchanges x WHERE x.conversation_id = c.id
	                   ORDER BY x.created_at DESC, x.id DESC LIMIT 1) lx ON TRUE
	WHERE (c.author_id = $1 OR c.responder_id = $1) AND ` + notBlocked("c.author_id", "c.responder_id")

type conversationRow struct {
	ID            string     `db:"id"`
	CreatedAt     time.Time  `db:"created_at"`
	LastMessageAt time.Time  `db:"last_message_at"`
	IsAuthor      bool       `db:"is_author"`
	PostID        string     `db:"post_id"`
	PostKind      string     `db:"post_kind"`
	PostCategory  string     `db:"post_category"`
	PostTitle     string     `db:"post_title"`
	PostStatus    string     `db:"post_status"`
	PostExpiresAt time.Time  `db:"post_expires_at"`
	PostHiddenAt  *time.Time `db:"post_hidden_at"`
	OtherID       string     `db:"other_id"`
	OtherName     string     `db:"other_name"`
	OtherNCode    *string    `db:"other_n_code"`
	OtherNName    *string    `db:"other_n_name"`
	LastBody      *string    `db:"last_body"`
	LastMine      *bool      `db:"last_mine"`
	LastAt        *time.Time `db:"last_at"`
	UnreadCount   int        `db:"unread_count"`
	ExchangeID    *string    `db:"exchange_id"`
	ExchangeState *Status    `db:"exchange_status"`
}

// view turns a row into the API's Conversation at now.
func (r conversationRow) view(now time.Time) Conversation {
	c := Conversation{ID: r.ID, Role: "responder", UnreadCount: r.UnreadCount,
		Post:      PostRef{ID: r.PostID, Kind: r.PostKind, Category: r.PostCategory, Title: r.PostTitle, Status: r.PostStatus},
		Other:     userRef(r.OtherID, r.OtherName, r.OtherNCode, r.OtherNName),
		CreatedAt: r.CreatedAt.UTC(), LastMessageAt: r.LastMessageAt.UTC()}
	if r.IsAuthor {
		c.Role = "author"
	}
	if r.LastBody != nil {
		c.LastMessage = &LastMessage{Body: *r.LastBody, Mine: r.LastMine != nil && *r.LastMine, CreatedAt: r.LastAt.UTC()}
	}
	if r.ExchangeID != nil {
		c.Exchange = &ExchangeRef{ID: *r.ExchangeID, Status: *r.ExchangeState}
	}
	c.CanAccept = r.IsAuthor && postAcceptable(r.PostStatus, r.PostExpiresAt, r.PostHiddenAt, now) &&
		(c.Exchange == nil || !c.Exchange.Status.Live())
	return c
}

// postAcceptable reports whether an exchange may still be agreed on a post:
// open, not past its expiry and not hidden by a moderator.
func postAcceptable(status string, expiresAt time.Time, hiddenAt *time.Time, now time.Time) bool {
	return status == "open" && expiresAt.After(now) && hiddenAt == nil
}

// Conversations lists userID's conversations, newest activity first.
func (x *Exchanges) Conversations(ctx context.Context, userID string, cursor domain.Cursor, limit int) ([]Conversation, string, error) {
	return x.conversations(ctx, userID, nil, cursor, limit)
}

// conversations is one page of userID's conversations, on post postID
// when not nil, newest activity first.
func (x *Exchanges) conversations(ctx context.Context, userID string, postID *string, cursor domain.Cursor,
	limit int) ([]Conversation, string, error) {
	var rows []conversationRow
	err := x.db.SelectContext(ctx, &rows, conversationQuery+` AND ($5::uuid IS NULL OR c.post_id = $5)
		  AND ($2::timestamptz IS NULL OR (c.last_message_at, c.id) < ($2, $3::uuid))
		ORDER BY c.last_message_at DESC, c.id DESC LIMIT $4`,
		userID, cursor.AtOrNil(), cursor.IDOrNil(), limit+1, postID)
	if err != nil {
		return nil, "", fmt.Errorf("list conversations: %w", err)
	}
	rows, next := page(rows, limit, func(r conversationRow) domain.Cursor {
		return domain.Cursor{At: r.LastMessageAt, ID: r.ID}
	})
	out := make([]Conversation, 0, len(rows))
	now := x.now()
	for _, r := range rows {
		out = append(out, r.view(now))
	}
	return out, next, nil
}

// Conversation is conversation id as userID sees it; not found unless they
// take part and neither blocked the other.
func (x *Exchanges) Conversation(ctx context.Context, userID, id string) (Conversation, error) {
	if !domain.IsUUID(id) {
		return Conversation{}, domain.ErrNotFound
	}
	var row conversationRow
	err := x.db.GetContext(ctx, &row, conversationQuery+` AND c.id = $2`, userID, id)
	if errors.Is(err, sql.ErrNoRows) {
		return Conversation{}, domain.ErrNotFound
	}
	if err != nil {
		return Conversation{}, fmt.Errorf("get conversation %s: %w", id, err)
	}
	return row.view(x.now()), nil
}

// MarkRead marks every message of conversation id as read for userID.
func (x *Exchanges) MarkRead(ctx context.Context, userID, id string) error {
	if !domain.IsUUID(id) {
		return domain.ErrNotFound
	}
	// GREATEST with last_message_at: a message stamped by another
	// instance's slightly faster clock is read too.
	res, err := x.db.ExecContext(ctx, `
		UPDATE conversations c SET
			author_read_at = CASE WHEN c.author_id = $2 THEN GREATEST(c.author_read_at, $3, c.last_message_at)
			                      ELSE c.author_read_at END,
			responder_read_at = CASE WHEN c.responder_id = $2 THEN GREATEST(c.responder_read_at, $3, c.last_message_at)
			                         ELSE c.responder_read_at END
		WHERE c.id = $1 AND (c.author_id = $2 OR c.responder_id = $2) AND `+notBlocked("c.author_id", "c.responder_id"),
		id, userID, x.nowUTC())
	if err != nil {
		return fmt.Errorf("mark conversation %s read: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return domain.ErrNotFound
	}
	return nil
}

// Unread counts the messages userID has not read, over all conversations
// they can see.
func (x *Exchanges) Unread(ctx context.Context, userID string) (int, error) {
	var n int
	err := x.db.GetContext(ctx, &n, `
		SELECT count(*) FROM conversations c JOIN messages m ON m.conversation_id = c.id
		WHERE (c.author_id = $1 OR c.responder_id = $1) AND m.sender_id <> $1
		  AND m.created_at > COALESCE(CASE WHEN c.author_id = $1 THEN c.author_read_at
		                                   ELSE c.responder_read_at END, '-infinity')
		  AND `+notBlocked("c.author_id", "c.responder_id"), userID)
	if err != nil {
		return 0, fmt.Errorf("count unread: %w", err)
	}
	return n, nil
}

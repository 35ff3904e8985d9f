package broker

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/areas"
	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/domain"
	"github.com/noaber/noaber/internal/notify"
)

// The broker as intermediary: a managed resident has no login, so the
// brokers covering their neighbourhood read and write their conversations.
// The conversation endpoints themselves stay participant-only; these read
// the same tables with the broker's scope in the query.

// ManagedConversation is a conversation of a managed resident.
type ManagedConversation struct {
	ID            string    `json:"id"`
	Post          PostRef   `json:"post"`
	Role          string    `json:"role"`
	Other         UserRef   `json:"other"`
	LastMessageAt time.Time `json:"lastMessageAt"`
	UnreadCount   int       `json:"unreadCount"`
}

// PostRef names a post.
type PostRef struct {
	ID       string `json:"id"`
	Kind     string `json:"kind"`
	Category string `json:"category"`
	Title    string `json:"title"`
	Status   string `json:"status"`
}

type managedConversationRow struct {
	ID            string    `db:"id"`
	PostID        string    `db:"post_id"`
	Kind          string    `db:"kind"`
	Category      string    `db:"category_code"`
	Title         string    `db:"title"`
	Status        string    `db:"status"`
	Role          string    `db:"role"`
	OtherID       string    `db:"other_id"`
	OtherName     string    `db:"other_name"`
	LastMessageAt time.Time `db:"last_message_at"`
	Unread        int       `db:"unread"`
}

// residentConversation is the SQL condition that conversation c belongs to
// managed resident $2 whom broker $1 covers, with no block between the two
// participants.
var residentConversation = `$2 IN (c.author_id, c.responder_id)
	AND EXISTS (SELECT 1 FROM managed_residents mr JOIN users u ON u.id = mr.user_id
	            WHERE mr.user_id = $2 AND u.deleted_at IS NULL AND ` + areas.BrokerCovers("$1", "u.neighbourhood_code") + `)
	AND NOT EXISTS (SELECT 1 FROM blocks bl WHERE (bl.blocker_id, bl.blocked_id) IN
	                ((c.author_id, c.responder_id), (c.responder_id, c.author_id)))`

// ManagedConversations is one page of the resident's conversations, most
// recent first.
func (b *Broker) ManagedConversations(ctx context.Context, brokerID, residentID string, cursor domain.Cursor, limit int) (Page[ManagedConversation], error) {
	if _, err := b.Managed(ctx, brokerID, residentID); err != nil {
		return Page[ManagedConversation]{}, err
	}
	var rows []managedConversationRow
	err := b.db.SelectContext(ctx, &rows, `
		SELECT c.id, p.id AS post_id, p.kind, p.category_code, p.title, p.status,
		       CASE WHEN c.author_id = $2 THEN 'author' ELSE 'responder' END AS role,
		       o.id AS other_id, o.display_name AS other_name, c.last_message_at,
		       (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id AND m.sender_id <> $2
		          AND m.created_at > COALESCE(CASE WHEN c.author_id = $2 THEN c.author_read_at
		                                           ELSE c.responder_read_at END, '-infinity')) AS unread
		FROM conversations c JOIN posts p ON p.id = c.post_id
		JOIN users o ON o.id = CASE WHEN c.author_id = $2 THEN c.responder_id ELSE c.author_id END
		WHERE `+residentConversation+`
		  AND ($3::timestamptz IS NULL OR (c.last_message_at, c.id) < ($3, $4::uuid))
		ORDER BY c.last_message_at DESC, c.id DESC LIMIT $5`,
		brokerID, residentID, cursor.AtOrNil(), cursor.IDOrNil(), limit+1)
	if err != nil {
		return Page[ManagedConversation]{}, fmt.Errorf("list conversations of %s: %w", residentID, err)
	}
	rows, next := page(rows, limit, func(r managedConversationRow) domain.Cursor {
		return domain.Cursor{At: r.LastMessageAt, ID: r.ID}
	})
	out := make([]ManagedConversation, 0, len(rows))
	for _, r := range rows {
		out = append(out, ManagedConversation{ID: r.ID, Role: r.Role, LastMessageAt: r.LastMessageAt.UTC(), UnreadCount: r.Unread,
			Post:  PostRef{ID: r.PostID, Kind: r.Kind, Category: r.Category, Title: r.Title, Status: r.Status},
			Other: UserRef{ID: r.OtherID, DisplayName: r.OtherName}})
	}
	return Page[ManagedConversation]{Items: out, Next: next}, nil
}

// ManagedMessage is a message in a managed resident's conversation.
type ManagedMessage struct {
	ID string `json:"id"`
	// Mine says the managed resident sent it (or a broker for them).
	Mine   bool    `json:"mine"`
	Sender UserRef `json:"sender"`
	// SentByBroker is the broker who wrote it for the resident.
	SentByBroker *UserRef  `json:"sentByBroker"`
	Body         string    `json:"body"`
	CreatedAt    time.Time `json:"createdAt"`
}

type managedMessageRow struct {
	ID         string    `db:"id"`
	Mine       bool      `db:"mine"`
	SenderID   string    `db:"sender_id"`
	SenderName string    `db:"sender_name"`
	BrokerID   *string   `db:"broker_id"`
	BrokerName *string   `db:"broker_name"`
	Body       string    `db:"body"`
	CreatedAt  time.Time `db:"created_at"`
}

func (r managedMessageRow) view() ManagedMessage {
	m := ManagedMessage{ID: r.ID, Mine: r.Mine, Sender: UserRef{r.SenderID, r.SenderName}, Body: r.Body,
		CreatedAt: r.CreatedAt.UTC()}
	if r.BrokerID != nil {
		m.SentByBroker = &UserRef{*r.BrokerID, *r.BrokerName}
	}
	return m
}

// managedMessageSelect reads messages as resident $2 sees them.
const managedMessageSelect = `SELECT m.id, m.sender_id = $2 AS mine, s.id AS sender_id, s.display_name AS sender_name,
	       bu.id AS broker_id, bu.display_name AS broker_name, m.body, m.created_at
	FROM messages m JOIN users s ON s.id = m.sender_id LEFT JOIN users bu ON bu.id = m.sent_by_broker`

// conversationOf checks that conversation id belongs to the resident the
// broker covers; suffix may lock it. It returns the other participant.
func conversationOf(ctx context.Context, q sqlx.QueryerContext, brokerID, residentID, id, suffix string) (string, error) {
	if err := checkID("conversation", id); err != nil {
		return "", err
	}
	if err := checkID("managed resident", residentID); err != nil {
		return "", err
	}
	var other string
	err := sqlx.GetContext(ctx, q, &other, `SELECT CASE WHEN c.author_id = $2 THEN c.responder_id ELSE c.author_id END
		FROM conversations c WHERE c.id = $3 AND `+residentConversation+` `+suffix, brokerID, residentID, id)
	return other, notFoundIfNoRows("conversation "+id, err)
}

// ManagedMessages is one page of a managed resident's conversation, newest
// first.
func (b *Broker) ManagedMessages(ctx context.Context, brokerID, residentID, id string, cursor domain.Cursor, limit int) (Page[ManagedMessage], error) {
	if _, err := conversationOf(ctx, b.db, brokerID, residentID, id, ""); err != nil {
		return Page[ManagedMessage]{}, err
	}
	var rows []managedMessageRow
	if err := b.db.SelectContext(ctx, &rows, managedMessageSelect+`
		WHERE m.conversation_id = $1 AND ($3::timestamptz IS NULL OR (m.created_at, m.id) < ($3, $4::uuid))
		ORDER BY m.created_at DESC, m.id DESC LIMIT $5`, id, residentID, cursor.AtOrNil(), cursor.IDOrNil(), limit+1); err != nil {
		return Page[ManagedMessage]{}, fmt.Errorf("list messages of %s: %w", id, err)
	}
	rows, next := page(rows, limit, func(r managedMessageRow) domain.Cursor { return domain.Cursor{At: r.CreatedAt, ID: r.ID} })
	out := make([]ManagedMessage, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.view())
	}
	return Page[ManagedMessage]{Items: out, Next: next}, nil
}

// SendManaged sends a message in the resident's name, recording the broker,
// and notifies the other participant.
func (b *Broker) SendManaged(ctx context.Context, brokerID, residentID, id, body string) (ManagedMessage, error) {
	var check domain.Checker
	body = domain.PlainText(&check, "body", body, 1, 2000)
	var out managedMessageRow
	err := database.WithTx(ctx, b.db, func(tx *sqlx.Tx) error {
		other, err := conversationOf(ctx, tx, brokerID, residentID, id, "FOR UPDATE OF c")
		if err != nil {
			return err
		}
		if err := check.Err(); err != nil {
			return err
		}
		now := b.nowUTC()
		var msgID string
		if err := tx.GetContext(ctx, &msgID, `INSERT INTO messages (conversation_id, sender_id, body, created_at, sent_by_broker)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, id, residentID, body, now, brokerID); err != nil {
			return fmt.Errorf("insert message: %w", err)
		}
		if err := markRead(ctx, tx, id, residentID, now, true); err != nil {
			return err
		}
		if err := tx.GetContext(ctx, &out, managedMessageSelect+` WHERE m.id = $1`, msgID, residentID); err != nil {
			return fmt.Errorf("read message: %w", err)
		}
		return notify.Enqueue(ctx, tx, now, notify.Notification{UserID: other, Type: notify.MessageNew, SubjectID: id})
	})
	return out.view(), err
}

// MarkManagedRead records that a broker read the conversation for the
// resident: their unread count drops to zero.
func (b *Broker) MarkManagedRead(ctx context.Context, brokerID, residentID, id string) error {
	return database.WithTx(ctx, b.db, func(tx *sqlx.Tx) error {
		if _, err := conversationOf(ctx, tx, brokerID, residentID, id, "FOR UPDATE OF c"); err != nil {
			return err
		}
		return markRead(ctx, tx, id, residentID, b.nowUTC(), false)
	})
}

// markRead moves the resident's read mark to at and, for a new message
// (sent), the conversation's activity too.
func markRead(ctx context.Context, tx *sqlx.Tx, id, residentID string, at time.Time, sent bool) error {
	if _, err := tx.ExecContext(ctx, `
		UPDATE conversations SET last_message_at = CASE WHEN $4 THEN GREATEST(last_message_at, $3) ELSE last_message_at END,
			author_read_at = CASE WHEN author_id = $2 THEN GREATEST(author_read_at, $3) ELSE author_read_at END,
			responder_read_at = CASE WHEN responder_id = $2 THEN GREATEST(responder_read_at, $3) ELSE responder_read_at END
		WHERE id = $1`, id, residentID, at, sent); err != nil {
		return fmt.Errorf("mark conversation %s read: %w", id, err)
	}
	return nil
}

package exchanges

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/domain"
	"github.com/noaber/noaber/internal/notify"
)

// Message is one message in a conversation.
type Message struct {
	ID             string    `json:"id"`
	ConversationID string    `json:"conversationId"`
	Mine           bool      `json:"mine"`
	Sender         UserRef   `json:"sender"`
	Body           string    `json:"body"`
	CreatedAt      time.Time `json:"createdAt"`
}

type messageRow struct {
	ID             string    `db:"id"`
	ConversationID string    `db:"conversation_id"`
	Mine           bool      `db:"mine"`
	SenderID       string    `db:"sender_id"`
	SenderName     string    `db:"sender_name"`
	SenderNCode    *string   `db:"sender_n_code"`
	SenderNName    *string   `db:"sender_n_name"`
	Body           string    `db:"body"`
	CreatedAt      time.Time `db:"created_at"`
}

func (r messageRow) view() Message {
	return Message{ID: r.ID, ConversationID: r.ConversationID, Mine: r.Mine, Body: r.Body, CreatedAt: r.CreatedAt.UTC(),
		Sender: userRef(r.SenderID, r.SenderName, r.SenderNCode, r.SenderNName)}
}

// messageQuery selects messages with their sender; $1 is the caller.
const messageQuery = `
	SELECT m.id, m.conversation_id, m.sender_id = $1 AS mine, u.id AS sender_id, u.display_name AS sender_name,
	       a.code AS sender_n_code, a.name AS sender_n_name, m.body, m.created_at
	FROM messages m JOIN users u ON u.id = m.sender_id LEFT JOIN areas a ON a.code = u.neighbourhood_code`

// participants are the two people of a conversation.
type participants struct {
	AuthorID    string `db:"author_id"`
	ResponderID string `db:"responder_id"`
}

// other is the participant who is not userID.
func (p participants) other(userID string) string {
	if p.AuthorID == userID {
		return p.ResponderID
	}
	return p.AuthorID
}

// loadParticipants reads conversation id when userID takes part and no
// block stands between the two; suffix may lock it.
func loadParticipants(ctx context.Context, q sqlx.QueryerContext, id, userID, suffix string) (participants, error) {
	var p participants
	err := sqlx.GetContext(ctx, q, &p, `SELECT c.author_id, c.responder_id FROM conversations c
		WHERE c.id = $1 AND (c.author_id = $2 OR c.responder_id = $2)
		  AND `+notBlocked("c.author_id", "c.responder_id")+` `+suffix, id, userID)
	if errors.Is(err, sql.ErrNoRows) {
		return p, domain.ErrNotFound
	}
	if err != nil {
		return p, fmt.Errorf("load conversation %s: %w", id, err)
	}
	return p, nil
}

// Messages is one page of conversation id's messages for userID, newest
// first.
func (x *Exchanges) Messages(ctx context.Context, userID, id string, cursor domain.Cursor, limit int) ([]Message, string, error) {
	if !domain.IsUUID(id) {
		return nil, "", domain.ErrNotFound
	}
	if _, err := loadParticipants(ctx, x.db, id, userID, ""); err != nil {
		return nil, "", err
	}
	var rows []messageRow
	// moderation: a message a moderator hid (hidden_at) is left out.
	err := x.db.SelectContext(ctx, &rows, messageQuery+`
		WHERE m.conversation_id = $2 AND m.hidden_at IS NULL AND ($3::timestamptz IS NULL OR (m.created_at, m.id) < ($3, $4::uuid))
		ORDER BY m.created_at DESC, m.id DESC LIMIT $5`, userID, id, cursor.AtOrNil(), cursor.IDOrNil(), limit+1)
	if err != nil {
		return nil, "", fmt.Errorf("list messages of %s: %w", id, err)
	}
	rows, next := page(rows, limit, func(r messageRow) domain.Cursor { return domain.Cursor{At: r.CreatedAt, ID: r.ID} })
	out := make([]Message, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.view())
	}
	return out, next, nil
}

// Send adds a message from userID to conversation id and notifies the
// other person. A block either way makes the conversation not found.
func (x *Exchanges) Send(ctx context.Context, userID, id, body string) (Message, error) {
	var check domain.Checker
	body = domain.PlainText(&check, "body", body, 1, 2000)
	if !domain.IsUUID(id) {
		return Message{}, domain.ErrNotFound
	}
	if err := check.Err(); err != nil {
		return Message{}, err
	}
	var out messageRow
	err := database.WithTx(ctx, x.db, func(tx *sqlx.Tx) error {
		now := x.nowUTC()
		p, err := loadParticipants(ctx, tx, id, userID, "FOR UPDATE OF c")
		if err != nil {
			return err
		}
		msgID, err := insertMessage(ctx, tx, id, userID, body, now)
		if err != nil {
			return err
		}
		if err := tx.GetContext(ctx, &out, messageQuery+` WHERE m.id = $2`, userID, msgID); err != nil {
			return fmt.Errorf("read message: %w", err)
		}
		return notify.Enqueue(ctx, tx, now, notify.Notification{UserID: p.other(userID), Type: notify.MessageNew,
			SubjectID: id})
	})
	return out.view(), err
}

// insertMessage adds a message and moves the conversation's activity; the
// sender has read everything up to their own message.
func insertMessage(ctx context.Context, tx *sqlx.Tx, conversationID, senderID, body string, now time.Time) (string, error) {
	var id string
	if err := tx.GetContext(ctx, &id, `INSERT INTO messages (conversation_id, sender_id, body, created_at)
		VALUES ($1, $2, $3, $4) RETURNING id`, conversationID, senderID, body, now); err != nil {
		return "", fmt.Errorf("insert message: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `
		UPDATE conversations SET last_message_at = GREATEST(last_message_at, $3),
			author_read_at = CASE WHEN author_id = $2 THEN GREATEST(author_read_at, $3) ELSE author_read_at END,
			responder_read_at = CASE WHEN responder_id = $2 THEN GREATEST(responder_read_at, $3) ELSE responder_read_at END
		WHERE id = $1`, conversationID, senderID, now); err != nil {
		return "", fmt.Errorf("touch conversation: %w", err)
	}
	return id, nil
}

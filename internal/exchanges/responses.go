package exchanges

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
	"github.com/noaber/noaber/internal/notify"
)

// postVisible is the SQL condition that post p (author row au) is there for
// $2 (the caller): its author sees it always; others not when a moderator
// hid it, it was withdrawn, its author is gone, or either blocked the other.
// A paused helper's offer stays visible (as GET /posts/{id} shows it) but
// takes no new responses: see offerPaused.
var postVisible = `(p.author_id = $2 OR (p.hidden_at IS NULL AND p.status <> 'withdrawn'
	AND au.deleted_at IS NULL AND au.disabled_at IS NULL
	AND ` + notBlocked("p.author_id", "$2") + `))`

// offerPaused is the SQL condition that post p is an offer whose author
// (row au) is on holiday (vakantiestand) at $3.
const offerPaused = `(p.kind = 'offer' AND au.paused_at IS NOT NULL AND (au.paused_until IS NULL OR au.paused_until > $3))`

type postRow struct {
	ID                string     `db:"id"`
	Paused            bool       `db:"paused"`
	AuthorID          string     `db:"author_id"`
	Kind              string     `db:"kind"`
	Recurrence        string     `db:"recurrence"`
	Category          string     `db:"category_code"`
	Status            string     `db:"status"`
	MomentAt          *time.Time `db:"moment_at"`
	ExpiresAt         time.Time  `db:"expires_at"`
	HiddenAt          *time.Time `db:"hidden_at"`
	NeighbourhoodCode string     `db:"neighbourhood_code"`
}

const postColumns = `p.id, p.author_id, p.kind, p.recurrence, p.category_code, p.status, p.moment_at,
	p.expires_at, p.hidden_at, p.neighbourhood_code`

// visiblePost loads post id when userID may see it at now; not found
// otherwise.
func visiblePost(ctx context.Context, q sqlx.QueryerContext, id, userID string, now time.Time) (postRow, error) {
	var p postRow
	err := sqlx.GetContext(ctx, q, &p, `SELECT `+postColumns+`, `+offerPaused+` AS paused
		FROM posts p JOIN users au ON au.id = p.author_id
		WHERE p.id = $1 AND `+postVisible, id, userID, now)
	if errors.Is(err, sql.ErrNoRows) {
		return p, domain.ErrNotFound
	}
	if err != nil {
		return p, fmt.Errorf("load post %s: %w", id, err)
	}
	return p, nil
}

// Respond opens a conversation between userID and the author of post
// postID, with text as its first message, and notifies the author. Reacting
// to an offer is asking that helper privately. Own posts, posts no longer
// open and a second response are conflicts (the latter a
// *RespondedError); posts the caller may not see are not found.
func (x *Exchanges) Respond(ctx context.Context, userID, postID, text string) (Conversation, error) {
	return x.RespondFor(ctx, userID, nil, postID, text)
}

// RespondFor is Respond by callerID or, with onBehalfOf set, by that managed
// resident, with the caller recorded as the broker who wrote the message.
func (x *Exchanges) RespondFor(ctx context.Context, callerID string, onBehalfOf *string, postID, text string) (Conversation, error) {
	userID := callerID
	var check domain.Checker
	text = domain.PlainText(&check, "message", text, 1, 2000)
	if !domain.IsUUID(postID) {
		return Conversation{}, domain.ErrNotFound
	}
	if err := check.Err(); err != nil {
		return Conversation{}, err
	}
	var id string
	err := database.WithTx(ctx, x.db, func(tx *sqlx.Tx) error {
		now := x.nowUTC()
		actor, broker, err := onbehalf.Actor(ctx, tx, callerID, onBehalfOf)
		if err != nil {
			return err
		}
		userID = actor
		p, err := visiblePost(ctx, tx, postID, userID, now)
		if err != nil {
			return err
		}
		if id, err = x.openConversation(ctx, tx, p, userID, now); err != nil {
			return err
		}
		msgID, err := insertMessage(ctx, tx, id, userID, text, now)
		if err != nil {
			return err
		}
		if err := onbehalf.RecordMessage(ctx, tx, msgID, broker); err != nil {
			return err
		}
		return notify.Enqueue(ctx, tx, now, notify.Notification{UserID: p.AuthorID, Type: notify.ResponseNew,
			SubjectID: p.ID})
	})
	if err != nil {
		return Conversation{}, err
	}
	return x.Conversation(ctx, userID, id)
}

// openConversation checks that userID may respond to p and inserts the
// conversation; a concurrent second response loses on the unique key.
func (x *Exchanges) openConversation(ctx context.Context, tx *sqlx.Tx, p postRow, userID string, now time.Time) (string, error) {
	if p.AuthorID == userID {
		return "", fmt.Errorf("respond to own post: %w", domain.ErrConflict)
	}
	var id string
	err := tx.GetContext(ctx, &id, `
		INSERT INTO conversations (post_id, author_id, responder_id, created_at, last_message_at, responder_read_at)
		VALUES ($1, $2, $3, $4, $4, $4) ON CONFLICT (post_id, responder_id) DO NOTHING RETURNING id`,
		p.ID, p.AuthorID, userID, now)
	if errors.Is(err, sql.ErrNoRows) {
		if err := tx.GetContext(ctx, &id, `SELECT id FROM conversations WHERE post_id = $1 AND responder_id = $2`,
			p.ID, userID); err != nil {
			return "", fmt.Errorf("find conversation: %w", err)
		}
		return "", &RespondedError{ConversationID: id}
	}
	if err != nil {
		return "", fmt.Errorf("open conversation: %w", err)
	}
	if p.Paused || !postAcceptable(p.Status, p.ExpiresAt, nil, now) {
		return "", fmt.Errorf("respond to post %s (%s, paused %t): %w", p.ID, p.Status, p.Paused, domain.ErrConflict)
	}
	return id, nil
}

// Responses lists the conversations on post postID that userID takes part
// in: all of them for its author, their own for a responder, none for
// anyone else who can see the post; not found for who cannot.
func (x *Exchanges) Responses(ctx context.Context, userID, postID string, cursor domain.Cursor, limit int) ([]Conversation, string, error) {
	if !domain.IsUUID(postID) {
		return nil, "", domain.ErrNotFound
	}
	var ok bool
	err := x.db.GetContext(ctx, &ok, `SELECT EXISTS (SELECT 1 FROM posts p JOIN users au ON au.id = p.author_id
		WHERE p.id = $1 AND (`+postVisible+` AND (p.status = 'open' OR p.author_id = $2)
		   OR EXISTS (SELECT 1 FROM conversations c WHERE c.post_id = p.id AND c.responder_id = $2
		              AND `+notBlocked("c.author_id", "c.responder_id")+`)))`, postID, userID)
	if err != nil {
		return nil, "", fmt.Errorf("check post %s: %w", postID, err)
	}
	if !ok {
		return nil, "", domain.ErrNotFound
	}
	return x.conversations(ctx, userID, &postID, cursor, limit)
}

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

// Acceptance is the post author's yes to a response.
type Acceptance struct {
	ConversationID string
	// MomentAt is when the help is planned; nil takes the post's moment.
	MomentAt *time.Time
}

func (a Acceptance) check(now time.Time) error {
	var c domain.Checker
	c.Check(a.ConversationID != "", "conversationId", "is required")
	c.Check(a.MomentAt == nil || !a.MomentAt.Before(now), "momentAt", "must not be in the past")
	return c.Err()
}

// Accept agrees an exchange in a conversation of userID, who must be the
// author of its post: for a request the responder helps, for an offer the
// author does. The responder is notified. A request that happens once gets
// one live exchange and closes; a second accept, concurrent or not, is a
// conflict, as is accepting on a post that is no longer open.
func (x *Exchanges) Accept(ctx context.Context, userID string, a Acceptance) (Exchange, error) {
	now := x.nowUTC()
	if err := a.check(now); err != nil {
		return Exchange{}, err
	}
	if !domain.IsUUID(a.ConversationID) {
		return Exchange{}, domain.ErrNotFound
	}
	var out exchangeRow
	err := database.WithTx(ctx, x.db, func(tx *sqlx.Tx) error {
		c, err := loadAcceptable(ctx, tx, userID, a.ConversationID, now)
		if err != nil {
			return err
		}
		id, err := insertExchange(ctx, tx, c, a.MomentAt, now)
		if err != nil {
			return err
		}
		if out, err = loadExchange(ctx, tx, userID, id, ""); err != nil {
			return err
		}
		if err := proposalAgreed(ctx, tx, c.ConversationID, now); err != nil {
			return err
		}
		return notify.Enqueue(ctx, tx, now, notify.Notification{UserID: c.ResponderID, Type: notify.ExchangeAgreed,
			SubjectID: id})
	})
	return out.view(), err
}

// acceptable is a conversation with its post, about to be accepted.
type acceptable struct {
	ConversationID string `db:"conversation_id"`
	ResponderID    string `db:"responder_id"`
	postRow
}

// loadAcceptable reads conversation id for its post's author userID and
// checks that an exchange may be agreed in it now.
func loadAcceptable(ctx context.Context, tx *sqlx.Tx, userID, id string, now time.Time) (acceptable, error) {
	var c acceptable
	err := tx.GetContext(ctx, &c, `SELECT c.id AS conversation_id, c.responder_id, `+postColumns+`
		FROM conversations c JOIN posts p ON p.id = c.post_id
		WHERE c.id = $1 AND (c.author_id = $2 OR c.responder_id = $2)
		  AND `+notBlocked("c.author_id", "c.responder_id"), id, userID)
	if errors.Is(err, sql.ErrNoRows) {
		return c, domain.ErrNotFound
	}
	if err != nil {
		return c, fmt.Errorf("load conversation %s: %w", id, err)
	}
	if c.AuthorID != userID {
		return c, &RoleError{Detail: "Only the author of the post can accept a response."}
	}
	if !postAcceptable(c.Status, c.ExpiresAt, c.HiddenAt, now) {
		return c, fmt.Errorf("accept on post %s (%s): %w", c.ID, c.Status, domain.ErrConflict)
	}
	return c, nil
}

// insertExchange writes the exchange and closes a single-occasion request.
// The partial unique indexes decide between concurrent accepts: the loser
// gets a unique violation, which is the conflict.
func insertExchange(ctx context.Context, tx *sqlx.Tx, c acceptable, momentAt *time.Time, now time.Time) (string, error) {
	helper, receiver := c.ResponderID, c.AuthorID
	if c.Kind == "offer" {
		helper, receiver = c.AuthorID, c.ResponderID
	}
	if momentAt == nil {
		momentAt = c.MomentAt
	}
	single := c.Kind == "request" && c.Recurrence == "once"
	var id string
	err := tx.GetContext(ctx, &id, `
		INSERT INTO exchanges (post_id, conversation_id, helper_id, receiver_id, category_code, single_occasion,
		                       moment_at, check_at, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
		c.ID, c.ConversationID, helper, receiver, c.Category, single, momentAt, checkAt(momentAt, now), now)
	if uniqueViolation(err, "exchanges_single_occasion_idx", "exchanges_conversation_live_idx") {
		return "", fmt.Errorf("accept conversation %s: %w", c.ConversationID, domain.ErrConflict)
	}
	if err != nil {
		return "", fmt.Errorf("insert exchange: %w", err)
	}
	if single {
		if _, err := tx.ExecContext(ctx, `UPDATE posts SET status = 'closed', updated_at = $2
			WHERE id = $1 AND status = 'open'`, c.ID, now); err != nil {
			return "", fmt.Errorf("close post %s: %w", c.ID, err)
		}
	}
	return id, nil
}

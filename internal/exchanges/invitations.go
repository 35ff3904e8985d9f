package exchanges

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/areas"
	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/domain"
	"github.com/noaber/noaber/internal/notify"
)

// Inviter is who asks someone privately to help with a request: its author,
// or a broker of its area (Broker is true only for a broker who proved
// their second factor).
type Inviter struct {
	UserID string
	Broker bool
}

// Invitation is the person asked and the first message they get.
type Invitation struct {
	UserID  string
	Message string
}

// check trims the message and names every bad field.
func (in *Invitation) check() error {
	var c domain.Checker
	in.Message = domain.PlainText(&c, "message", in.Message, 1, 2000)
	c.Check(domain.IsUUID(in.UserID), "userId", "must be the id of a person")
	return c.Err()
}

// errNotInvitable is the one answer for every person who cannot be asked:
// one reason for all, so that it does not tell whether they blocked the
// author or are on holiday.
var errNotInvitable = &domain.InvalidError{Fields: []domain.FieldError{{Name: "userId",
	Reason: "must be someone else who can be asked now (not on a break, no block between you)"}}}

// Invite opens a conversation on request postID between its author and the
// invited person (the responder), with the inviter's message first, and
// notifies the person invited. It is how a requester asks a suggested
// helper who has no open offer; for a broker of the area it is proposing a
// match: the proposal is recorded and the requester is notified too. The
// conversation is returned as the requester sees it. A post the inviter
// may not invite for is not found; a request no longer open is a conflict,
// as is a second conversation between the two on it (*RespondedError).
func (x *Exchanges) Invite(ctx context.Context, by Inviter, postID string, in Invitation) (Conversation, error) {
	if !domain.IsUUID(postID) {
		return Conversation{}, domain.ErrNotFound
	}
	if err := in.check(); err != nil {
		return Conversation{}, err
	}
	var id, authorID string
	err := database.WithTx(ctx, x.db, func(tx *sqlx.Tx) error {
		now := x.nowUTC()
		p, err := invitablePost(ctx, tx, by, postID, now)
		if err != nil {
			return err
		}
		authorID = p.AuthorID
		if err := checkInvitee(ctx, tx, p.AuthorID, in.UserID, now); err != nil {
			return err
		}
		if id, err = openInvitation(ctx, tx, p, by.UserID, in.UserID, now); err != nil {
			return err
		}
		if _, err := insertMessage(ctx, tx, id, by.UserID, in.Message, now); err != nil {
			return err
		}
		return x.recordInvitation(ctx, tx, p, by.UserID, in.UserID, id, now)
	})
	if err != nil {
		return Conversation{}, err
	}
	return x.Conversation(ctx, authorID, id)
}

// invitablePost loads request postID when by may invite for it: its author
// always, a broker when it lies in their area and is there for others to
// see. It must be open to invite for.
func invitablePost(ctx context.Context, tx *sqlx.Tx, by Inviter, postID string, now time.Time) (postRow, error) {
	var p postRow
	err := tx.GetContext(ctx, &p, `SELECT `+postColumns+`
		FROM posts p JOIN users au ON au.id = p.author_id
		WHERE p.id = $1 AND p.kind = 'request'
		  AND (p.author_id = $2 OR ($3 AND p.hidden_at IS NULL AND p.status <> 'withdrawn'
		       AND au.deleted_at IS NULL AND au.disabled_at IS NULL
		       AND `+areas.BrokerCovers("$2", "p.neighbourhood_code")+`))`, postID, by.UserID, by.Broker)
	if errors.Is(err, sql.ErrNoRows) {
		return p, domain.ErrNotFound
	}
	if err != nil {
		return p, fmt.Errorf("load post %s: %w", postID, err)
	}
	if !postAcceptable(p.Status, p.ExpiresAt, p.HiddenAt, now) {
		return p, fmt.Errorf("invite on post %s (%s): %w", p.ID, p.Status, domain.ErrConflict)
	}
	return p, nil
}

// checkInvitee makes sure userID is a live person, not the author, not on
// holiday at now, and that no block stands between them and the author.
func checkInvitee(ctx context.Context, tx *sqlx.Tx, authorID, userID string, now time.Time) error {
	var ok bool
	err := tx.GetContext(ctx, &ok, `SELECT EXISTS (SELECT 1 FROM users u
		WHERE u.id = $1 AND u.id <> $2 AND u.deleted_at IS NULL AND u.disabled_at IS NULL
		  AND NOT (u.paused_at IS NOT NULL AND (u.paused_until IS NULL OR u.paused_until > $3))
		  AND `+notBlocked("u.id", "$2")+`)`, userID, authorID, now)
	if err != nil {
		return fmt.Errorf("check invitee %s: %w", userID, err)
	}
	if !ok {
		return errNotInvitable
	}
	return nil
}

// openInvitation inserts the conversation of p with invitee as responder.
// It is unread for the invitee, and for the author too when a broker
// wrote the first message. A conversation the two already have on p is a
// *RespondedError naming it.
func openInvitation(ctx context.Context, tx *sqlx.Tx, p postRow, inviterID, invitee string, now time.Time) (string, error) {
	var id string
	err := tx.GetContext(ctx, &id, `
		INSERT INTO conversations (post_id, author_id, responder_id, created_at, last_message_at, author_read_at)
		VALUES ($1, $2, $3, $4, $4, CASE WHEN $2::uuid = $5::uuid THEN $4::timestamptz END)
		ON CONFLICT (post_id, responder_id) DO NOTHING RETURNING id`,
		p.ID, p.AuthorID, invitee, now, inviterID)
	if errors.Is(err, sql.ErrNoRows) {
		if err := tx.GetContext(ctx, &id, `SELECT id FROM conversations WHERE post_id = $1 AND responder_id = $2`,
			p.ID, invitee); err != nil {
			return "", fmt.Errorf("find conversation: %w", err)
		}
		return "", &RespondedError{ConversationID: id}
	}
	if err != nil {
		return "", fmt.Errorf("open invitation: %w", err)
	}
	return id, nil
}

// recordInvitation notifies the invitee; when a broker (not the author)
// invited, it records the proposal and notifies the requester as well:
// the broker's message is in their conversation.
func (x *Exchanges) recordInvitation(ctx context.Context, tx *sqlx.Tx, p postRow, inviterID, invitee, conversationID string,
	now time.Time) error {
	if err := notify.Enqueue(ctx, tx, now, notify.Notification{UserID: invitee, Type: notify.InvitationNew,
		SubjectID: conversationID}); err != nil {
		return err
	}
	if inviterID == p.AuthorID {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO match_proposals (post_id, conversation_id, broker_id, helper_id, created_at)
		VALUES ($1, $2, $3, $4, $5)`, p.ID, conversationID, inviterID, invitee, now); err != nil {
		return fmt.Errorf("record proposal: %w", err)
	}
	return notify.Enqueue(ctx, tx, now, notify.Notification{UserID: p.AuthorID, Type: notify.MessageNew,
		SubjectID: conversationID})
}

// proposalAgreed marks the open proposal of a conversation agreed: called
// in the transaction that agrees an exchange in it.
func proposalAgreed(ctx context.Context, tx *sqlx.Tx, conversationID string, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE match_proposals SET outcome = 'agreed', decided_at = $2
		WHERE conversation_id = $1 AND outcome = 'open'`, conversationID, now); err != nil {
		return fmt.Errorf("proposal of %s agreed: %w", conversationID, err)
	}
	return nil
}

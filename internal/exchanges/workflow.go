package exchanges

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/domain"
)

// Answer is one side's answer to "did the help happen?".
type Answer struct {
	Happened *bool
	// Hours is how long the helper helped; only the helper gives it.
	Hours *float64
}

func (a Answer) check() error {
	var c domain.Checker
	c.Check(a.Happened != nil, "happened", "is required")
	c.Check(a.Hours == nil || (*a.Hours >= 0.5 && *a.Hours <= 24), "hours", "must be from 0.5 to 24")
	c.Check(a.Hours == nil || a.Happened == nil || *a.Happened, "hours", "only when the help happened")
	return c.Err()
}

// Complete records userID's answer on exchange id. When both said it
// happened the exchange is completed and one entry is written to the
// reciprocity ledger, in the same transaction; as soon as one says it did
// not, it did not happen. Each side answers once (a conflict after).
func (x *Exchanges) Complete(ctx context.Context, userID, id string, a Answer) (Exchange, error) {
	if err := a.check(); err != nil {
		return Exchange{}, err
	}
	return x.step(ctx, userID, id, func(tx *sqlx.Tx, row exchangeRow, now time.Time) error {
		mine, other := row.answers()
		to := NotHappened
		if *a.Happened {
			to = Completed
		}
		if row.Status != Agreed {
			return checkTransition(row.Status, to)
		}
		if mine != nil {
			return fmt.Errorf("answer exchange %s twice: %w", row.ID, domain.ErrConflict)
		}
		if a.Hours != nil && !row.IsHelper {
			return &domain.InvalidError{Fields: []domain.FieldError{{Name: "hours", Reason: "only the helper gives hours"}}}
		}
		if err := saveAnswer(ctx, tx, row, *a.Happened, a.Hours, now); err != nil {
			return err
		}
		if to == Completed && (other == nil || !*other) {
			return nil // waits for the other side
		}
		return x.conclude(ctx, tx, row, to, now)
	})
}

func saveAnswer(ctx context.Context, tx *sqlx.Tx, row exchangeRow, happened bool, hours *float64, now time.Time) error {
	column := "receiver_answer"
	if row.IsHelper {
		column = "helper_answer"
	}
	if _, err := tx.ExecContext(ctx, `UPDATE exchanges SET `+column+` = $2, hours = COALESCE($3, hours), updated_at = $4
		WHERE id = $1`, row.ID, happened, hours, now); err != nil {
		return fmt.Errorf("save answer on %s: %w", row.ID, err)
	}
	return nil
}

// conclude moves an agreed exchange to completed (writing its ledger
// entry) or not_happened (freeing its post).
func (x *Exchanges) conclude(ctx context.Context, tx *sqlx.Tx, row exchangeRow, to Status, now time.Time) error {
	if err := setStatus(ctx, tx, row, to, now); err != nil {
		return err
	}
	if to == NotHappened {
		return reopenPost(ctx, tx, row, now)
	}
	// The helper gave, the receiver received; hours as the helper said.
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO reciprocity_entries (exchange_id, giver_id, receiver_id, category_code, neighbourhood_code,
		                                 hours, completed_at)
		SELECT x.id, x.helper_id, x.receiver_id, x.category_code, p.neighbourhood_code, x.hours, $2
		FROM exchanges x JOIN posts p ON p.id = x.post_id WHERE x.id = $1`, row.ID, now); err != nil {
		return fmt.Errorf("write ledger entry for %s: %w", row.ID, err)
	}
	return nil
}

// setStatus moves row to status to, checked against the one table.
func setStatus(ctx context.Context, tx *sqlx.Tx, row exchangeRow, to Status, now time.Time) error {
	if err := checkTransition(row.Status, to); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE exchanges SET status = $2, updated_at = $3 WHERE id = $1`,
		row.ID, to, now); err != nil {
		return fmt.Errorf("move exchange %s to %s: %w", row.ID, to, err)
	}
	return nil
}

// reopenPost gives a single-occasion request that its exchange no longer
// holds back to the feed, or lets it expire when its time is up.
func reopenPost(ctx context.Context, tx *sqlx.Tx, row exchangeRow, now time.Time) error {
	if !row.SingleOccasion {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE posts SET updated_at = $2,
			status = CASE WHEN expires_at > $2 THEN 'open' ELSE 'expired' END
		WHERE id = $1 AND status = 'closed'`, row.PostID, now); err != nil {
		return fmt.Errorf("reopen post %s: %w", row.PostID, err)
	}
	return nil
}

// Cancel calls off agreed exchange id for userID (either side), with an
// optional reason; a single-occasion request opens again.
func (x *Exchanges) Cancel(ctx context.Context, userID, id, reason string) (Exchange, error) {
	reason = strings.TrimSpace(reason)
	if utf8.RuneCountInString(reason) > 500 {
		return Exchange{}, &domain.InvalidError{Fields: []domain.FieldError{{Name: "reason", Reason: "must be at most 500 characters"}}}
	}
	return x.step(ctx, userID, id, func(tx *sqlx.Tx, row exchangeRow, now time.Time) error {
		if err := setStatus(ctx, tx, row, Cancelled, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE exchanges SET cancelled_by = $2, cancel_reason = NULLIF($3, '')
			WHERE id = $1`, row.ID, userID, reason); err != nil {
			return fmt.Errorf("cancel exchange %s: %w", row.ID, err)
		}
		return reopenPost(ctx, tx, row, now)
	})
}

// Thank stores the receiver's thank-you note on completed exchange id,
// once.
func (x *Exchanges) Thank(ctx context.Context, userID, id, message string) (Exchange, error) {
	var c domain.Checker
	message = domain.PlainText(&c, "message", message, 1, 500)
	if err := c.Err(); err != nil {
		return Exchange{}, err
	}
	return x.step(ctx, userID, id, func(tx *sqlx.Tx, row exchangeRow, now time.Time) error {
		switch {
		case row.IsHelper:
			return &RoleError{Detail: "Only the receiver can say thanks."}
		case row.Status != Completed:
			return fmt.Errorf("thank for %s exchange %s: %w", row.Status, row.ID, domain.ErrConflict)
		case row.ThankedAt != nil:
			return fmt.Errorf("thank twice for exchange %s: %w", row.ID, domain.ErrConflict)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE exchanges SET thanks = $2, thanked_at = $3, updated_at = $3
			WHERE id = $1`, row.ID, message, now); err != nil {
			return fmt.Errorf("thank for exchange %s: %w", row.ID, err)
		}
		return nil
	})
}

// step runs fn on exchange id, locked, for its helper or receiver userID,
// in one transaction, and returns the exchange as it is after.
func (x *Exchanges) step(ctx context.Context, userID, id string,
	fn func(tx *sqlx.Tx, row exchangeRow, now time.Time) error) (Exchange, error) {
	var out exchangeRow
	err := database.WithTx(ctx, x.db, func(tx *sqlx.Tx) error {
		row, err := loadExchange(ctx, tx, userID, id, "FOR UPDATE OF x")
		if err != nil {
			return err
		}
		if err := fn(tx, row, x.nowUTC()); err != nil {
			return err
		}
		out, err = loadExchange(ctx, tx, userID, id, "")
		return err
	})
	return out.view(), err
}

package exchanges

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/notify"
)

// Jobs asks both sides of an agreed exchange, once its check time has come,
// whether the help happened: closing the loop is what makes the numbers
// honest. All its state is in the database; several instances may run at
// once, since each exchange is claimed with FOR UPDATE SKIP LOCKED and
// marked checked in the same transaction.
type Jobs struct {
	exchanges *Exchanges
}

// NewJobs returns the jobs of x; the server calls RunOnce every
// minute (background.Every).
func NewJobs(x *Exchanges) *Jobs {
	return &Jobs{exchanges: x}
}

// maxPerRun bounds one RunOnce so that a backlog cannot hold the loop (and
// shutdown) for long.
const maxPerRun = 500

// RunOnce asks about every agreed exchange past its check time that was not
// asked about yet; it returns how many exchanges it asked about.
func (j *Jobs) RunOnce(ctx context.Context) (int, error) {
	n := 0
	for n < maxPerRun {
		did, err := j.checkNext(ctx)
		if err != nil {
			return n, err
		}
		if !did {
			break
		}
		n++
	}
	return n, nil
}

// checkNext claims one due exchange, notifies helper and receiver and marks
// it checked, in one transaction.
func (j *Jobs) checkNext(ctx context.Context) (bool, error) {
	found := false
	err := database.WithTx(ctx, j.exchanges.db, func(tx *sqlx.Tx) error {
		now := j.exchanges.nowUTC()
		var due struct {
			ID         string `db:"id"`
			HelperID   string `db:"helper_id"`
			ReceiverID string `db:"receiver_id"`
		}
		err := tx.GetContext(ctx, &due, `SELECT id, helper_id, receiver_id FROM exchanges
			WHERE status = 'agreed' AND checked_at IS NULL AND check_at <= $1
			ORDER BY check_at LIMIT 1 FOR UPDATE SKIP LOCKED`, now)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("claim exchange to check: %w", err)
		}
		found = true
		for _, userID := range []string{due.HelperID, due.ReceiverID} {
			if err := notify.Enqueue(ctx, tx, now, notify.Notification{UserID: userID, Type: notify.ExchangeCheck,
				SubjectID: due.ID}); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE exchanges SET checked_at = $2 WHERE id = $1`, due.ID, now); err != nil {
			return fmt.Errorf("mark exchange %s checked: %w", due.ID, err)
		}
		return nil
	})
	return found, err
}

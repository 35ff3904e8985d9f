package market

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/background"
	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/notify"
)

// Jobs keeps the notice board fresh: it reminds authors 3 days before their
// post expires and expires posts past their time. All its state is in the
// database, so several instances may run at once: rows are claimed with
// FOR UPDATE SKIP LOCKED and each reminder and expiry happens once.
type Jobs struct {
	market *Market
}

// NewJobs returns the jobs of m; the server calls RunOnce every
// minute (background.Every).
func NewJobs(m *Market) *Jobs {
	return &Jobs{market: m}
}

// batchSize bounds one transaction; maxPerRun bounds one RunOnce so that a
// backlog cannot hold the loop (and shutdown) for long.
const (
	batchSize = 100
	maxPerRun = 2000
)

// RunOnce sends the due expiry reminders and expires the posts past their
// time; it returns how many posts it changed.
func (j *Jobs) RunOnce(ctx context.Context) (int, error) {
	return background.Drain(ctx, batchSize, maxPerRun, j.remindBatch, j.expireBatch)
}

// remindBatch claims up to batchSize open posts that expire within 3 days
// and were not reminded, marks them and notifies their authors, in one
// transaction (a failed notification reminds nobody).
func (j *Jobs) remindBatch(ctx context.Context) (int, error) {
	var n int
	err := database.WithTx(ctx, j.market.db, func(tx *sqlx.Tx) error {
		now := j.market.nowUTC()
		var due []struct {
			ID       string `db:"id"`
			AuthorID string `db:"author_id"`
		}
		if err := tx.SelectContext(ctx, &due, `
			UPDATE posts p SET reminded_at = $1 FROM (
				SELECT id FROM posts
				WHERE status = 'open' AND reminded_at IS NULL AND hidden_at IS NULL
				  AND expires_at > $1 AND expires_at <= $2
				ORDER BY expires_at LIMIT $3 FOR UPDATE SKIP LOCKED) due
			WHERE p.id = due.id RETURNING p.id, p.author_id`,
			now, now.Add(ReminderBefore), batchSize); err != nil {
			return fmt.Errorf("claim posts to remind: %w", err)
		}
		for _, d := range due {
			if err := notify.Enqueue(ctx, tx, now, notify.Notification{UserID: d.AuthorID,
				Type: notify.PostExpiring, SubjectID: d.ID}); err != nil {
				return err
			}
		}
		n = len(due)
		return nil
	})
	return n, err
}

// expireBatch marks up to batchSize open posts past their time expired.
func (j *Jobs) expireBatch(ctx context.Context) (int, error) {
	now := j.market.nowUTC()
	res, err := j.market.db.ExecContext(ctx, `
		UPDATE posts p SET status = 'expired', updated_at = $1 FROM (
			SELECT id FROM posts WHERE status = 'open' AND expires_at <= $1
			ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED) due
		WHERE p.id = due.id`, now, batchSize)
	if err != nil {
		return 0, fmt.Errorf("expire posts: %w", err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

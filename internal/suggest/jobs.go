package suggest

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/background"
	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/notify"
)

// The proactive rounds: when a request is posted, the best AskPerRound
// candidates get a suggestion notification; if it still has no response a
// day (SecondRoundAfter) later, the next best do. A request older than
// FirstRoundWithin when the job first sees it (say, after downtime) is not
// asked about any more. notify.Enqueue applies each person's daily cap,
// quiet hours and muted types.
const (
	AskPerRound      = 3
	SecondRoundAfter = 24 * time.Hour
	FirstRoundWithin = 24 * time.Hour
)

// Jobs asks the best helpers of new requests. All its state is in the
// database (suggestion_rounds, suggestion_asks), so several instances may
// run at once: requests are claimed with FOR NO KEY UPDATE SKIP LOCKED (no
// key, so that responses to the request are not held up), and the rounds
// row is the guard that makes each round happen once.
type Jobs struct {
	suggest *Suggest
}

// NewJobs returns the jobs of s; the server calls RunOnce every
// minute (background.Every).
func NewJobs(s *Suggest) *Jobs {
	return &Jobs{suggest: s}
}

// batchSize bounds one transaction (each request costs a candidate query);
// maxPerRun bounds one RunOnce so that a backlog cannot hold the loop.
const (
	batchSize = 10
	maxPerRun = 500
)

// RunOnce does the due first and second rounds; it returns how many
// requests it handled.
// Kept suggestions past their TTL are deleted too (not counted).
func (j *Jobs) RunOnce(ctx context.Context) (int, error) {
	n, err := background.Drain(ctx, batchSize, maxPerRun, j.firstRounds, j.secondRounds)
	if err != nil {
		return n, err
	}
	return n, j.suggest.purgeKept(ctx)
}

// firstRounds claims up to batchSize new open requests without a first
// round and asks their best candidates, in one transaction.
func (j *Jobs) firstRounds(ctx context.Context) (int, error) {
	var n int
	err := database.WithTx(ctx, j.suggest.db, func(tx *sqlx.Tx) error {
		now := j.suggest.nowUTC()
		var ids []string
		if err := tx.SelectContext(ctx, &ids, `
			SELECT p.id FROM posts p
			WHERE p.kind = 'request' AND p.status = 'open' AND p.hidden_at IS NULL
			  AND p.created_at > $2 AND p.created_at <= $1 AND p.expires_at > $1
			  AND NOT EXISTS (SELECT 1 FROM suggestion_rounds r WHERE r.post_id = p.id)
			ORDER BY p.created_at, p.id
			LIMIT $3
			FOR NO KEY UPDATE OF p SKIP LOCKED`, now, now.Add(-FirstRoundWithin), batchSize); err != nil {
			return fmt.Errorf("claim new requests: %w", err)
		}
		n = len(ids)
		for _, id := range ids {
			if err := j.firstRound(ctx, tx, id, now); err != nil {
				return err
			}
		}
		return nil
	})
	return n, err
}

func (j *Jobs) firstRound(ctx context.Context, tx *sqlx.Tx, postID string, now time.Time) error {
	// The guard: another instance that claimed the same request in the
	// moment between its commit and our lock finds the row and stops.
	res, err := tx.ExecContext(ctx, `
		INSERT INTO suggestion_rounds (post_id, first_at, first_asked) VALUES ($1, $2, 0)
		ON CONFLICT (post_id) DO NOTHING`, postID, now)
	if err != nil {
		return fmt.Errorf("start first round of %s: %w", postID, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err
	}
	asked, err := j.ask(ctx, tx, postID, 1, now)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE suggestion_rounds SET first_asked = $2 WHERE post_id = $1`,
		postID, asked); err != nil {
		return fmt.Errorf("finish first round of %s: %w", postID, err)
	}
	return nil
}

// secondRounds claims up to batchSize requests whose first round is a day
// old and gives them their second: the next best candidates, when the
// request is still open and nobody has responded; else nobody.
func (j *Jobs) secondRounds(ctx context.Context) (int, error) {
	var n int
	err := database.WithTx(ctx, j.suggest.db, func(tx *sqlx.Tx) error {
		now := j.suggest.nowUTC()
		var due []struct {
			ID       string `db:"post_id"`
			Waiting  bool   `db:"waiting"`
			Answered bool   `db:"answered"`
		}
		if err := tx.SelectContext(ctx, &due, `
			SELECT r.post_id,
			       (p.status = 'open' AND p.hidden_at IS NULL AND p.expires_at > $1) AS waiting,
			       EXISTS (SELECT 1 FROM conversations c WHERE c.post_id = r.post_id) AS answered
			FROM suggestion_rounds r
			JOIN posts p ON p.id = r.post_id
			WHERE r.second_at IS NULL AND r.first_at <= $2
			ORDER BY r.first_at, r.post_id
			LIMIT $3
			FOR NO KEY UPDATE OF r SKIP LOCKED`, now, now.Add(-SecondRoundAfter), batchSize); err != nil {
			return fmt.Errorf("claim second rounds: %w", err)
		}
		n = len(due)
		for _, d := range due {
			asked := 0
			if d.Waiting && !d.Answered {
				var err error
				if asked, err = j.ask(ctx, tx, d.ID, 2, now); err != nil {
					return err
				}
			}
			if _, err := tx.ExecContext(ctx, `
				UPDATE suggestion_rounds SET second_at = $2, second_asked = $3 WHERE post_id = $1`,
				d.ID, now, asked); err != nil {
				return fmt.Errorf("finish second round of %s: %w", d.ID, err)
			}
		}
		return nil
	})
	return n, err
}

// ask notifies the best AskPerRound candidates of a request who were never
// asked about it nor declined it, records them, and returns how many.
func (j *Jobs) ask(ctx context.Context, tx *sqlx.Tx, postID string, round int, now time.Time) (int, error) {
	req, err := loadRequest(ctx, tx, postID, now)
	if err != nil {
		return 0, err
	}
	var rows []candidateRow
	if err := tx.SelectContext(ctx, &rows, candidatesQuery, postID, now, MaxCandidates, true); err != nil {
		return 0, fmt.Errorf("candidates for %s: %w", postID, err)
	}
	asked := 0
	for _, sg := range j.suggest.rankHelpers(req, rows, AskPerRound) {
		res, err := tx.ExecContext(ctx, `
			INSERT INTO suggestion_asks (post_id, user_id, round, asked_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (post_id, user_id) DO NOTHING`, postID, sg.ID, round, now)
		if err != nil {
			return 0, fmt.Errorf("record ask for %s: %w", postID, err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			continue
		}
		if err := notify.Enqueue(ctx, tx, now, notify.Notification{UserID: sg.ID,
			Type: notify.Suggestion, SubjectID: postID}); err != nil {
			return 0, err
		}
		asked++
	}
	return asked, nil
}

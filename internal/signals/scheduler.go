package signals

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/background"
	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/notify"
)

// Scheduler escalates signals that were not acknowledged in time, routes
// signals that waited for an area team once one serves their
// neighbourhood, and runs retention once a day. All its state is in the
// database: it survives restarts, and several instances may run at once —
// each signal is claimed with FOR UPDATE SKIP LOCKED in its own
// transaction, so each escalation happens exactly once.
type Scheduler struct {
	signals *Signals
	log     *slog.Logger
	// lastRetention is the Amsterdam date retention last ran on here.
	lastRetention string
}

// NewScheduler returns a scheduler for s.
func NewScheduler(s *Signals, log *slog.Logger) *Scheduler {
	return &Scheduler{signals: s, log: log}
}

// maxPerRun bounds the work of one RunOnce so that a backlog cannot hold
// the loop (and shutdown) for long.
const maxPerRun = 500

// Run works every Interval until ctx ends.
func (sc *Scheduler) Run(ctx context.Context) {
	background.Every(ctx, sc.log, "signal scheduler", sc.signals.cfg.Interval, func(ctx context.Context) (int, error) {
		n, err := sc.RunOnce(ctx)
		sc.retentionOncePerDay(ctx)
		return n, err
	})
}

// RunOnce escalates every signal past its deadline and routes every
// routable unrouted signal; it returns how many signals it changed.
func (sc *Scheduler) RunOnce(ctx context.Context) (int, error) {
	n := 0
	for _, step := range []func(context.Context) (bool, error){sc.escalateNext, sc.routeNext} {
		for n < maxPerRun {
			did, err := step(ctx)
			if err != nil {
				return n, err
			}
			if !did {
				break
			}
			n++
		}
	}
	return n, nil
}

// escalateNext claims one received signal past its deadline and hands it
// to the next person in the chain, in one transaction.
func (sc *Scheduler) escalateNext(ctx context.Context) (bool, error) {
	found := false
	err := database.WithTx(ctx, sc.signals.db, func(tx *sqlx.Tx) error {
		now := sc.signals.nowUTC()
		row, err := claim(ctx, tx, `s.status = 'received' AND s.deadline <= $1 AND s.escalation_level < 2
			AND s.assignee_id IS NOT NULL ORDER BY s.deadline`, now)
		if err != nil || row == nil {
			return err
		}
		found = true
		return sc.signals.escalate(ctx, tx, *row, now)
	})
	return found, err
}

// claim locks the first signal matching cond (over s, $1 = now), skipping
// signals another instance holds; nil when there is none.
func claim(ctx context.Context, tx *sqlx.Tx, cond string, now time.Time) (*signalRow, error) {
	var row signalRow
	err := tx.GetContext(ctx, &row, `SELECT `+signalColumns+` FROM signals s WHERE `+cond+`
		LIMIT 1 FOR UPDATE OF s SKIP LOCKED`, now)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("claim signal: %w", err)
	}
	return &row, nil
}

// escalate moves row one level up (to the backup, then the coordinator)
// with a fresh deadline of the same term, from now. With nobody left to
// escalate to, the signal stays where it is at level 2 and its assignee is
// reminded; it then shows as overdue until someone acknowledges it.
func (s *Signals) escalate(ctx context.Context, tx *sqlx.Tx, row signalRow, now time.Time) error {
	to, level, ok, err := escalationTarget(ctx, tx, row.NeighbourhoodCode, *row.AssigneeID, row.EscalationLevel)
	if err != nil {
		return err
	}
	if !ok {
		to, level = *row.AssigneeID, 2
	}
	deadline := s.deadline(row.Urgency, now)
	if _, err := tx.ExecContext(ctx, `
		UPDATE signals SET assignee_id = $2, escalation_level = $3, deadline = $4 WHERE id = $1`,
		row.ID, to, level, deadline); err != nil {
		return fmt.Errorf("escalate signal: %w", err)
	}
	if err := appendEvent(ctx, tx, event{SignalID: row.ID, At: now, Kind: kindEscalation,
		From: *row.AssigneeID, To: to}); err != nil {
		return err
	}
	return notify.Enqueue(ctx, tx, now, notify.Notification{UserID: to, Type: notify.SignalEscalated,
		SubjectID: row.ID, Urgent: true})
}

// routeNext claims one unrouted signal whose neighbourhood now has someone
// to take it, assigns it with a fresh deadline from now, and notifies them.
func (sc *Scheduler) routeNext(ctx context.Context) (bool, error) {
	found := false
	err := database.WithTx(ctx, sc.signals.db, func(tx *sqlx.Tx) error {
		now := sc.signals.nowUTC()
		row, err := claim(ctx, tx, `s.status = 'received' AND s.assignee_id IS NULL AND $1::timestamptz IS NOT NULL
			AND EXISTS (SELECT 1 FROM area_contacts c WHERE c.neighbourhood_code = s.neighbourhood_code
			            AND c.role IN ('contact', 'coordinator'))
			ORDER BY s.created_at`, now)
		if err != nil || row == nil {
			return err
		}
		found = true
		a, routed, err := route(ctx, tx, row.NeighbourhoodCode)
		if err != nil || !routed {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE signals SET assignee_id = $2, deadline = $3 WHERE id = $1`,
			row.ID, a.ID, sc.signals.deadline(row.Urgency, now)); err != nil {
			return fmt.Errorf("route signal: %w", err)
		}
		if err := appendEvent(ctx, tx, event{SignalID: row.ID, At: now, Kind: kindAssignment, To: a.ID}); err != nil {
			return err
		}
		return notifyAssignee(ctx, tx, now, a.ID, row.ID, row.Urgency)
	})
	return found, err
}

// retentionOncePerDay runs retention on the first tick of each Amsterdam
// day. Other instances may run it the same day: retention is idempotent.
func (sc *Scheduler) retentionOncePerDay(ctx context.Context) {
	today := sc.signals.now().In(Amsterdam).Format(time.DateOnly)
	if today == sc.lastRetention || ctx.Err() != nil {
		return
	}
	r, err := sc.signals.Retain(ctx, false)
	if err != nil {
		sc.log.Error("signal retention", slog.Any("error", err))
		return
	}
	sc.lastRetention = today
	sc.log.Info("signal retention", slog.Int("redacted", r.Redacted), slog.Int("deleted", r.Deleted))
}

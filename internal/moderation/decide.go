package moderation

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/domain"
	"github.com/noaber/noaber/internal/notify"
)

// NewDecision is what a moderator decides on a report.
type NewDecision struct {
	Action Action
	// Reason is for the moderators' record; the reporter and the person
	// concerned never see it.
	Reason string
	// MessageToUser is what the person concerned reads (required to warn).
	MessageToUser string
}

func (in *NewDecision) check() error {
	var check domain.Checker
	check.Check(slices.Contains([]Action{Hide, Restore, Warn, Suspend, Dismiss}, in.Action), "action",
		"must be hide, restore, warn, suspend or dismiss")
	in.Reason = domain.PlainText(&check, "reason", in.Reason, 1, 500)
	in.MessageToUser = domain.PlainText(&check, "messageToUser", in.MessageToUser, 0, 500)
	check.Check(in.Action != Warn || in.MessageToUser != "", "messageToUser", "is required to warn someone")
	return check.Err()
}

// target is the report a moderator acts on, locked.
type target struct {
	SubjectType SubjectType `db:"subject_type"`
	SubjectID   string      `db:"subject_id"`
	PersonID    *string     `db:"person_id"`
}

// Decide records v's decision on report id and carries it out: every open
// report on the same subject is decided with it, their reporters hear the
// outcome, and the person concerned is told when the action is against
// them. A report v does not moderate (another area, or about v) is
// domain.ErrNotFound. Decisions are append-only: a new decision (restore
// after hide) is a new row.
func (m *Moderation) Decide(ctx context.Context, v Viewer, id string, in NewDecision) (Report, error) {
	if err := in.check(); err != nil {
		return Report{}, err
	}
	if !domain.IsUUID(id) || !v.Broker && !v.Admin {
		return Report{}, fmt.Errorf("report %s: %w", id, domain.ErrNotFound)
	}
	var out Report
	err := database.WithTx(ctx, m.db, func(tx *sqlx.Tx) error {
		now := m.nowUTC()
		t, err := lockTarget(ctx, tx, v, id)
		if err != nil {
			return err
		}
		if !slices.Contains(actionsFor[t.SubjectType], in.Action) {
			return &domain.InvalidError{Fields: []domain.FieldError{{Name: "action",
				Reason: fmt.Sprintf("does not fit a report about a %s", t.SubjectType)}}}
		}
		if t.PersonID == nil && in.Action != Dismiss {
			return fmt.Errorf("report %s: subject is gone: %w", id, domain.ErrConflict)
		}
		var decisionID string
		if err := tx.GetContext(ctx, &decisionID, `
			INSERT INTO moderation_decisions (report_id, subject_type, subject_id, person_id, moderator_id, action,
			                                  reason, message_to_user, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			id, t.SubjectType, t.SubjectID, t.PersonID, v.UserID, in.Action, in.Reason, optional(in.MessageToUser), now); err != nil {
			return fmt.Errorf("insert decision: %w", err)
		}
		if err := carryOut(ctx, tx, t, in.Action, now); err != nil {
			return err
		}
		if err := closeReports(ctx, tx, id, t, decisionID, now); err != nil {
			return err
		}
		if err := tellPerson(ctx, tx, t, in.Action, decisionID, now); err != nil {
			return err
		}
		out, err = m.get(ctx, tx, v, id)
		return err
	})
	return out, err
}

// lockTarget locks report id when v moderates it.
func lockTarget(ctx context.Context, tx *sqlx.Tx, v Viewer, id string) (target, error) {
	var t target
	err := tx.GetContext(ctx, &t, `SELECT r.subject_type, r.subject_id, s.person_id FROM reports r`+subjectLateral+`
		WHERE r.id = $4 AND `+moderates+` FOR UPDATE OF r`, v.UserID, v.Broker, v.Admin, id)
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("report %s: %w", id, domain.ErrNotFound)
	}
	if err != nil {
		return t, fmt.Errorf("lock report %s: %w", id, err)
	}
	return t, nil
}

// carryOut does what the action says. Suspending sets users.disabled_at,
// which takes the person and their posts out of every list and ends their
// sessions at the next request; their sessions are also revoked, so that
// lifting the suspension asks them to log in again.
func carryOut(ctx context.Context, tx *sqlx.Tx, t target, a Action, now time.Time) error {
	var query string
	arg := t.SubjectID
	switch {
	case a == Hide && t.SubjectType == SubjectPost:
		query = `UPDATE posts SET hidden_at = COALESCE(hidden_at, $2) WHERE id = $1`
	case a == Hide && t.SubjectType == SubjectMessage:
		query = `UPDATE messages SET hidden_at = COALESCE(hidden_at, $2) WHERE id = $1`
	case a == Restore && t.SubjectType == SubjectPost:
		query = `UPDATE posts SET hidden_at = NULL WHERE id = $1 AND $2::timestamptz IS NOT NULL`
	case a == Restore && t.SubjectType == SubjectMessage:
		query = `UPDATE messages SET hidden_at = NULL WHERE id = $1 AND $2::timestamptz IS NOT NULL`
	case a == Restore && t.SubjectType == SubjectUser:
		query = `UPDATE users SET disabled_at = NULL WHERE id = $1 AND $2::timestamptz IS NOT NULL`
	case a == Suspend:
		arg = *t.PersonID
		query = `WITH u AS (UPDATE users SET disabled_at = COALESCE(disabled_at, $2) WHERE id = $1 RETURNING id)
			UPDATE sessions SET revoked_at = $2 WHERE user_id IN (SELECT id FROM u) AND revoked_at IS NULL`
	default: // warn and dismiss change nothing but the record
		return nil
	}
	if _, err := tx.ExecContext(ctx, query, arg, now); err != nil {
		return fmt.Errorf("%s %s %s: %w", a, t.SubjectType, t.SubjectID, err)
	}
	return nil
}

// closeReports decides report id and every open report on its subject
// with decisionID, and tells the reporters of those that were open (not
// the reporter of a report decided before, when a moderator decides again).
func closeReports(ctx context.Context, tx *sqlx.Tx, id string, t target, decisionID string, now time.Time) error {
	var closed []struct {
		ID         string  `db:"id"`
		ReporterID *string `db:"reporter_id"`
	}
	err := tx.SelectContext(ctx, &closed, `
		WITH before AS (
			SELECT id, reporter_id, status FROM reports
			WHERE id = $1 OR (subject_type = $2 AND subject_id = $3 AND status = 'open') FOR UPDATE)
		UPDATE reports r SET status = 'decided', decision_id = $4, decided_at = $5
		FROM before b WHERE r.id = b.id
		RETURNING r.id, CASE WHEN b.status = 'open' THEN b.reporter_id END AS reporter_id`,
		id, t.SubjectType, t.SubjectID, decisionID, now)
	if err != nil {
		return fmt.Errorf("decide reports on %s %s: %w", t.SubjectType, t.SubjectID, err)
	}
	for _, c := range closed {
		if c.ReporterID == nil {
			continue
		}
		if err := notify.Enqueue(ctx, tx, now, notify.Notification{UserID: *c.ReporterID, Type: notify.ReportDecided,
			SubjectID: c.ID}); err != nil {
			return err
		}
	}
	return nil
}

// tellPerson notifies the person concerned of an action against them;
// the notice (GET /moderation-notices/{id}) holds the moderator's message.
func tellPerson(ctx context.Context, tx *sqlx.Tx, t target, a Action, decisionID string, now time.Time) error {
	if t.PersonID == nil || !slices.Contains(noticeActions, a) {
		return nil
	}
	return notify.Enqueue(ctx, tx, now, notify.Notification{UserID: *t.PersonID, Type: notify.ModerationNotice,
		SubjectID: decisionID})
}

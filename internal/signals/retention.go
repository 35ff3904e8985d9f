package signals

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/database"
)

// Redacted replaces the content of a signal after its retention period.
const Redacted = "[verwijderd na bewaartermijn]"

// RetentionResult says what retention did, or would do in a dry run.
type RetentionResult struct {
	DryRun bool `json:"dryRun" db:"-"`
	// Redacted signals lost their content, callback phone and notes.
	Redacted int `json:"redacted" db:"redacted"`
	// Deleted signals are gone, with their events and notes; their counts
	// live on in signal_counts.
	Deleted int `json:"deleted" db:"deleted"`
}

// redactQuery removes the content of signals closed before $1: the callback
// phone goes, identification and description become a placeholder, and so
// do the professional notes and internal notes. Public updates (written for
// the reporter) and the metadata stay for the statistics.
const redactQuery = `
	WITH redacted AS (
		UPDATE signals SET callback_phone = NULL, identification = $2, description = $2, redacted_at = $3
		WHERE closed_at <= $1 AND redacted_at IS NULL
		RETURNING id
	), notes AS (
		UPDATE signal_notes SET text = $2 WHERE signal_id IN (SELECT id FROM redacted)
	), events AS (
		UPDATE signal_events SET internal_note = $2
		WHERE signal_id IN (SELECT id FROM redacted) AND internal_note IS NOT NULL
	), logged AS (
		INSERT INTO processing_log (at, signal_id, action, purpose)
		SELECT $3, id, 'redact', 'retention' FROM redacted
	)
	SELECT count(*) FROM redacted`

// deleteQuery deletes signals closed before $1 (events and notes go with
// them) and adds them to signal_counts in the same statement, so the
// statistics never lose or double a signal, even with two instances at once.
const deleteQuery = `
	WITH gone AS (
		DELETE FROM signals WHERE closed_at <= $1
		RETURNING id, created_at, neighbourhood_code, urgency, life_domains
	), counted AS (
		INSERT INTO signal_counts (month, neighbourhood_code, urgency, life_domain, count)
		SELECT date_trunc('month', g.created_at AT TIME ZONE 'Europe/Amsterdam')::date, g.neighbourhood_code,
		       g.urgency, d, count(*)
		FROM gone g CROSS JOIN LATERAL unnest(g.life_domains) AS d
		GROUP BY 1, 2, 3, 4
		ON CONFLICT (month, neighbourhood_code, urgency, life_domain)
		DO UPDATE SET count = signal_counts.count + EXCLUDED.count
	), logged AS (
		INSERT INTO processing_log (at, signal_id, action, purpose)
		SELECT $2, id, 'delete', 'retention' FROM gone
	)
	SELECT count(*) FROM gone`

// Retain applies the retention periods: redaction RedactAfter after
// closing, deletion DeleteAfter after closing. A dry run only counts.
func (s *Signals) Retain(ctx context.Context, dryRun bool) (RetentionResult, error) {
	now := s.nowUTC()
	redactBefore, deleteBefore := now.Add(-s.cfg.RedactAfter), now.Add(-s.cfg.DeleteAfter)
	out := RetentionResult{DryRun: dryRun}
	if dryRun {
		err := s.db.GetContext(ctx, &out, `
			SELECT count(*) FILTER (WHERE closed_at <= $1 AND redacted_at IS NULL AND closed_at > $2) AS redacted,
			       count(*) FILTER (WHERE closed_at <= $2) AS deleted
			FROM signals WHERE closed_at IS NOT NULL`, redactBefore, deleteBefore)
		if err != nil {
			return out, fmt.Errorf("count retention: %w", err)
		}
		return out, nil
	}
	err := database.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		if err := tx.GetContext(ctx, &out.Deleted, deleteQuery, deleteBefore, now); err != nil {
			return fmt.Errorf("delete signals: %w", err)
		}
		if err := tx.GetContext(ctx, &out.Redacted, redactQuery, redactBefore, Redacted, now); err != nil {
			return fmt.Errorf("redact signals: %w", err)
		}
		return nil
	})
	return out, err
}

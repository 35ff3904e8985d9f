package signals

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/domain"
)

// Action is what was done with a signal, for the processing log.
type Action string

// The actions of the processing log.
const (
	ActionRead       Action = "read"
	ActionCreate     Action = "create"
	ActionTransition Action = "transition"
	ActionNote       Action = "note"
	ActionAssign     Action = "assign"
	ActionRedact     Action = "redact"
	ActionDelete     Action = "delete"
)

// The purposes recorded with each action (doelbinding).
const (
	PurposeReport    = "report"
	PurposeFollowUp  = "follow-up"
	PurposeRetention = "retention"
)

// LogEntry is one row of the processing log: who did what to which signal,
// when and why. It never holds content.
type LogEntry struct {
	ID      string    `json:"id" db:"id"`
	At      time.Time `json:"at" db:"at"`
	ActorID *string   `json:"actorId" db:"actor_id"`
	// ActorName is who it was, as the admin reading the log needs to know.
	ActorName *string `json:"actorName" db:"actor_name"`
	SignalID  *string `json:"signalId" db:"signal_id"`
	Action    Action  `json:"action" db:"action"`
	Purpose   string  `json:"purpose" db:"purpose"`
}

// LogPage is one page of the processing log.
type LogPage struct {
	Items []LogEntry
	Next  string
}

// LogFilter narrows the processing log; empty fields do not filter.
type LogFilter struct {
	SignalID, UserID string
}

func logProcessing(ctx context.Context, tx *sqlx.Tx, at time.Time, actorID, signalID string, a Action, purpose string) error {
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO processing_log (at, actor_id, signal_id, action, purpose)
		VALUES ($1, NULLIF($2, '')::uuid, $3, $4, $5)`, at, actorID, signalID, a, purpose); err != nil {
		return fmt.Errorf("write processing log: %w", err)
	}
	return nil
}

// ProcessingLog lists the processing log, newest first.
func (s *Signals) ProcessingLog(ctx context.Context, f LogFilter, cursor domain.Cursor, limit int) (LogPage, error) {
	var c domain.Checker
	c.Check(f.SignalID == "" || domain.IsUUID(f.SignalID), "signalId", "must be a signal id")
	c.Check(f.UserID == "" || domain.IsUUID(f.UserID), "userId", "must be a user id")
	if err := c.Err(); err != nil {
		return LogPage{}, err
	}
	var rows []LogEntry
	err := s.db.SelectContext(ctx, &rows, `
		SELECT p.id, p.at, p.actor_id, u.display_name AS actor_name, p.signal_id, p.action, p.purpose
		FROM processing_log p LEFT JOIN users u ON u.id = p.actor_id
		WHERE ($1 = '' OR p.signal_id = NULLIF($1, '')::uuid) AND ($2 = '' OR p.actor_id = NULLIF($2, '')::uuid)
		  AND ($3::timestamptz IS NULL OR (p.at, p.id) < ($3, $4::uuid))
		ORDER BY p.at DESC, p.id DESC LIMIT $5`, f.SignalID, f.UserID, cursor.AtOrNil(), cursor.IDOrNil(), limit+1)
	if err != nil {
		return LogPage{}, fmt.Errorf("list processing log: %w", err)
	}
	page := LogPage{Items: rows}
	if len(rows) > limit {
		page.Items = rows[:limit]
		last := page.Items[limit-1]
		page.Next = domain.Cursor{At: last.At, ID: last.ID}.String()
	}
	return page, nil
}

// eventKind is what a signal event records.
type eventKind string

const (
	kindStatus     eventKind = "status"
	kindEscalation eventKind = "escalation"
	kindAssignment eventKind = "assignment"
)

// event is one entry in a signal's append-only history.
type event struct {
	SignalID     string
	At           time.Time
	Kind         eventKind
	From, To     string
	ActorID      string
	PublicUpdate string
	InternalNote string
}

func appendEvent(ctx context.Context, tx *sqlx.Tx, e event) error {
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO signal_events (signal_id, at, kind, from_value, to_value, actor_id, public_update, internal_note)
		VALUES ($1, $2, $3, NULLIF($4, ''), NULLIF($5, ''), NULLIF($6, '')::uuid, NULLIF($7, ''), NULLIF($8, ''))`,
		e.SignalID, e.At, e.Kind, e.From, e.To, e.ActorID, e.PublicUpdate, e.InternalNote); err != nil {
		return fmt.Errorf("append signal event: %w", err)
	}
	return nil
}

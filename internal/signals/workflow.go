package signals

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/domain"
	"github.com/noaber/noaber/internal/notify"
)

// Move is a step in the workflow asked for by a team member.
type Move struct {
	To Status
	// Note is an internal note for the team; PublicUpdate is shown to the
	// reporter (and notifies them).
	Note, PublicUpdate string
}

func (m Move) check() error {
	var c domain.Checker
	c.Check(m.To.Valid(), "to", "must be a status: received, acknowledged, in_progress, referred, resolved or closed_no_action")
	c.Check(utf8.RuneCountInString(m.Note) <= 4000, "note", "must be at most 4000 characters")
	c.Check(utf8.RuneCountInString(m.PublicUpdate) <= 500, "publicUpdate", "must be at most 500 characters")
	return c.Err()
}

// Transition moves signal id as team member userID asks, appends the status
// event, notifies the reporter of a public update and logs the write, in
// one transaction. A step the workflow does not allow is a
// *domain.TransitionError.
func (s *Signals) Transition(ctx context.Context, userID, id string, m Move) (*CaseView, error) {
	if !domain.IsUUID(id) {
		return nil, domain.ErrNotFound
	}
	if err := m.check(); err != nil {
		return nil, err
	}
	var out *CaseView
	err := database.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		row, err := loadSignal(ctx, tx, id, teamMember("$2")+" FOR UPDATE OF s", userID)
		if err != nil {
			return err
		}
		now := s.nowUTC()
		if err := checkTransition(row.Status, m.To, row.ResolvedAt, now); err != nil {
			return err
		}
		if err := s.applyMove(ctx, tx, row, userID, m, now); err != nil {
			return err
		}
		if out, err = s.caseView(ctx, tx, userID, id); err != nil {
			return err
		}
		return logProcessing(ctx, tx, now, userID, id, ActionTransition, PurposeFollowUp)
	})
	return out, err
}

func (s *Signals) applyMove(ctx context.Context, tx *sqlx.Tx, row signalRow, userID string, m Move, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `
		UPDATE signals SET status = $2,
			acknowledged_at = COALESCE(acknowledged_at, $3),
			resolved_at = CASE WHEN $2 = 'resolved' THEN $3 ELSE resolved_at END,
			closed_at = CASE WHEN $2 IN ('referred', 'resolved', 'closed_no_action') THEN $3 END
		WHERE id = $1`, row.ID, m.To, now); err != nil {
		return fmt.Errorf("move signal: %w", err)
	}
	e := event{SignalID: row.ID, At: now, Kind: kindStatus, From: string(row.Status), To: string(m.To),
		ActorID: userID, PublicUpdate: strings.TrimSpace(m.PublicUpdate), InternalNote: strings.TrimSpace(m.Note)}
	if err := appendEvent(ctx, tx, e); err != nil {
		return err
	}
	if e.PublicUpdate == "" || row.ReporterID == nil {
		return nil
	}
	return notify.Enqueue(ctx, tx, now, notify.Notification{UserID: *row.ReporterID, Type: notify.SignalUpdate,
		SubjectID: row.ID})
}

// Assign hands signal id to assigneeID, who must be the contact, backup or
// coordinator of the team serving its neighbourhood; userID must be on that
// team. The new assignee is notified.
func (s *Signals) Assign(ctx context.Context, userID, id, assigneeID string) (*CaseView, error) {
	if !domain.IsUUID(id) {
		return nil, domain.ErrNotFound
	}
	var out *CaseView
	err := database.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		row, err := loadSignal(ctx, tx, id, teamMember("$2")+" FOR UPDATE OF s", userID)
		if err != nil {
			return err
		}
		if err := checkTeamMember(ctx, tx, row.NeighbourhoodCode, assigneeID); err != nil {
			return err
		}
		now := s.nowUTC()
		if row.AssigneeID == nil || *row.AssigneeID != assigneeID {
			if err := s.reassign(ctx, tx, row, userID, assigneeID, now); err != nil {
				return err
			}
		}
		if out, err = s.caseView(ctx, tx, userID, id); err != nil {
			return err
		}
		return logProcessing(ctx, tx, now, userID, id, ActionAssign, PurposeFollowUp)
	})
	return out, err
}

func checkTeamMember(ctx context.Context, tx *sqlx.Tx, code, userID string) error {
	n := 0
	if domain.IsUUID(userID) {
		if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM area_contacts WHERE neighbourhood_code = $1 AND user_id = $2`,
			code, userID); err != nil {
			return fmt.Errorf("check assignee: %w", err)
		}
	}
	if n == 0 {
		return &domain.InvalidError{Fields: []domain.FieldError{{Name: "userId",
			Reason: "must be the contact, backup or coordinator of the area team serving this neighbourhood"}}}
	}
	return nil
}

func (s *Signals) reassign(ctx context.Context, tx *sqlx.Tx, row signalRow, actorID, to string, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE signals SET assignee_id = $2 WHERE id = $1`, row.ID, to); err != nil {
		return fmt.Errorf("assign signal: %w", err)
	}
	from := ""
	if row.AssigneeID != nil {
		from = *row.AssigneeID
	}
	if err := appendEvent(ctx, tx, event{SignalID: row.ID, At: now, Kind: kindAssignment, From: from, To: to,
		ActorID: actorID}); err != nil {
		return err
	}
	return notifyAssignee(ctx, tx, now, to, row.ID, row.Urgency)
}

// AddNote adds a professional note to signal id for team member userID.
func (s *Signals) AddNote(ctx context.Context, userID, id, text string) (Note, error) {
	if !domain.IsUUID(id) {
		return Note{}, domain.ErrNotFound
	}
	text = strings.TrimSpace(text)
	n := utf8.RuneCountInString(text)
	if n < 1 || n > 4000 {
		return Note{}, &domain.InvalidError{Fields: []domain.FieldError{{Name: "text", Reason: "must be 1 to 4000 characters"}}}
	}
	var out Note
	err := database.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		if _, err := loadSignal(ctx, tx, id, teamMember("$2"), userID); err != nil {
			return err
		}
		now := s.nowUTC()
		if err := tx.GetContext(ctx, &out, `
			INSERT INTO signal_notes (signal_id, author_id, at, text) VALUES ($1, $2, $3, $4)
			RETURNING id, at, author_id, (SELECT display_name FROM users WHERE id = $2) AS author_name, text`,
			id, userID, now, text); err != nil {
			return fmt.Errorf("add note: %w", err)
		}
		return logProcessing(ctx, tx, now, userID, id, ActionNote, PurposeFollowUp)
	})
	return out, err
}

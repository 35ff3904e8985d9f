package signals

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
)

// Get is signal id as v may see it: a *CaseView for the area team (the read
// is logged), a *ReporterView for the key figure who reported it, a
// *Metadata for an admin; domain.ErrNotFound for everybody else.
func (s *Signals) Get(ctx context.Context, v Viewer, id string) (any, error) {
	if !domain.IsUUID(id) {
		return nil, domain.ErrNotFound
	}
	if v.Contact {
		c, err := s.readCase(ctx, v.UserID, id, ActionRead)
		if !errors.Is(err, domain.ErrNotFound) {
			return c, err
		}
	}
	if v.Keyfigure {
		r, err := s.reporterView(ctx, v.UserID, id)
		if !errors.Is(err, domain.ErrNotFound) {
			return r, err
		}
	}
	if v.Admin {
		row, err := loadSignal(ctx, s.db, id, "TRUE")
		if err != nil {
			return nil, err
		}
		m := row.metadata(s.now())
		return &m, nil
	}
	return nil, domain.ErrNotFound
}

// loadSignal reads signal id when the SQL condition cond (over s, with $2
// the viewer) holds; not found otherwise.
func loadSignal(ctx context.Context, q sqlx.QueryerContext, id, cond string, args ...any) (signalRow, error) {
	var row signalRow
	err := sqlx.GetContext(ctx, q, &row, `SELECT `+signalColumns+` FROM signals s WHERE s.id = $1 AND `+cond,
		append([]any{id}, args...)...)
	if errors.Is(err, sql.ErrNoRows) {
		return row, domain.ErrNotFound
	}
	if err != nil {
		return row, fmt.Errorf("load signal: %w", err)
	}
	return row, nil
}

// readCase loads the area team's view of signal id for userID and logs the
// read, in one transaction.
func (s *Signals) readCase(ctx context.Context, userID, id string, a Action) (*CaseView, error) {
	var out *CaseView
	err := database.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var err error
		if out, err = s.caseView(ctx, tx, userID, id); err != nil {
			return err
		}
		return logProcessing(ctx, tx, s.now(), userID, id, a, PurposeFollowUp)
	})
	return out, err
}

// caseView is the full view of signal id for team member userID.
func (s *Signals) caseView(ctx context.Context, tx *sqlx.Tx, userID, id string) (*CaseView, error) {
	row, err := loadSignal(ctx, tx, id, teamMember("$2"), userID)
	if err != nil {
		return nil, err
	}
	now := s.now()
	c := &CaseView{Metadata: row.metadata(now), Identification: row.Identification, Description: row.Description,
		PersonKnows: row.PersonKnows, CallbackPhone: row.CallbackPhone,
		AllowedTransitions: AllowedTransitions(row.Status, row.ResolvedAt, now)}
	if c.Reporter, err = person(ctx, tx, row.ReporterID); err != nil {
		return nil, err
	}
	if c.Assignee, err = person(ctx, tx, row.AssigneeID); err != nil {
		return nil, err
	}
	c.Events = []Event{}
	if err := tx.SelectContext(ctx, &c.Events, `
		SELECT e.at, e.kind, e.from_value, e.to_value, e.actor_id, u.display_name AS actor_name,
		       e.public_update, e.internal_note
		FROM signal_events e LEFT JOIN users u ON u.id = e.actor_id
		WHERE e.signal_id = $1 ORDER BY e.at, e.id`, id); err != nil {
		return nil, fmt.Errorf("load signal events: %w", err)
	}
	if c.Notes, err = notesOf(ctx, tx, id); err != nil {
		return nil, err
	}
	return c, nil
}

func person(ctx context.Context, tx *sqlx.Tx, id *string) (*Person, error) {
	if id == nil {
		return nil, nil
	}
	var p Person
	err := tx.GetContext(ctx, &p, `SELECT id, display_name, email, phone FROM users WHERE id = $1`, *id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load person: %w", err)
	}
	return &p, nil
}

func notesOf(ctx context.Context, tx *sqlx.Tx, id string) ([]Note, error) {
	notes := []Note{}
	if err := tx.SelectContext(ctx, &notes, `
		SELECT n.id, n.at, n.author_id, u.display_name AS author_name, n.text
		FROM signal_notes n LEFT JOIN users u ON u.id = n.author_id
		WHERE n.signal_id = $1 ORDER BY n.at, n.id`, id); err != nil {
		return nil, fmt.Errorf("load notes: %w", err)
	}
	return notes, nil
}

// reporterView is the key figure's view of their own signal id. Their own
// reads are not logged: it is their own information.
func (s *Signals) reporterView(ctx context.Context, userID, id string) (*ReporterView, error) {
	row, err := loadSignal(ctx, s.db, id, "s.reporter_id = $2", userID)
	if err != nil {
		return nil, err
	}
	r := &ReporterView{ID: row.ID, Neighbourhood: areas.Ref{ID: row.NeighbourhoodCode, Name: row.NeighbourhoodName},
		Urgency: row.Urgency, LifeDomains: domainsOf(row.LifeDomains), Status: row.Status,
		CreatedAt: row.CreatedAt.UTC(), Deadline: row.Deadline.UTC(), Identification: row.Identification,
		Description: row.Description, PersonKnows: row.PersonKnows, CallbackPhone: row.CallbackPhone,
		Redacted: row.RedactedAt != nil, Timeline: []TimelineEntry{}}
	if err := s.db.SelectContext(ctx, &r.Timeline, `
		SELECT at, to_value AS status, public_update FROM signal_events
		WHERE signal_id = $1 AND kind = 'status' ORDER BY at, id`, id); err != nil {
		return nil, fmt.Errorf("load timeline: %w", err)
	}
	for i := range r.Timeline {
		r.Timeline[i].At = r.Timeline[i].At.UTC()
	}
	if r.Contact, err = contactCard(ctx, s.db, row.AssigneeID); err != nil {
		return nil, err
	}
	return r, nil
}

// contactCard is the assignee as the reporter may see them: name,
// initials, phone and e-mail, nothing else.
func contactCard(ctx context.Context, db *sqlx.DB, id *string) (*areas.ContactPerson, error) {
	if id == nil {
		return nil, nil
	}
	var row struct {
		DisplayName string  `db:"display_name"`
		Phone       *string `db:"phone"`
		Email       string  `db:"email"`
	}
	err := db.GetContext(ctx, &row, `SELECT display_name, phone, email FROM users WHERE id = $1 AND deleted_at IS NULL`, *id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load contact card: %w", err)
	}
	return &areas.ContactPerson{DisplayName: row.DisplayName, Initials: areas.Initials(row.DisplayName),
		Phone: row.Phone, Email: row.Email}, nil
}

// Notes lists the professional notes of signal id for team member userID,
// and logs the read.
func (s *Signals) Notes(ctx context.Context, userID, id string) ([]Note, error) {
	if !domain.IsUUID(id) {
		return nil, domain.ErrNotFound
	}
	var out []Note
	err := database.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		if _, err := loadSignal(ctx, tx, id, teamMember("$2"), userID); err != nil {
			return err
		}
		var err error
		if out, err = notesOf(ctx, tx, id); err != nil {
			return err
		}
		return logProcessing(ctx, tx, s.now(), userID, id, ActionRead, PurposeFollowUp)
	})
	return out, err
}

// nowUTC is the clock in UTC, for storing.
func (s *Signals) nowUTC() time.Time { return s.now().UTC() }

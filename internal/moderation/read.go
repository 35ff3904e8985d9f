package moderation

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/lib/pq"

	"github.com/noaber/noaber/internal/areas"
	"github.com/noaber/noaber/internal/domain"
)

// Report is a report as one viewer sees it. The reporter sees what they
// reported, its status and outcome; moderators also see the subject's
// summary, who reported it and every decision on the subject.
type Report struct {
	ID        string      `json:"id"`
	Subject   Subject     `json:"subject"`
	Reason    Reason      `json:"reason"`
	Flags     []Flag      `json:"flags"`
	Note      *string     `json:"note"`
	Status    Status      `json:"status"`
	Automatic bool        `json:"automatic"`
	Mine      bool        `json:"mine"`
	Outcome   *Outcome    `json:"outcome"`
	CreatedAt time.Time   `json:"createdAt"`
	DecidedAt *time.Time  `json:"decidedAt"`
	Reporter  *UserRef    `json:"reporter,omitempty"`
	Decisions *[]Decision `json:"decisions,omitempty"`
}

// Subject is what a report is about; Summary only for moderators.
type Subject struct {
	Type    SubjectType `json:"type"`
	ID      string      `json:"id"`
	Summary *Summary    `json:"summary,omitempty"`
}

// Summary is what a moderator needs to judge a subject: a post's title and
// text, the single reported message (not the rest of its conversation), or
// a person's name and neighbourhood.
type Summary struct {
	Title *string `json:"title"`
	Text  *string `json:"text"`
	// Person is the post's author, the message's sender or the user.
	Person *UserRef `json:"person"`
	// Neighbourhood decides which brokers moderate the subject.
	Neighbourhood *areas.Ref `json:"neighbourhood"`
	Hidden        bool       `json:"hidden"`
	Suspended     bool       `json:"suspended"`
}

// Outcome is what the reporter hears: the action, never the moderator's
// reason.
type Outcome struct {
	Action    Action    `json:"action"`
	DecidedAt time.Time `json:"decidedAt"`
}

// Decision is one moderator's decision on a subject, as moderators see it.
type Decision struct {
	ID            string    `json:"id" db:"id"`
	ReportID      string    `json:"reportId" db:"report_id"`
	Action        Action    `json:"action" db:"action"`
	Reason        string    `json:"reason" db:"reason"`
	MessageToUser *string   `json:"messageToUser" db:"message_to_user"`
	Moderator     *UserRef  `json:"moderator" db:"-"`
	CreatedAt     time.Time `json:"createdAt" db:"created_at"`
}

// subjectLateral finds report r's subject s: the neighbourhood whose
// brokers moderate it (a message's is its conversation's post's), the
// person concerned, the text and whether it is hidden.
const subjectLateral = `
	LEFT JOIN LATERAL (
		SELECT p.neighbourhood_code, p.author_id AS person_id, p.title, p.body, p.hidden_at
		FROM posts p WHERE r.subject_type = 'post' AND p.id = r.subject_id
		UNION ALL
		SELECT p.neighbourhood_code, m.sender_id, NULL, m.body, m.hidden_at
		FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN posts p ON p.id = c.post_id
		WHERE r.subject_type = 'message' AND m.id = r.subject_id
		UNION ALL
		SELECT u.neighbourhood_code, u.id, NULL, NULL, NULL
		FROM users u WHERE r.subject_type = 'user' AND u.id = r.subject_id
	) s ON true`

// moderates is whether viewer $1 (broker $2, admin $3) moderates report r:
// never a report about themselves.
var moderates = `(s.person_id IS DISTINCT FROM $1::uuid AND ($3::boolean OR ($2::boolean AND ` +
	areas.BrokerCovers("$1::uuid", "s.neighbourhood_code") + `)))`

// reportSelect reads reports r as viewer $1, $2, $3 sees them.
var reportSelect = `
	SELECT r.id, r.reporter_id, r.subject_type, r.subject_id, r.reason, r.flags, r.note, r.status,
	       r.created_at, r.decided_at, d.action AS outcome_action, d.created_at AS outcome_at,
	       ru.display_name AS reporter_name, rn.code AS reporter_n_code, rn.name AS reporter_n_name,
	       s.neighbourhood_code, sa.name AS neighbourhood_name, s.title, s.body, s.hidden_at IS NOT NULL AS hidden,
	       su.id AS person_id, su.display_name AS person_name, pn.code AS person_n_code, pn.name AS person_n_name,
	       su.disabled_at IS NOT NULL AS suspended, ` + moderates + ` AS moderated
	FROM reports r
	LEFT JOIN moderation_decisions d ON d.id = r.decision_id
	LEFT JOIN users ru ON ru.id = r.reporter_id
	LEFT JOIN areas rn ON rn.code = ru.neighbourhood_code` + subjectLateral + `
	LEFT JOIN areas sa ON sa.code = s.neighbourhood_code
	LEFT JOIN users su ON su.id = s.person_id
	LEFT JOIN areas pn ON pn.code = su.neighbourhood_code`

type reportRow struct {
	ID            string         `db:"id"`
	ReporterID    *string        `db:"reporter_id"`
	SubjectType   SubjectType    `db:"subject_type"`
	SubjectID     string         `db:"subject_id"`
	Reason        Reason         `db:"reason"`
	Flags         pq.StringArray `db:"flags"`
	Note          *string        `db:"note"`
	Status        Status         `db:"status"`
	CreatedAt     time.Time      `db:"created_at"`
	DecidedAt     *time.Time     `db:"decided_at"`
	OutcomeAction *Action        `db:"outcome_action"`
	OutcomeAt     *time.Time     `db:"outcome_at"`
	ReporterName  *string        `db:"reporter_name"`
	ReporterNCode *string        `db:"reporter_n_code"`
	ReporterNName *string        `db:"reporter_n_name"`
	NCode         *string        `db:"neighbourhood_code"`
	NName         *string        `db:"neighbourhood_name"`
	Title         *string        `db:"title"`
	Body          *string        `db:"body"`
	Hidden        bool           `db:"hidden"`
	PersonID      *string        `db:"person_id"`
	PersonName    *string        `db:"person_name"`
	PersonNCode   *string        `db:"person_n_code"`
	PersonNName   *string        `db:"person_n_name"`
	Suspended     bool           `db:"suspended"`
	Moderated     bool           `db:"moderated"`
}

// view is the row as viewerID sees it.
func (r reportRow) view(viewerID string) Report {
	out := Report{ID: r.ID, Subject: Subject{Type: r.SubjectType, ID: r.SubjectID}, Reason: r.Reason,
		Flags: make([]Flag, 0, len(r.Flags)), Note: r.Note, Status: r.Status, Automatic: r.ReporterID == nil,
		Mine: r.ReporterID != nil && *r.ReporterID == viewerID, CreatedAt: r.CreatedAt.UTC(), DecidedAt: utcOrNil(r.DecidedAt)}
	for _, f := range r.Flags {
		out.Flags = append(out.Flags, Flag(f))
	}
	if r.OutcomeAction != nil && r.OutcomeAt != nil {
		out.Outcome = &Outcome{Action: *r.OutcomeAction, DecidedAt: r.OutcomeAt.UTC()}
	}
	if !r.Moderated {
		return out
	}
	out.Reporter = userRef(r.ReporterID, r.ReporterName, r.ReporterNCode, r.ReporterNName)
	sum := &Summary{Title: r.Title, Text: r.Body, Person: userRef(r.PersonID, r.PersonName, r.PersonNCode, r.PersonNName),
		Hidden: r.Hidden, Suspended: r.Suspended}
	if r.NCode != nil && r.NName != nil {
		sum.Neighbourhood = &areas.Ref{ID: *r.NCode, Name: *r.NName}
	}
	out.Subject.Summary = sum
	return out
}

func utcOrNil(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// Get is report id as v sees it: its reporter, or a moderator of its
// subject; anybody else gets domain.ErrNotFound.
func (m *Moderation) Get(ctx context.Context, v Viewer, id string) (Report, error) {
	return m.get(ctx, m.db, v, id)
}

func (m *Moderation) get(ctx context.Context, q queryer, v Viewer, id string) (Report, error) {
	if !domain.IsUUID(id) {
		return Report{}, domain.ErrNotFound
	}
	var row reportRow
	err := q.GetContext(ctx, &row, reportSelect+` WHERE r.id = $4 AND (r.reporter_id = $1 OR `+moderates+`)`,
		v.UserID, v.Broker, v.Admin, id)
	if errors.Is(err, sql.ErrNoRows) {
		return Report{}, fmt.Errorf("report %s: %w", id, domain.ErrNotFound)
	}
	if err != nil {
		return Report{}, fmt.Errorf("read report %s: %w", id, err)
	}
	out := row.view(v.UserID)
	if row.Moderated {
		decisions, err := decisionsOn(ctx, q, row.SubjectType, row.SubjectID)
		if err != nil {
			return Report{}, err
		}
		out.Decisions = &decisions
	}
	return out, nil
}

// queryer is a database or a transaction.
type queryer interface {
	GetContext(ctx context.Context, dest any, query string, args ...any) error
	SelectContext(ctx context.Context, dest any, query string, args ...any) error
}

// decisionsOn is every decision on a subject, oldest first: the history a
// moderator reads before deciding again.
func decisionsOn(ctx context.Context, q queryer, typ SubjectType, id string) ([]Decision, error) {
	var rows []struct {
		Decision
		ModeratorID    *string `db:"moderator_id"`
		ModeratorName  *string `db:"moderator_name"`
		ModeratorNCode *string `db:"moderator_n_code"`
		ModeratorNName *string `db:"moderator_n_name"`
	}
	err := q.SelectContext(ctx, &rows, `
		SELECT d.id, d.report_id, d.action, d.reason, d.message_to_user, d.created_at,
		       u.id AS moderator_id, u.display_name AS moderator_name, a.code AS moderator_n_code, a.name AS moderator_n_name
		FROM moderation_decisions d JOIN users u ON u.id = d.moderator_id LEFT JOIN areas a ON a.code = u.neighbourhood_code
		WHERE d.subject_type = $1 AND d.subject_id = $2 ORDER BY d.seq`, typ, id)
	if err != nil {
		return nil, fmt.Errorf("read decisions: %w", err)
	}
	out := make([]Decision, 0, len(rows))
	for _, r := range rows {
		d := r.Decision
		d.Moderator = userRef(r.ModeratorID, r.ModeratorName, r.ModeratorNCode, r.ModeratorNName)
		d.CreatedAt = d.CreatedAt.UTC()
		out = append(out, d)
	}
	return out, nil
}

// ReportPage is one page of the moderation queue.
type ReportPage struct {
	Items []Report
	Next  string
}

// List is the queue of reports in status that v moderates, oldest first.
func (m *Moderation) List(ctx context.Context, v Viewer, status Status, cursor domain.Cursor, limit int) (ReportPage, error) {
	if status == "" {
		status = Open
	}
	if status != Open && status != Decided {
		return ReportPage{}, &domain.InvalidError{Fields: []domain.FieldError{{Name: "status", Reason: "must be open or decided"}}}
	}
	var rows []reportRow
	err := m.db.SelectContext(ctx, &rows, reportSelect+` WHERE `+moderates+` AND r.status = $4
		AND ($5::timestamptz IS NULL OR (r.created_at, r.id) > ($5, $6::uuid))
		ORDER BY r.created_at, r.id LIMIT $7`,
		v.UserID, v.Broker, v.Admin, status, cursor.AtOrNil(), cursor.IDOrNil(), limit+1)
	if err != nil {
		return ReportPage{}, fmt.Errorf("list reports: %w", err)
	}
	var page ReportPage
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[limit-1]
		page.Next = domain.Cursor{At: last.CreatedAt, ID: last.ID}.String()
	}
	page.Items = make([]Report, len(rows))
	for i, r := range rows {
		page.Items[i] = r.view(v.UserID)
	}
	return page, nil
}

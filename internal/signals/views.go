package signals

import (
	"time"

	"github.com/lib/pq"

	"github.com/noaber/noaber/internal/areas"
)

// Viewer is who asks, with the roles that count for signals: a
// professional role counts only once the second factor is proven (the API
// decides that).
type Viewer struct {
	UserID    string
	Keyfigure bool
	Contact   bool
	Admin     bool
}

// Metadata is what anybody allowed to see a signal at all may see, and all
// an admin sees: never its content, the reporter or the notes.
type Metadata struct {
	ID              string     `json:"id"`
	Neighbourhood   areas.Ref  `json:"neighbourhood"`
	Urgency         Urgency    `json:"urgency"`
	LifeDomains     []string   `json:"lifeDomains"`
	Status          Status     `json:"status"`
	EscalationLevel int        `json:"escalationLevel"`
	AssigneeID      *string    `json:"assigneeId"`
	CreatedAt       time.Time  `json:"createdAt"`
	Deadline        time.Time  `json:"deadline"`
	Overdue         bool       `json:"overdue"`
	AcknowledgedAt  *time.Time `json:"acknowledgedAt"`
	ClosedAt        *time.Time `json:"closedAt"`
	RedactedAt      *time.Time `json:"redactedAt"`
}

// ReporterView is the key figure's view of their own signal: what they
// submitted, how it stands, the public updates and who their contact is.
type ReporterView struct {
	ID             string               `json:"id"`
	Neighbourhood  areas.Ref            `json:"neighbourhood"`
	Urgency        Urgency              `json:"urgency"`
	LifeDomains    []string             `json:"lifeDomains"`
	Status         Status               `json:"status"`
	CreatedAt      time.Time            `json:"createdAt"`
	Deadline       time.Time            `json:"deadline"`
	Identification string               `json:"identification"`
	Description    string               `json:"description"`
	PersonKnows    bool                 `json:"personKnows"`
	CallbackPhone  *string              `json:"callbackPhone"`
	Redacted       bool                 `json:"redacted"`
	Timeline       []TimelineEntry      `json:"timeline"`
	Contact        *areas.ContactPerson `json:"contact"`
}

// TimelineEntry is a status change as the reporter sees it: no actor, no
// internal note.
type TimelineEntry struct {
	At           time.Time `json:"at" db:"at"`
	Status       Status    `json:"status" db:"status"`
	PublicUpdate *string   `json:"publicUpdate" db:"public_update"`
}

// ReporterSummary is one of the key figure's own signals in their list.
type ReporterSummary struct {
	ID             string    `json:"id"`
	Neighbourhood  areas.Ref `json:"neighbourhood"`
	Urgency        Urgency   `json:"urgency"`
	LifeDomains    []string  `json:"lifeDomains"`
	Status         Status    `json:"status"`
	CreatedAt      time.Time `json:"createdAt"`
	Deadline       time.Time `json:"deadline"`
	Identification string    `json:"identification"`
	// LastPublicUpdate is the newest message from the area team, if any.
	LastPublicUpdate *string `json:"lastPublicUpdate"`
}

// CaseView is the area team's full view of a signal.
type CaseView struct {
	Metadata
	Identification     string   `json:"identification"`
	Description        string   `json:"description"`
	PersonKnows        bool     `json:"personKnows"`
	CallbackPhone      *string  `json:"callbackPhone"`
	Reporter           *Person  `json:"reporter"`
	Assignee           *Person  `json:"assignee"`
	Events             []Event  `json:"events"`
	Notes              []Note   `json:"notes"`
	AllowedTransitions []Status `json:"allowedTransitions"`
}

// Person is a reporter or professional as the area team sees them.
type Person struct {
	ID          string  `json:"id" db:"id"`
	DisplayName string  `json:"displayName" db:"display_name"`
	Email       string  `json:"email" db:"email"`
	Phone       *string `json:"phone" db:"phone"`
}

// Event is one entry of a signal's history, as the area team sees it.
type Event struct {
	At           time.Time `json:"at" db:"at"`
	Kind         string    `json:"kind" db:"kind"`
	From         *string   `json:"from" db:"from_value"`
	To           *string   `json:"to" db:"to_value"`
	ActorID      *string   `json:"actorId" db:"actor_id"`
	ActorName    *string   `json:"actorName" db:"actor_name"`
	PublicUpdate *string   `json:"publicUpdate" db:"public_update"`
	InternalNote *string   `json:"internalNote" db:"internal_note"`
}

// Note is a professional note on a signal.
type Note struct {
	ID         string    `json:"id" db:"id"`
	At         time.Time `json:"at" db:"at"`
	AuthorID   *string   `json:"authorId" db:"author_id"`
	AuthorName *string   `json:"authorName" db:"author_name"`
	Text       string    `json:"text" db:"text"`
}

// signalRow is a signal as stored, with its neighbourhood's name.
type signalRow struct {
	ID                string         `db:"id"`
	ReporterID        *string        `db:"reporter_id"`
	NeighbourhoodCode string         `db:"neighbourhood_code"`
	NeighbourhoodName string         `db:"neighbourhood_name"`
	Identification    string         `db:"identification"`
	Description       string         `db:"description"`
	LifeDomains       pq.StringArray `db:"life_domains"`
	Urgency           Urgency        `db:"urgency"`
	PersonKnows       bool           `db:"person_knows"`
	CallbackPhone     *string        `db:"callback_phone"`
	Status            Status         `db:"status"`
	AssigneeID        *string        `db:"assignee_id"`
	EscalationLevel   int            `db:"escalation_level"`
	Deadline          time.Time      `db:"deadline"`
	CreatedAt         time.Time      `db:"created_at"`
	AcknowledgedAt    *time.Time     `db:"acknowledged_at"`
	ResolvedAt        *time.Time     `db:"resolved_at"`
	ClosedAt          *time.Time     `db:"closed_at"`
	RedactedAt        *time.Time     `db:"redacted_at"`
	LastPublicUpdate  *string        `db:"last_public_update"`
}

// signalColumns selects a signalRow from signals s.
const signalColumns = `s.id, s.reporter_id, s.neighbourhood_code,
	(SELECT a.name FROM areas a WHERE a.code = s.neighbourhood_code) AS neighbourhood_name,
	s.identification, s.description, s.life_domains, s.urgency, s.person_knows, s.callback_phone, s.status,
	s.assignee_id, s.escalation_level, s.deadline, s.created_at, s.acknowledged_at, s.resolved_at, s.closed_at,
	s.redacted_at,
	(SELECT e.public_update FROM signal_events e WHERE e.signal_id = s.id AND e.public_update IS NOT NULL
	 ORDER BY e.at DESC, e.id DESC LIMIT 1) AS last_public_update`

func (r signalRow) metadata(now time.Time) Metadata {
	return Metadata{ID: r.ID, Neighbourhood: areas.Ref{ID: r.NeighbourhoodCode, Name: r.NeighbourhoodName},
		Urgency: r.Urgency, LifeDomains: domainsOf(r.LifeDomains), Status: r.Status,
		EscalationLevel: r.EscalationLevel, AssigneeID: r.AssigneeID, CreatedAt: r.CreatedAt.UTC(),
		Deadline: r.Deadline.UTC(), Overdue: r.Status == Received && now.After(r.Deadline),
		AcknowledgedAt: utc(r.AcknowledgedAt), ClosedAt: utc(r.ClosedAt), RedactedAt: utc(r.RedactedAt)}
}

func (r signalRow) reporterSummary() ReporterSummary {
	return ReporterSummary{ID: r.ID, Neighbourhood: areas.Ref{ID: r.NeighbourhoodCode, Name: r.NeighbourhoodName},
		Urgency: r.Urgency, LifeDomains: domainsOf(r.LifeDomains), Status: r.Status, CreatedAt: r.CreatedAt.UTC(),
		Deadline: r.Deadline.UTC(), Identification: r.Identification, LastPublicUpdate: r.LastPublicUpdate}
}

func domainsOf(a pq.StringArray) []string {
	if a == nil {
		return []string{}
	}
	return []string(a)
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

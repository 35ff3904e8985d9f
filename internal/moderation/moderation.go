// Package moderation is reports (meldingen) about posts, messages and
// people, automatic flags on posts, and the decisions of brokers and admins
// that handle them.
//
// Who may do what is decided in the queries: a reporter sees their own
// report and its outcome; a broker (with second factor) the reports whose
// subject lies in their areas (areas.BrokerCovers); an admin (with second
// factor) every report. Nobody moderates a report about themselves.
// Everything else is domain.ErrNotFound.
//
// Flagged and reported content stays visible until a moderator decides:
// most flags are false alarms ("bel me even" in a neighbour's own words),
// and hiding first would punish the many for the few. A moderator hides
// what is wrong.
package moderation

import (
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/areas"
)

// Moderation answers for reports, flags and decisions.
type Moderation struct {
	db  *sqlx.DB
	now func() time.Time
}

// New returns moderation on db with clock now.
func New(db *sqlx.DB, now func() time.Time) *Moderation {
	return &Moderation{db: db, now: now}
}

func (m *Moderation) nowUTC() time.Time { return m.now().UTC() }

// Viewer is the caller as moderation needs them: Broker and Admin are set
// only when the caller holds the role and proved their second factor.
type Viewer struct {
	UserID        string
	Broker, Admin bool
}

// SubjectType is what a report is about.
type SubjectType string

// The subjects of a report.
const (
	SubjectPost    SubjectType = "post"
	SubjectMessage SubjectType = "message"
	SubjectUser    SubjectType = "user"
)

// Reason is why something is reported.
type Reason string

// Reasons a person can give; AutoFlag is the detector's.
const (
	ReasonSpam         Reason = "spam"
	ReasonCommercial   Reason = "commercial"
	ReasonOffensive    Reason = "offensive"
	ReasonUnsafe       Reason = "unsafe"
	ReasonPersonalData Reason = "personal-data"
	ReasonOther        Reason = "other"
	AutoFlag           Reason = "auto-flag"
)

var personReasons = []Reason{ReasonSpam, ReasonCommercial, ReasonOffensive, ReasonUnsafe, ReasonPersonalData, ReasonOther}

// Status is where a report is: open until a moderator decides.
type Status string

// The statuses of a report.
const (
	Open    Status = "open"
	Decided Status = "decided"
)

// Action is what a moderator decides.
type Action string

// The actions. Hide and restore act on a post or message (restore on a
// user lifts a suspension); warn and suspend act on the person concerned.
const (
	Hide    Action = "hide"
	Restore Action = "restore"
	Warn    Action = "warn"
	Suspend Action = "suspend"
	Dismiss Action = "dismiss"
)

// actionsFor is the one table of which action fits which subject.
var actionsFor = map[SubjectType][]Action{
	SubjectPost:    {Hide, Restore, Warn, Suspend, Dismiss},
	SubjectMessage: {Hide, Restore, Warn, Suspend, Dismiss},
	SubjectUser:    {Restore, Warn, Suspend, Dismiss},
}

// UserRef names a person as moderators see them: never an address.
type UserRef struct {
	ID            string     `json:"id"`
	DisplayName   string     `json:"displayName"`
	Neighbourhood *areas.Ref `json:"neighbourhood"`
}

func userRef(id, name, nCode, nName *string) *UserRef {
	if id == nil || name == nil {
		return nil
	}
	u := &UserRef{ID: *id, DisplayName: *name}
	if nCode != nil && nName != nil {
		u.Neighbourhood = &areas.Ref{ID: *nCode, Name: *nName}
	}
	return u
}

// optional is nil for empty text.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

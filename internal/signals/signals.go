// Package signals is early signalling (vroegsignalering): a key figure
// reports a worry about someone, the signal is routed to the contact person
// of the area team serving that person's neighbourhood, escalates when it
// is not acknowledged in time, moves through one status workflow, is read
// only by that team (every professional read and write in the processing
// log), and is redacted and finally deleted after its retention period.
package signals

import (
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Urgency is how worried the reporter is.
type Urgency string

// The urgencies (normaal, zorgelijk, acuut).
const (
	Normal  Urgency = "normal"
	Worried Urgency = "worried"
	Urgent  Urgency = "urgent"
)

// Valid reports whether u is a known urgency.
func (u Urgency) Valid() bool { return u == Normal || u == Worried || u == Urgent }

// LifeDomains are the nine levensdomeinen.
var LifeDomains = []string{"wonen", "huishouden", "ontmoeten", "meedoen", "werken", "opgroeien",
	"rondkomen", "leren", "zorgen"}

// Config holds the rules an operator may change.
type Config struct {
	// Deadlines is the term to acknowledge per urgency.
	Deadlines map[Urgency]Term
	// Calendar says which days are working days.
	Calendar *Calendar
	// DailyLimit is how many signals one key figure may report per day.
	DailyLimit int
	// RedactAfter is how long after closing the content is removed.
	RedactAfter time.Duration
	// DeleteAfter is how long after closing the signal is deleted.
	DeleteAfter time.Duration
	// Interval is how often the scheduler looks for due signals.
	Interval time.Duration
}

// DefaultConfig has the defaults of the issue: urgent 4 hours, worried 1
// working day, normal 2 working days; 10 signals a day; redaction after 180
// days and deletion after 5 years.
func DefaultConfig() Config {
	return Config{
		Deadlines: map[Urgency]Term{
			Urgent:  {Clock: 4 * time.Hour},
			Worried: {WorkingDays: 1},
			Normal:  {WorkingDays: 2},
		},
		Calendar:    NewCalendar(nil),
		DailyLimit:  10,
		RedactAfter: 180 * 24 * time.Hour,
		DeleteAfter: 1826 * 24 * time.Hour,
		Interval:    5 * time.Second,
	}
}

// Signals is the signals domain over one database.
type Signals struct {
	db  *sqlx.DB
	cfg Config
	now func() time.Time
}

// New returns the signals domain; now is the clock.
func New(db *sqlx.DB, cfg Config, now func() time.Time) *Signals {
	if cfg.Calendar == nil {
		cfg.Calendar = NewCalendar(nil)
	}
	return &Signals{db: db, cfg: cfg, now: now}
}

// deadline is when a signal of urgency u, starting at from, must be
// acknowledged.
func (s *Signals) deadline(u Urgency, from time.Time) time.Time {
	return s.cfg.Calendar.Deadline(from, s.cfg.Deadlines[u]).UTC()
}

// termText says a term in words, e.g. "binnen 2 werkdagen".
func termText(t Term) (nl, en string) {
	if t.WorkingDays > 0 {
		if t.WorkingDays == 1 {
			return "binnen 1 werkdag", "within 1 working day"
		}
		return fmt.Sprintf("binnen %d werkdagen", t.WorkingDays), fmt.Sprintf("within %d working days", t.WorkingDays)
	}
	if h := t.Clock.Hours(); h == float64(int(h)) {
		if h == 1 {
			return "binnen 1 uur", "within 1 hour"
		}
		return fmt.Sprintf("binnen %d uur", int(h)), fmt.Sprintf("within %d hours", int(h))
	}
	m := int(t.Clock.Minutes())
	return fmt.Sprintf("binnen %d minuten", m), fmt.Sprintf("within %d minutes", m)
}

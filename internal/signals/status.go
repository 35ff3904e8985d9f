package signals

import (
	"time"

	"github.com/noaber/noaber/internal/domain"
)

// Status is where a signal stands in its workflow.
type Status string

// The statuses of a signal.
const (
	Received       Status = "received"
	Acknowledged   Status = "acknowledged"
	InProgress     Status = "in_progress"
	Referred       Status = "referred"
	Resolved       Status = "resolved"
	ClosedNoAction Status = "closed_no_action"
)

// Statuses lists every status in workflow order.
var Statuses = []Status{Received, Acknowledged, InProgress, Referred, Resolved, ClosedNoAction}

// ReopenWindow is how long after resolving a signal may be reopened.
const ReopenWindow = 14 * 24 * time.Hour

// transitions is the one table of the workflow: from each status, the
// statuses it may move to.
//
//   - received → acknowledged, or straight to in_progress (starting work
//     acknowledges it too); either stops the escalation.
//   - acknowledged → in_progress, or closed_no_action when a first look shows
//     nothing needs doing.
//   - in_progress → referred (handed to other care), resolved or
//     closed_no_action.
//   - resolved → in_progress (reopen), only within ReopenWindow of resolving.
//   - referred and closed_no_action are final.
var transitions = map[Status][]Status{
	Received:       {Acknowledged, InProgress},
	Acknowledged:   {InProgress, ClosedNoAction},
	InProgress:     {Referred, Resolved, ClosedNoAction},
	Resolved:       {InProgress},
	Referred:       {},
	ClosedNoAction: {},
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { _, ok := transitions[s]; return ok }

// Closed reports whether s ends the work on a signal (retention counts from
// then).
func (s Status) Closed() bool { return s == Referred || s == Resolved || s == ClosedNoAction }

// AllowedTransitions lists the statuses a signal in status from may move to
// at now; resolvedAt is when it was last resolved (nil if never).
func AllowedTransitions(from Status, resolvedAt *time.Time, now time.Time) []Status {
	out := []Status{}
	for _, to := range transitions[from] {
		if from == Resolved && (resolvedAt == nil || now.Sub(*resolvedAt) > ReopenWindow) {
			continue
		}
		out = append(out, to)
	}
	return out
}

// checkTransition returns nil when from → to is allowed at now, and
// otherwise a *domain.TransitionError listing what is allowed.
func checkTransition(from, to Status, resolvedAt *time.Time, now time.Time) error {
	allowed := AllowedTransitions(from, resolvedAt, now)
	names := make([]string, 0, len(allowed))
	for _, a := range allowed {
		if a == to {
			return nil
		}
		names = append(names, string(a))
	}
	return &domain.TransitionError{From: string(from), To: string(to), Allowed: names}
}

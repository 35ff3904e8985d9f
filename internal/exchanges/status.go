package exchanges

import (
	"time"

	"github.com/noaber/noaber/internal/domain"
)

// Status is where an exchange stands.
type Status string

// The statuses of an exchange.
const (
	Agreed      Status = "agreed"
	Completed   Status = "completed"
	Cancelled   Status = "cancelled"
	NotHappened Status = "not_happened"
)

// transitions is the one table of the exchange workflow: from each status,
// the statuses it may move to.
//
//   - agreed → completed when both say it happened, not_happened as soon as
//     one says it did not, cancelled when either cancels beforehand.
//   - completed, cancelled and not_happened are final: the ledger entry of
//     a completed exchange is never undone.
var transitions = map[Status][]Status{
	Agreed:      {Completed, NotHappened, Cancelled},
	Completed:   {},
	Cancelled:   {},
	NotHappened: {},
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { _, ok := transitions[s]; return ok }

// Live reports whether an exchange in s holds its post: a single-occasion
// request has at most one live exchange, a conversation too.
func (s Status) Live() bool { return s == Agreed || s == Completed }

// AllowedTransitions lists the statuses an exchange in from may move to.
func AllowedTransitions(from Status) []Status {
	return append([]Status{}, transitions[from]...)
}

// checkTransition returns nil when from → to is allowed, and otherwise a
// *domain.TransitionError listing what is allowed.
func checkTransition(from, to Status) error {
	names := []string{}
	for _, a := range transitions[from] {
		if a == to {
			return nil
		}
		names = append(names, string(a))
	}
	return &domain.TransitionError{From: string(from), To: string(to), Allowed: names}
}

// checkWindow is how long after the moment both sides are asked whether the
// help happened; without a moment they are asked checkWithout after
// agreeing.
const (
	checkWindow  = 2 * time.Hour
	checkWithout = 3 * 24 * time.Hour
)

// checkAt is when the check job asks whether an exchange agreed at agreed
// for moment happened.
func checkAt(moment *time.Time, agreed time.Time) time.Time {
	if moment != nil {
		return moment.Add(checkWindow)
	}
	return agreed.Add(checkWithout)
}

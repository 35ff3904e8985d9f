package market

import (
	"slices"
	"time"
)

// Status is where a post stands.
type Status string

// The statuses of a post.
const (
	Open      Status = "open"
	Closed    Status = "closed" // a single-occasion request got its exchange
	Withdrawn Status = "withdrawn"
	Expired   Status = "expired"
)

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return s == Open || s == Closed || s == Withdrawn || s == Expired }

// at is the status as a reader sees it at now: the expiry job runs every
// few minutes, but an open post past its expiry is expired at once.
func (s Status) at(expiresAt, now time.Time) Status {
	if s == Open && !expiresAt.After(now) {
		return Expired
	}
	return s
}

// action is something the author does to their post.
type action string

const (
	edit     action = "edit"
	renew    action = "renew"
	withdraw action = "withdraw"
)

// allowedFrom is the one table of which author action is allowed in which
// (effective) status. Withdrawing a closed post is not: its exchange
// decides what happens to it.
var allowedFrom = map[action][]Status{
	edit:     {Open},
	renew:    {Open, Expired},
	withdraw: {Open, Expired},
}

// allows reports whether a may happen to a post in status s.
func (a action) allows(s Status) bool { return slices.Contains(allowedFrom[a], s) }

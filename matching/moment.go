package matching

import "time"

// Window is a stretch of time, such as "Saturday morning 9:00–12:00".
// The zero Window means no moment was given.
type Window struct {
	Start time.Time
	End   time.Time // may be zero: the moment is then the Start's daypart
}

// IsZero reports whether no moment was given.
func (w Window) IsZero() bool { return w.Start.IsZero() }

// Daypart is a part of the day: morning (before 12:00), afternoon (12–18)
// and evening (from 18:00).
type Daypart int

// The three dayparts.
const (
	Morning Daypart = iota
	Afternoon
	Evening
)

// Slots is a weekly availability: one bit per weekday and daypart (21 bits).
type Slots uint32

// AllSlots is available at any time.
const AllSlots Slots = 1<<21 - 1

// Slot returns the availability of one weekday and daypart.
func Slot(day time.Weekday, part Daypart) Slots {
	return 1 << (uint(day)*3 + uint(part))
}

// slotAt is the slot a moment falls in, in the moment's own location.
func slotAt(t time.Time) Slots {
	h := t.Hour()
	part := Evening
	switch {
	case h < 12:
		part = Morning
	case h < 18:
		part = Afternoon
	}
	return Slot(t.Weekday(), part)
}

// Slots returns the weekly slots the window touches. Times are read in their
// own location, so callers pass local (Europe/Amsterdam) times.
func (w Window) Slots() Slots {
	if w.IsZero() {
		return 0
	}
	s := slotAt(w.Start)
	// Step in 6-hour strides: no daypart is shorter, so none is skipped;
	// 28 strides cover a week.
	for t, n := w.Start, 0; t.Before(w.End) && n < 28; n++ {
		s |= slotAt(t)
		t = t.Add(6 * time.Hour)
	}
	if !w.End.IsZero() && w.End.After(w.Start) {
		s |= slotAt(w.End.Add(-time.Minute))
	}
	return s
}

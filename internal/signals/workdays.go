package signals

import (
	"time"
	_ "time/tzdata" // deadlines must not depend on the host's zone files
)

// Amsterdam is the time zone of working days and daily limits: Noaber
// serves Dutch municipalities. The embedded tzdata makes loading it
// infallible.
var Amsterdam, _ = time.LoadLocation("Europe/Amsterdam")

// Term is how long someone has to act: either clock time (Hours) or a
// number of working days.
type Term struct {
	Clock       time.Duration
	WorkingDays int
}

// Calendar knows which days are working days: Monday to Friday, except
// public holidays, in Europe/Amsterdam.
type Calendar struct {
	// holidays are explicit dates (YYYY-MM-DD); nil means the Dutch
	// national holidays computed per year.
	holidays map[string]bool
}

// NewCalendar uses the given holidays instead of the Dutch national ones;
// nil or empty uses DutchHolidays.
func NewCalendar(holidays []time.Time) *Calendar {
	if len(holidays) == 0 {
		return &Calendar{}
	}
	c := &Calendar{holidays: make(map[string]bool, len(holidays))}
	for _, h := range holidays {
		c.holidays[h.Format(time.DateOnly)] = true
	}
	return c
}

// IsHoliday reports whether the Amsterdam date of t is a public holiday.
func (c *Calendar) IsHoliday(t time.Time) bool {
	local := t.In(Amsterdam)
	key := local.Format(time.DateOnly)
	if c.holidays != nil {
		return c.holidays[key]
	}
	for _, h := range DutchHolidays(local.Year()) {
		if h.Format(time.DateOnly) == key {
			return true
		}
	}
	return false
}

// IsWorkingDay reports whether the Amsterdam date of t is a working day.
func (c *Calendar) IsWorkingDay(t time.Time) bool {
	wd := t.In(Amsterdam).Weekday()
	return wd != time.Saturday && wd != time.Sunday && !c.IsHoliday(t)
}

// Deadline is when a term that starts at from ends.
//
// Clock terms are plain elapsed time, day and night, weekend or not.
//
// "N working days" means: the same Amsterdam clock time on the N-th working
// day after the starting day. Started on a non-working day (a weekend or a
// holiday), the term starts at 00:00 of the next working day instead, so
// that the whole of N working days is available: a signal reported on
// Saturday with one working day is due on Tuesday 00:00 (after all of
// Monday); one reported on Friday 15:00 is due on Monday 15:00.
func (c *Calendar) Deadline(from time.Time, term Term) time.Time {
	if term.WorkingDays <= 0 {
		return from.Add(term.Clock)
	}
	local := from.In(Amsterdam)
	if !c.IsWorkingDay(local) {
		local = c.nextWorkingDay(startOfDay(local))
	}
	day := startOfDay(local)
	for n := 0; n < term.WorkingDays; n++ {
		day = c.nextWorkingDay(day)
	}
	h, m, s := local.Clock()
	return time.Date(day.Year(), day.Month(), day.Day(), h, m, s, local.Nanosecond(), Amsterdam).UTC()
}

// nextWorkingDay is the first working day strictly after the date of day
// (at 00:00).
func (c *Calendar) nextWorkingDay(day time.Time) time.Time {
	for {
		y, m, d := day.Date()
		day = time.Date(y, m, d+1, 0, 0, 0, 0, Amsterdam)
		if c.IsWorkingDay(day) {
			return day
		}
	}
}

// startOfDay is 00:00 of t's Amsterdam date.
func startOfDay(t time.Time) time.Time {
	y, m, d := t.In(Amsterdam).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, Amsterdam)
}

// nextMidnight is 00:00 of the Amsterdam day after t's.
func nextMidnight(t time.Time) time.Time {
	y, m, d := t.In(Amsterdam).Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, Amsterdam)
}

// Easter is Easter Sunday of year in the Gregorian calendar (the anonymous
// Gregorian algorithm, also known as Meeus/Jones/Butcher).
func Easter(year int) time.Time {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(year, time.Month(month), day, 0, 0, 0, 0, Amsterdam)
}

// DutchHolidays are the national public holidays of the Netherlands in
// year: Nieuwjaarsdag, Pasen (Sunday and Monday), Koningsdag (27 April, 26
// April when the 27th is a Sunday), Bevrijdingsdag (5 May), Hemelvaartsdag,
// Pinksteren (Sunday and Monday) and Kerstmis (25 and 26 December).
// Goede Vrijdag is not a general day off and is left out.
func DutchHolidays(year int) []time.Time {
	date := func(m time.Month, d int) time.Time { return time.Date(year, m, d, 0, 0, 0, 0, Amsterdam) }
	easter := Easter(year)
	after := func(days int) time.Time { return easter.AddDate(0, 0, days) }
	kings := date(time.April, 27)
	if kings.Weekday() == time.Sunday {
		kings = date(time.April, 26)
	}
	return []time.Time{
		date(time.January, 1),
		easter, after(1),
		kings,
		date(time.May, 5),
		after(39),            // Hemelvaartsdag
		after(49), after(50), // Pinksteren
		date(time.December, 25), date(time.December, 26),
	}
}

package stats

import (
	"time"

	"github.com/noaber/noaber/internal/domain"
	"github.com/noaber/noaber/internal/signals"
)

// DefaultDays is the length of the period when none is given: the last 30
// days, today included.
const DefaultDays = 30

// dateLayout is how the API writes dates.
const dateLayout = "2006-01-02"

// Period is a range of whole days in Europe/Amsterdam, both ends included.
type Period struct {
	From, To time.Time // midnight in Amsterdam
}

// Start is the first moment of the period.
func (p Period) Start() time.Time { return p.From }

// End is the first moment after the period (midnight after To, which may
// be 23 or 25 hours after To's midnight around a clock change).
func (p Period) End() time.Time {
	return time.Date(p.To.Year(), p.To.Month(), p.To.Day()+1, 0, 0, 0, 0, signals.Amsterdam)
}

// ParsePeriod reads from and to (YYYY-MM-DD, either may be empty). The
// default is the last 30 days up to today in Amsterdam; a period is at most
// two years long.
func ParsePeriod(from, to string, now time.Time) (Period, error) {
	var check domain.Checker
	today := now.In(signals.Amsterdam)
	p := Period{To: time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, signals.Amsterdam)}
	if to != "" {
		d, err := time.ParseInLocation(dateLayout, to, signals.Amsterdam)
		check.Check(err == nil, "to", "must be a date as YYYY-MM-DD")
		p.To = d
	}
	p.From = time.Date(p.To.Year(), p.To.Month(), p.To.Day()-(DefaultDays-1), 0, 0, 0, 0, signals.Amsterdam)
	if from != "" {
		d, err := time.ParseInLocation(dateLayout, from, signals.Amsterdam)
		check.Check(err == nil, "from", "must be a date as YYYY-MM-DD")
		p.From = d
	}
	if err := check.Err(); err != nil {
		return p, err
	}
	check.Check(!p.From.After(p.To), "from", "must not be after to")
	check.Check(p.To.Before(p.From.AddDate(2, 0, 0)), "to", "must be less than two years after from")
	return p, check.Err()
}

package stats

import (
	"encoding/json"
	"math"
	"strconv"
)

// MinCount is the smallest count that is shown: anything below it could
// point to a person, so it is reported as "<5".
const MinCount = 5

// SmallCount is how a count below MinCount is shown.
const SmallCount = "<5"

// Count is a number of things that is safe to publish. A count below
// MinCount shows as "<5". A count that is large enough but would let a
// reader work out a "<5" elsewhere in the same answer by subtraction is
// hidden (JSON null, CSV "suppressed").
type Count struct {
	n      int
	hidden bool
}

func newCount(n int) Count { return Count{n: n} }

// small reports whether c shows as "<5".
func (c Count) small() bool { return c.n < MinCount }

// suppressed reports whether the reader does not see the number of c.
func (c Count) suppressed() bool { return c.small() || c.hidden }

// MarshalJSON writes a number, "<5" or null.
func (c Count) MarshalJSON() ([]byte, error) {
	switch {
	case c.hidden && !c.small():
		return []byte("null"), nil
	case c.small():
		return json.Marshal(SmallCount)
	}
	return []byte(strconv.Itoa(c.n)), nil
}

// String is the count as a CSV cell.
func (c Count) String() string {
	switch {
	case c.hidden && !c.small():
		return "suppressed"
	case c.small():
		return SmallCount
	}
	return strconv.Itoa(c.n)
}

// protect applies secondary suppression to parts that add up to total,
// both shown in the same answer. As long as the "<5" parts could be worked
// out from the total (only one of them is suppressed, or the suppressed
// ones add up to less than 5), the smallest part still shown is hidden as
// well; when no part is left to hide, the total is hidden.
func protect(total *Count, parts ...*Count) {
	for !total.suppressed() {
		sum, n := 0, 0
		var smallestShown *Count
		for _, p := range parts {
			if p.suppressed() {
				sum, n = sum+p.n, n+1
			} else if smallestShown == nil || p.n < smallestShown.n {
				smallestShown = p
			}
		}
		if n == 0 || (n >= 2 && sum >= MinCount) {
			return
		}
		if smallestShown == nil {
			total.hidden = true
			return
		}
		smallestShown.hidden = true
	}
}

// Measure is a share or a median. It is null with Suppressed set when it
// was computed from fewer than 5 items (or, for a share, when the part or
// the rest is below 5), so that it cannot point to a person either.
type Measure struct {
	Value      *float64 `json:"value"`
	Suppressed bool     `json:"suppressed"`
}

// share is part/whole rounded to three decimals, suppressed when whole,
// part or whole-part is below MinCount.
func share(part, whole int) Measure {
	if whole < MinCount || part < MinCount || whole-part < MinCount {
		return Measure{Suppressed: true}
	}
	v := math.Round(float64(part)/float64(whole)*1000) / 1000
	return Measure{Value: &v}
}

// hours is a median in seconds over n items, in hours rounded to one
// decimal, suppressed for fewer than MinCount items.
func hours(seconds *float64, n int) Measure {
	if n < MinCount || seconds == nil {
		return Measure{Suppressed: true}
	}
	v := math.Round(*seconds/3600*10) / 10
	return Measure{Value: &v}
}

// String is the measure as a CSV cell.
func (m Measure) String() string {
	if m.Suppressed || m.Value == nil {
		return "suppressed"
	}
	return strconv.FormatFloat(*m.Value, 'f', -1, 64)
}

package sim

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Result holds one run's measurements.
type Result struct {
	Requests        int
	Matched         float64 // share of requests matched
	MedianHours     float64 // median time to match, matched requests only
	Gini            float64 // of help given per helper during the run (all helpers, zeros too)
	ToLowGivers     float64 // share of matches whose requester had given at most once
	LowGiverMatched float64 // share of requests by such residents that were matched
	ByLowGivers     float64 // share of matches whose helper had given at most once
	Notifications   float64 // notifications per request
}

func (r *run) result() Result {
	res := Result{Requests: len(r.status)}
	var hours []float64
	var lowAsked, lowMatched, byLow, notes int
	for id, st := range r.status {
		notes += len(st.notified)
		if st.lowGiver {
			lowAsked++
		}
		if st.matchedAt < 0 {
			continue
		}
		hours = append(hours, float64(st.matchedAt-r.w.requests[id].created))
		if st.lowGiver {
			lowMatched++
		}
		if st.helperLow {
			byLow++
		}
	}
	m := float64(len(hours))
	res.Matched = m / float64(max(res.Requests, 1))
	res.MedianHours = median(hours)
	res.ToLowGivers = float64(lowMatched) / math.Max(m, 1)
	res.LowGiverMatched = float64(lowMatched) / math.Max(float64(lowAsked), 1)
	res.ByLowGivers = float64(byLow) / math.Max(m, 1)
	res.Notifications = float64(notes) / float64(max(res.Requests, 1))
	given := make([]float64, len(r.w.pool))
	for i, h := range r.w.pool {
		given[i] = float64(r.given[h])
	}
	res.Gini = Gini(given)
	return res
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if n := len(s); n%2 == 1 {
		return s[n/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// Gini is the Gini coefficient of non-negative values: 0 when everyone gave
// the same, near 1 when one gave everything.
func Gini(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	var sum, weighted float64
	for i, x := range s {
		sum += x
		weighted += float64(i+1) * x
	}
	n := float64(len(s))
	if sum == 0 {
		return 0
	}
	return 2*weighted/(n*sum) - (n+1)/n
}

// Row is a policy's mean over several seeds.
type Row struct {
	Policy Policy
	Mean   Result
	Seeds  int
}

// Compare runs every policy on the same world for each seed and averages.
func Compare(cfg Config, seeds []uint64) []Row {
	rows := make([]Row, len(Policies))
	for i, p := range Policies {
		rows[i].Policy, rows[i].Seeds = p, len(seeds)
	}
	for _, seed := range seeds {
		w := NewWorld(cfg, seed)
		for i, p := range Policies {
			rows[i].Mean = add(rows[i].Mean, Run(w, p))
		}
	}
	for i := range rows {
		rows[i].Mean = scale(rows[i].Mean, 1/float64(len(seeds)))
	}
	return rows
}

func add(a, b Result) Result {
	return Result{
		Requests: a.Requests + b.Requests, Matched: a.Matched + b.Matched, MedianHours: a.MedianHours + b.MedianHours,
		Gini: a.Gini + b.Gini, ToLowGivers: a.ToLowGivers + b.ToLowGivers,
		LowGiverMatched: a.LowGiverMatched + b.LowGiverMatched, ByLowGivers: a.ByLowGivers + b.ByLowGivers,
		Notifications: a.Notifications + b.Notifications,
	}
}

func scale(a Result, f float64) Result {
	return Result{
		Requests: int(math.Round(float64(a.Requests) * f)), Matched: a.Matched * f, MedianHours: a.MedianHours * f,
		Gini: a.Gini * f, ToLowGivers: a.ToLowGivers * f, LowGiverMatched: a.LowGiverMatched * f,
		ByLowGivers: a.ByLowGivers * f, Notifications: a.Notifications * f,
	}
}

// Markdown prints the rows as a markdown table.
func Markdown(rows []Row) string {
	var b strings.Builder
	b.WriteString("| policy | requests matched | median hours to match | Gini help given | matches to low givers | low givers' requests matched | matches by low-giver helpers | notifications per request |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range rows {
		m := r.Mean
		fmt.Fprintf(&b, "| %s | %.1f%% | %.1f | %.3f | %.1f%% | %.1f%% | %.1f%% | %.1f |\n", r.Policy,
			100*m.Matched, m.MedianHours, m.Gini, 100*m.ToLowGivers, 100*m.LowGiverMatched, 100*m.ByLowGivers, m.Notifications)
	}
	return b.String()
}

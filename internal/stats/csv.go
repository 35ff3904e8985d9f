package stats

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/noaber/noaber/internal/signals"
)

// CSVHeader is the first row of the CSV form.
var CSVHeader = []string{"metric", "dimension", "value"}

// Rows is the report as one row per metric: metric, dimension (a
// category, urgency or life domain; empty for a total) and value, with
// "<5" and "suppressed" kept as they are in JSON.
func (r Report) Rows() [][]string {
	m := r.Marketplace
	rows := [][]string{
		{"area", "", r.Area.ID}, {"from", "", r.Period.From}, {"to", "", r.Period.To},
		{"requestsPosted", "", m.RequestsPosted.String()},
		{"offersPosted", "", m.OffersPosted.String()},
		{"exchangesAgreed", "", m.ExchangesAgreed.String()},
		{"exchangesCompleted", "", m.ExchangesCompleted.String()},
		{"requestsMatched", "", m.RequestsMatched.String()},
		{"shareMatched", "", m.ShareMatched.String()},
		{"medianHoursToFirstReaction", "", m.MedianHoursToFirstReaction.String()},
		{"medianHoursToMatch", "", m.MedianHoursToMatch.String()},
	}
	for _, c := range r.Supply {
		rows = append(rows, []string{"openRequests", c.Category, c.OpenRequests.String()},
			[]string{"activeHelpers", c.Category, c.ActiveHelpers.String()},
			[]string{"alert", c.Category, strconv.FormatBool(c.Alert)})
	}
	rows = append(rows, []string{"signalsReported", "", r.Signals.Reported.String()})
	for _, u := range Urgencies {
		rows = append(rows, []string{"signalsByUrgency", u, r.Signals.ByUrgency[u].String()})
	}
	for _, d := range signals.LifeDomains {
		rows = append(rows, []string{"signalsByLifeDomain", d, r.Signals.ByLifeDomain[d].String()})
	}
	return append(rows, []string{"signalsAcknowledgedInTime", "", r.Signals.AcknowledgedInTime.String()})
}

// WriteCSV writes the header and Rows to w.
func (r Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return fmt.Errorf("write stats csv: %w", err)
	}
	if err := cw.WriteAll(r.Rows()); err != nil {
		return fmt.Errorf("write stats csv: %w", err)
	}
	return nil
}

package exchanges

import (
	"context"
	"fmt"
	"time"
)

// Reciprocity is a person's give and take (wederkerigheid), from the
// ledger of completed exchanges.
type Reciprocity struct {
	Given      Tally           `json:"given"`
	Received   Tally           `json:"received"`
	ByCategory []CategoryTally `json:"byCategory"`
	// ByMonth covers the last 12 months (Europe/Amsterdam), oldest first,
	// months without exchanges included.
	ByMonth []MonthTally `json:"byMonth"`
	// InviteToGive says the person mostly received: the app invites them
	// to give something back (never blocks them from asking).
	InviteToGive bool `json:"inviteToGive"`
}

// Tally counts exchanges and the hours the helpers reported.
type Tally struct {
	Count int     `json:"count" db:"count"`
	Hours float64 `json:"hours" db:"hours"`
}

// CategoryTally counts given and received exchanges in one category.
type CategoryTally struct {
	Category string `json:"category" db:"category"`
	Given    int    `json:"given" db:"given"`
	Received int    `json:"received" db:"received"`
}

// MonthTally counts given and received exchanges in one month ("2026-11").
type MonthTally struct {
	Month    string `json:"month" db:"month"`
	Given    int    `json:"given" db:"given"`
	Received int    `json:"received" db:"received"`
}

// Invitation thresholds: someone who received at least inviteMin times,
// and at least inviteRatio times as often as they gave, is invited to give.
const (
	inviteMin   = 3
	inviteRatio = 3
)

// amsterdam is the time zone months are counted in; Noaber serves Dutch
// municipalities.
var amsterdam = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return loc
}()

// Reciprocity sums the ledger for userID.
func (x *Exchanges) Reciprocity(ctx context.Context, userID string) (Reciprocity, error) {
	var r Reciprocity
	var totals struct {
		GivenCount    int     `db:"given_count"`
		GivenHours    float64 `db:"given_hours"`
		ReceivedCount int     `db:"received_count"`
		ReceivedHours float64 `db:"received_hours"`
	}
	if err := x.db.GetContext(ctx, &totals, `
		SELECT count(*) FILTER (WHERE giver_id = $1) AS given_count,
		       COALESCE(sum(hours) FILTER (WHERE giver_id = $1), 0) AS given_hours,
		       count(*) FILTER (WHERE receiver_id = $1) AS received_count,
		       COALESCE(sum(hours) FILTER (WHERE receiver_id = $1), 0) AS received_hours
		FROM reciprocity_entries WHERE giver_id = $1 OR receiver_id = $1`, userID); err != nil {
		return r, fmt.Errorf("sum reciprocity: %w", err)
	}
	r.Given = Tally{Count: totals.GivenCount, Hours: totals.GivenHours}
	r.Received = Tally{Count: totals.ReceivedCount, Hours: totals.ReceivedHours}
	r.InviteToGive = r.Received.Count >= inviteMin && r.Received.Count >= inviteRatio*r.Given.Count
	r.ByCategory = []CategoryTally{}
	if err := x.db.SelectContext(ctx, &r.ByCategory, `
		SELECT category_code AS category, count(*) FILTER (WHERE giver_id = $1) AS given,
		       count(*) FILTER (WHERE receiver_id = $1) AS received
		FROM reciprocity_entries WHERE giver_id = $1 OR receiver_id = $1
		GROUP BY category_code ORDER BY count(*) DESC, category_code`, userID); err != nil {
		return r, fmt.Errorf("reciprocity by category: %w", err)
	}
	var err error
	r.ByMonth, err = x.byMonth(ctx, userID)
	return r, err
}

// byMonth counts the last 12 Amsterdam months, this one included.
func (x *Exchanges) byMonth(ctx context.Context, userID string) ([]MonthTally, error) {
	y, m, _ := x.now().In(amsterdam).Date()
	first := time.Date(y, m-11, 1, 0, 0, 0, 0, amsterdam)
	var rows []MonthTally
	if err := x.db.SelectContext(ctx, &rows, `
		SELECT to_char(completed_at AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM') AS month,
		       count(*) FILTER (WHERE giver_id = $1) AS given, count(*) FILTER (WHERE receiver_id = $1) AS received
		FROM reciprocity_entries WHERE (giver_id = $1 OR receiver_id = $1) AND completed_at >= $2
		GROUP BY 1`, userID, first); err != nil {
		return nil, fmt.Errorf("reciprocity by month: %w", err)
	}
	found := make(map[string]MonthTally, len(rows))
	for _, row := range rows {
		found[row.Month] = row
	}
	out := make([]MonthTally, 0, 12)
	for i := 0; i < 12; i++ {
		month := first.AddDate(0, i, 0).Format("2006-01")
		t := found[month]
		t.Month = month
		out = append(out, t)
	}
	return out, nil
}

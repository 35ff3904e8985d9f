// Package stats is the monitor: per area and period, how the marketplace
// and early signalling are doing, for brokers and the municipality. It only
// ever counts; it never returns content. Every count below 5 is reported as
// "<5", and shares and medians from fewer than 5 items are suppressed, so
// that nobody can be recognised (see count.go for the rules).
package stats

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/noaber/noaber/internal/areas"
	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/domain"
)

// Stats answers for the monitor.
type Stats struct {
	db  *sqlx.DB
	now func() time.Time
}

// New returns the monitor on db with clock now.
func New(db *sqlx.DB, now func() time.Time) *Stats {
	return &Stats{db: db, now: now}
}

// Viewer is the professional asking; each flag is only set with a proven
// second factor.
type Viewer struct {
	UserID string
	// Broker sees the areas they cover (areas.BrokerCovers).
	Broker bool
	// Admin sees every area.
	Admin bool
}

// ActiveHelperDays is how far back giving in a category makes someone an
// active helper in it.
const ActiveHelperDays = 90

// Report is the monitor's answer for one area and period.
type Report struct {
	Area        Area            `json:"area"`
	Period      PeriodRef       `json:"period"`
	GeneratedAt time.Time       `json:"generatedAt"`
	Marketplace Marketplace     `json:"marketplace"`
	Supply      []CategoryCount `json:"supplyAndDemand"`
	Signals     SignalCounts    `json:"signals"`
}

// Area is the area the report covers.
type Area struct {
	ID   string `json:"id" db:"code"`
	Name string `json:"name" db:"name"`
	Kind string `json:"kind" db:"kind"`
	// Neighbourhoods is how many neighbourhoods the report adds up.
	Neighbourhoods int `json:"neighbourhoods" db:"-"`
}

// PeriodRef is the period as dates in TimeZone, both included.
type PeriodRef struct {
	From     string `json:"from"`
	To       string `json:"to"`
	TimeZone string `json:"timeZone"`
}

// Marketplace counts what happened on the notice board in the period.
type Marketplace struct {
	RequestsPosted     Count `json:"requestsPosted"`
	OffersPosted       Count `json:"offersPosted"`
	ExchangesAgreed    Count `json:"exchangesAgreed"`
	ExchangesCompleted Count `json:"exchangesCompleted"`
	// RequestsMatched are requests posted in the period that got an agreed
	// or completed exchange.
	RequestsMatched            Count   `json:"requestsMatched"`
	ShareMatched               Measure `json:"shareMatched"`
	MedianHoursToFirstReaction Measure `json:"medianHoursToFirstReaction"`
	MedianHoursToMatch         Measure `json:"medianHoursToMatch"`
}

// CategoryCount is supply and demand in one category now.
type CategoryCount struct {
	Category      string `json:"category"`
	OpenRequests  Count  `json:"openRequests"`
	ActiveHelpers Count  `json:"activeHelpers"`
	// Alert is set when there are open requests but no active helper.
	Alert bool `json:"alert"`
}

// SignalCounts are the signals reported in the period: only counts.
type SignalCounts struct {
	Reported     Count            `json:"reported"`
	ByUrgency    map[string]Count `json:"byUrgency"`
	ByLifeDomain map[string]Count `json:"byLifeDomain"`
	// AcknowledgedInTime is the share of signals that were acknowledged
	// before their deadline, among those acknowledged or past it.
	AcknowledgedInTime Measure `json:"acknowledgedInTime"`
}

// areaQuery reads area $1 when the viewer may see its numbers: an admin
// ($2) every area, a broker ($4) an area they cover as a whole.
var areaQuery = `
	SELECT a.code, a.name, a.kind FROM areas a
	WHERE a.code = $1 AND ($2 OR ($4 AND ` + areas.BrokerCovers("$3::uuid", "a.code") + `))`

// neighbourhoodsQuery lists the neighbourhoods in area $1 (itself, or
// under it as a district or municipality).
const neighbourhoodsQuery = `
	SELECT code FROM areas WHERE code = $1 AND kind = 'neighbourhood'
	UNION ALL SELECT code FROM areas WHERE parent_code = $1 AND kind = 'neighbourhood'
	UNION ALL SELECT n.code FROM areas d JOIN areas n ON n.parent_code = d.code WHERE d.parent_code = $1`

// Report computes the monitor for area areaID and period p, in one
// read-only snapshot so that parts and totals agree. An area the viewer may
// not see is domain.ErrNotFound.
func (s *Stats) Report(ctx context.Context, v Viewer, areaID string, p Period) (Report, error) {
	now := s.now().UTC()
	r := Report{GeneratedAt: now, Period: PeriodRef{From: p.From.Format(dateLayout), To: p.To.Format(dateLayout),
		TimeZone: p.From.Location().String()}}
	err := database.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY`); err != nil {
			return fmt.Errorf("stats snapshot: %w", err)
		}
		var userID *string
		if v.UserID != "" {
			userID = &v.UserID
		}
		err := tx.GetContext(ctx, &r.Area, areaQuery, areaID, v.Admin, userID, v.Broker)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("stats area %s: %w", areaID, err)
		}
		var hoods []string
		if err := tx.SelectContext(ctx, &hoods, neighbourhoodsQuery, areaID); err != nil {
			return fmt.Errorf("stats neighbourhoods of %s: %w", areaID, err)
		}
		r.Area.Neighbourhoods = len(hoods)
		q := scope{tx: tx, hoods: pq.Array(hoods), start: p.Start().UTC(), end: p.End().UTC(), now: now}
		return q.fill(ctx, &r)
	})
	return r, err
}

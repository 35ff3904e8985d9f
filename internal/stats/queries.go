package stats

import (
	"context"
	"database/sql/driver"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/signals"
)

// The queries below take the neighbourhoods ($1), the start and end of the
// period ($2, $3: a half-open range) and the clock ($4) unless they say
// otherwise. Each starts from
// an index on (neighbourhood_code, time), so its cost grows with the
// activity in the area and period asked for, not with the whole database.

// marketplaceQuery counts posts and exchanges in the period. Reaction and
// match times are measured for the requests posted in the period: the first
// conversation on a request is its first reaction, the first exchange its
// match.
const marketplaceQuery = `
	WITH req AS (
		SELECT p.id, p.created_at FROM posts p
		WHERE p.neighbourhood_code = ANY($1) AND p.created_at >= $2 AND p.created_at < $3
		  AND p.kind = 'request' AND p.hidden_at IS NULL
	), firsts AS (
		SELECT (SELECT min(c.created_at) FROM conversations c WHERE c.post_id = r.id) - r.created_at AS to_reaction,
		       (SELECT min(e.created_at) FROM exchanges e WHERE e.post_id = r.id) - r.created_at AS to_match,
		       EXISTS (SELECT 1 FROM exchanges e WHERE e.post_id = r.id AND e.status IN ('agreed', 'completed')) AS matched
		FROM req r
	)
	SELECT
		(SELECT count(*) FROM firsts) AS requests_posted,
		(SELECT count(*) FROM posts p WHERE p.neighbourhood_code = ANY($1) AND p.created_at >= $2
		    AND p.created_at < $3 AND p.kind = 'offer' AND p.hidden_at IS NULL) AS offers_posted,
		(SELECT count(*) FROM exchanges e JOIN posts p ON p.id = e.post_id
		  WHERE p.neighbourhood_code = ANY($1) AND e.created_at >= $2 AND e.created_at < $3) AS exchanges_agreed,
		(SELECT count(*) FROM reciprocity_entries x WHERE x.neighbourhood_code = ANY($1)
		    AND x.completed_at >= $2 AND x.completed_at < $3) AS exchanges_completed,
		(SELECT count(*) FROM firsts WHERE matched) AS requests_matched,
		(SELECT count(to_reaction) FROM firsts) AS reacted,
		(SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM to_reaction)) FROM firsts) AS reaction_seconds,
		(SELECT count(to_match) FROM firsts) AS with_exchange,
		(SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM to_match)) FROM firsts) AS match_seconds`

// supplyQuery is supply and demand per category now: open requests against
// active helpers (an open offer in the category, or gave in it in the last
// 90 days, in the area). Retired categories appear only while they still
// have requests or helpers.
const supplyQuery = `
	WITH demand AS (
		SELECT category_code, count(*) AS n FROM posts
		WHERE neighbourhood_code = ANY($1) AND kind = 'request' AND status = 'open' AND hidden_at IS NULL
		  AND expires_at > $2
		GROUP BY category_code
	), helpers AS (
		SELECT category_code, author_id AS user_id FROM posts
		WHERE neighbourhood_code = ANY($1) AND kind = 'offer' AND status = 'open' AND hidden_at IS NULL
		  AND expires_at > $2
		UNION
		SELECT category_code, giver_id FROM reciprocity_entries
		WHERE neighbourhood_code = ANY($1) AND completed_at > $2::timestamptz - make_interval(days => $3)
	), supply AS (
		SELECT category_code, count(*) AS n FROM helpers GROUP BY category_code
	)
	SELECT c.code, coalesce(d.n, 0) AS open_requests, coalesce(s.n, 0) AS active_helpers
	FROM categories c
	LEFT JOIN demand d ON d.category_code = c.code
	LEFT JOIN supply s ON s.category_code = c.code
	WHERE c.retired_at IS NULL OR d.n > 0 OR s.n > 0
	ORDER BY c.position, c.code`

// signalsQuery counts the signals reported in the period by urgency and
// by life domain (a signal with two life domains counts under each), and
// how many were due (acknowledged, or past their deadline) and how many of
// those were acknowledged in time. Only columns, never content.
const signalsQuery = `
	WITH s AS (
		SELECT urgency, life_domains, deadline, acknowledged_at FROM signals
		WHERE neighbourhood_code = ANY($1) AND created_at >= $2 AND created_at < $3
	)
	SELECT 'urgency' AS dimension, urgency AS key, count(*) AS n FROM s GROUP BY urgency
	UNION ALL
	SELECT 'lifeDomain', d, count(*) FROM s CROSS JOIN LATERAL unnest(life_domains) AS d GROUP BY d
	UNION ALL
	SELECT 'due', '', count(*) FROM s WHERE acknowledged_at IS NOT NULL OR deadline <= $4
	UNION ALL
	SELECT 'inTime', '', count(*) FROM s WHERE acknowledged_at <= deadline`

// scope is one area and period inside the report's snapshot.
type scope struct {
	tx         *sqlx.Tx
	hoods      driver.Valuer
	start, end time.Time
	now        time.Time
}

func (q scope) fill(ctx context.Context, r *Report) error {
	var err error
	if r.Marketplace, err = q.marketplace(ctx); err != nil {
		return err
	}
	if r.Supply, err = q.supply(ctx); err != nil {
		return err
	}
	r.Signals, err = q.signals(ctx)
	return err
}

func (q scope) marketplace(ctx context.Context) (Marketplace, error) {
	var row struct {
		Requests        int      `db:"requests_posted"`
		Offers          int      `db:"offers_posted"`
		Agreed          int      `db:"exchanges_agreed"`
		Completed       int      `db:"exchanges_completed"`
		Matched         int      `db:"requests_matched"`
		Reacted         int      `db:"reacted"`
		ReactionSeconds *float64 `db:"reaction_seconds"`
		WithExchange    int      `db:"with_exchange"`
		MatchSeconds    *float64 `db:"match_seconds"`
	}
	if err := q.tx.GetContext(ctx, &row, marketplaceQuery, q.hoods, q.start, q.end); err != nil {
		return Marketplace{}, fmt.Errorf("stats marketplace: %w", err)
	}
	m := Marketplace{RequestsPosted: newCount(row.Requests), OffersPosted: newCount(row.Offers),
		ExchangesAgreed: newCount(row.Agreed), ExchangesCompleted: newCount(row.Completed),
		RequestsMatched:            newCount(row.Matched),
		ShareMatched:               share(row.Matched, row.Requests),
		MedianHoursToFirstReaction: hours(row.ReactionSeconds, row.Reacted),
		MedianHoursToMatch:         hours(row.MatchSeconds, row.WithExchange)}
	// Matched and unmatched requests add up to the requests posted: a small
	// number of unmatched ones must not follow from the two counts shown.
	unmatched := newCount(row.Requests - row.Matched)
	protect(&m.RequestsPosted, &m.RequestsMatched, &unmatched)
	return m, nil
}

func (q scope) supply(ctx context.Context) ([]CategoryCount, error) {
	var rows []struct {
		Code          string `db:"code"`
		OpenRequests  int    `db:"open_requests"`
		ActiveHelpers int    `db:"active_helpers"`
	}
	if err := q.tx.SelectContext(ctx, &rows, supplyQuery, q.hoods, q.now, ActiveHelperDays); err != nil {
		return nil, fmt.Errorf("stats supply and demand: %w", err)
	}
	out := make([]CategoryCount, len(rows))
	for i, r := range rows {
		out[i] = CategoryCount{Category: r.Code, OpenRequests: newCount(r.OpenRequests),
			ActiveHelpers: newCount(r.ActiveHelpers), Alert: r.OpenRequests > 0 && r.ActiveHelpers == 0}
	}
	return out, nil
}

func (q scope) signals(ctx context.Context) (SignalCounts, error) {
	var rows []struct {
		Dimension string `db:"dimension"`
		Key       string `db:"key"`
		N         int    `db:"n"`
	}
	if err := q.tx.SelectContext(ctx, &rows, signalsQuery, q.hoods, q.start, q.end, q.now); err != nil {
		return SignalCounts{}, fmt.Errorf("stats signals: %w", err)
	}
	byUrgency := map[string]int{}
	byDomain := map[string]int{}
	var due, inTime, total int
	for _, r := range rows {
		switch r.Dimension {
		case "urgency":
			byUrgency[r.Key] = r.N
			total += r.N
		case "lifeDomain":
			byDomain[r.Key] = r.N
		case "due":
			due = r.N
		case "inTime":
			inTime = r.N
		}
	}
	out := SignalCounts{Reported: newCount(total), ByUrgency: map[string]Count{}, ByLifeDomain: map[string]Count{},
		AcknowledgedInTime: share(inTime, due)}
	parts := make([]*Count, 0, len(Urgencies))
	for _, u := range Urgencies {
		c := newCount(byUrgency[u])
		parts = append(parts, &c)
	}
	// The urgencies add up to the total: protect before storing the copies.
	protect(&out.Reported, parts...)
	for i, u := range Urgencies {
		out.ByUrgency[u] = *parts[i]
	}
	for _, d := range signals.LifeDomains {
		out.ByLifeDomain[d] = newCount(byDomain[d])
	}
	return out, nil
}

// Urgencies are the signal urgencies in their order of concern.
var Urgencies = []string{string(signals.Normal), string(signals.Worried), string(signals.Urgent)}

package suggest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/lib/pq"

	"github.com/noaber/noaber/matching"
)

// helperQuery loads a resident's facts as a helper, with their open offers
// (parallel arrays of id, category and radius).
const helperQuery = `
	WITH offers AS (
	    SELECT p.id, p.category_code, p.radius_km FROM posts p
	    WHERE p.author_id = $1 AND p.kind = 'offer' AND p.status = 'open'
	      AND p.hidden_at IS NULL AND p.expires_at > $2
	)
	SELECT u.id, COALESCE(u.neighbourhood_code, '') AS neighbourhood_code, COALESCE(a.parent_code, '') AS district,
	       u.language, u.created_at,
	       (u.paused_at IS NOT NULL AND (u.paused_until IS NULL OR u.paused_until > $2)) AS paused,
	       (u.deleted_at IS NOT NULL OR u.disabled_at IS NOT NULL) AS deleted,
	       (SELECT count(*) FROM reciprocity_entries r WHERE r.giver_id = u.id) AS given,
	       (SELECT count(*) FROM reciprocity_entries r WHERE r.receiver_id = u.id) AS received,
	       ARRAY(SELECT DISTINCT r.category_code FROM reciprocity_entries r WHERE r.giver_id = u.id) AS helped_in,
	       x.open_commitments, x.recent, x.completed, x.thanks,
	       ARRAY(SELECT o.id::text FROM offers o ORDER BY o.radius_km DESC, o.id) AS offer_ids,
	       ARRAY(SELECT o.category_code FROM offers o ORDER BY o.radius_km DESC, o.id) AS offer_categories,
	       COALESCE((SELECT max(o.radius_km)::float8 FROM offers o), 0) AS offer_radius
	FROM users u
	LEFT JOIN areas a ON a.code = u.neighbourhood_code
	CROSS JOIN LATERAL (
	    SELECT count(*) FILTER (WHERE x.status = 'agreed') AS open_commitments,
	           count(*) FILTER (WHERE x.status IN ('agreed', 'completed')
	                              AND x.created_at >= $2::timestamptz - interval '30 days') AS recent,
	           count(*) FILTER (WHERE x.status = 'completed') AS completed,
	           count(*) FILTER (WHERE x.thanked_at IS NOT NULL) AS thanks
	    FROM exchanges x WHERE x.helper_id = u.id
	) x
	WHERE u.id = $1`

type helperRow struct {
	ID                string         `db:"id"`
	NeighbourhoodCode string         `db:"neighbourhood_code"`
	District          string         `db:"district"`
	Language          string         `db:"language"`
	CreatedAt         time.Time      `db:"created_at"`
	Paused            bool           `db:"paused"`
	Deleted           bool           `db:"deleted"`
	Given             int            `db:"given"`
	Received          int            `db:"received"`
	HelpedIn          pq.StringArray `db:"helped_in"`
	OpenCommitments   int            `db:"open_commitments"`
	Recent            int            `db:"recent"`
	Completed         int            `db:"completed"`
	Thanks            int            `db:"thanks"`
	OfferIDs          pq.StringArray `db:"offer_ids"`
	OfferCategories   pq.StringArray `db:"offer_categories"`
	OfferRadius       float64        `db:"offer_radius"`
}

// resident is the row as the ranker sees it. A helper without an offer has
// no radius of their own (0): only the request's radius counts.
func (h helperRow) resident() matching.Resident {
	return matching.Resident{PersonID: h.ID, Neighbourhood: h.NeighbourhoodCode, District: h.District,
		RadiusKm: h.OfferRadius, Offers: h.OfferCategories, HelpedIn: h.HelpedIn, Given: h.Given,
		Received: h.Received, OpenCommitments: h.OpenCommitments, RecentExchanges: h.Recent,
		Completed: h.Completed, Thanks: h.Thanks, MemberSince: h.CreatedAt, Paused: h.Paused, Deleted: h.Deleted}
}

// offerFor is the helper's offer in category (the widest), or nil.
func (h helperRow) offerFor(category string) *string {
	for i, c := range h.OfferCategories {
		if c == category && i < len(h.OfferIDs) {
			id := h.OfferIDs[i]
			return &id
		}
	}
	return nil
}

type requestCandidateRow struct {
	ID                string       `db:"id"`
	AuthorID          string       `db:"author_id"`
	AuthorName        string       `db:"author_name"`
	Kind              string       `db:"kind"`
	Category          string       `db:"category_code"`
	CategoryNL        string       `db:"category_nl"`
	CategoryEN        string       `db:"category_en"`
	Title             string       `db:"title"`
	NeighbourhoodCode string       `db:"neighbourhood_code"`
	NeighbourhoodName string       `db:"neighbourhood_name"`
	District          string       `db:"district"`
	Km                float64      `db:"km"`
	Bordering         bool         `db:"bordering"`
	RadiusKm          float64      `db:"radius_km"`
	MomentAt          sql.NullTime `db:"moment_at"`
	CreatedAt         time.Time    `db:"created_at"`
	Given             int          `db:"given"`
	GaveToHelper      int          `db:"gave_to_helper"`
	Received          int          `db:"received"`
	GotFromHelper     int          `db:"got_from_helper"`
	Responses         int          `db:"responses"`
}

func (r requestCandidateRow) candidate() matching.RequestCandidate {
	return matching.RequestCandidate{
		Request: matching.Request{ID: r.ID, RequesterID: r.AuthorID, Category: r.Category,
			Neighbourhood: r.NeighbourhoodCode, District: r.District, RadiusKm: r.RadiusKm,
			Moment: moment(r.MomentAt), Created: r.CreatedAt, RequesterGiven: r.Given, RequesterReceived: r.Received},
		Pair: matching.Pair{Bordering: r.Bordering, DistanceKm: r.Km,
			HelpedRequester: r.GotFromHelper, HelpedByRequester: r.GaveToHelper},
		Responses: r.Responses,
	}
}

// ForMe ranks the open requests userID could answer, best first, at most
// limit. A paused resident, or one without a neighbourhood, gets none. A
// ranking is kept for the TTL (see snapshot.go).
func (s *Suggest) ForMe(ctx context.Context, userID string, limit int) ([]Request, error) {
	now := s.nowUTC()
	if kept, ok, err := s.keptRequests(ctx, userID, now, limit); err != nil || ok {
		return kept, err
	}
	hst, err := s.stmt(ctx, helperQuery)
	if err != nil {
		return nil, err
	}
	var h helperRow
	if err := hst.GetContext(ctx, &h, userID, now); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return []Request{}, nil
		}
		return nil, fmt.Errorf("load helper %s: %w", userID, err)
	}
	if h.Paused || h.Deleted || h.NeighbourhoodCode == "" {
		return []Request{}, nil
	}
	r, err := shared(ctx, s, "resident "+userID, func(ctx context.Context) (ranking[requestCandidateRow], error) {
		return s.rankForHelper(ctx, h, now)
	})
	if err != nil {
		return nil, err
	}
	return requestsOf(h, r.rows, r.top(limit)), nil
}

// rankForHelper ranks the requests h could answer at now and keeps the
// ranking.
func (s *Suggest) rankForHelper(ctx context.Context, h helperRow, now time.Time) (ranking[requestCandidateRow], error) {
	rst, err := s.stmt(ctx, requestsQuery)
	if err != nil {
		return ranking[requestCandidateRow]{}, err
	}
	var rows []requestCandidateRow
	if err := rst.SelectContext(ctx, &rows, h.ID, now, maxFitRequests, maxNearRequests, maxRequestRadius,
		pq.StringArray(h.categories())); err != nil {
		return ranking[requestCandidateRow]{}, fmt.Errorf("requests for %s: %w", h.ID, err)
	}
	ranked, km := s.rankRequests(h, rows)
	return ranking[requestCandidateRow]{rows, ranked}, s.keepRequests(ctx, h, now, ranked, km)
}

// categories are those the helper offers or helped in before, each once.
func (h helperRow) categories() []string {
	seen := make(map[string]bool, len(h.OfferCategories)+len(h.HelpedIn))
	var out []string
	for _, c := range append(append([]string{}, h.OfferCategories...), h.HelpedIn...) {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// rankRequests ranks the request rows for h, best first, as many as are
// kept, with the distance to each by id.
func (s *Suggest) rankRequests(h helperRow, rows []requestCandidateRow) ([]matching.Suggestion, map[string]float64) {
	cands := make([]matching.RequestCandidate, len(rows))
	km := make(map[string]float64, len(rows))
	for i := range rows {
		cands[i] = rows[i].candidate()
		km[rows[i].ID] = rows[i].Km
	}
	return matching.RankRequests(h.resident(), cands, s.weights, SnapshotSize), km
}

// requestsOf writes the ranked requests with their reasons in h's language.
func requestsOf(h helperRow, rows []requestCandidateRow, ranked []matching.Suggestion) []Request {
	byID := make(map[string]*requestCandidateRow, len(rows))
	labels := categoryLabels{}
	for i := range rows {
		r := &rows[i]
		byID[r.ID] = r
		labels[r.Category] = label{nl: r.CategoryNL, en: r.CategoryEN}
	}
	out := make([]Request, len(ranked))
	for i, sg := range ranked {
		r := byID[sg.ID]
		out[i] = Request{
			Post: PostSummary{ID: r.ID, Kind: r.Kind, Category: r.Category, Title: r.Title,
				Author: UserRef{ID: r.AuthorID, DisplayName: r.AuthorName,
					Neighbourhood: AreaRef{ID: r.NeighbourhoodCode, Name: r.NeighbourhoodName}},
				DistanceKm: roundHalfKm(r.Km), CreatedAt: r.CreatedAt},
			OfferID: h.offerFor(r.Category), Score: roundScore(sg.Score),
			Reasons: render(sg.Reasons, h.Language, labels),
		}
	}
	return out
}

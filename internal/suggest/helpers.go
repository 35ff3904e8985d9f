package suggest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/areas"
	"github.com/noaber/noaber/internal/domain"
	"github.com/noaber/noaber/matching"
)

// requestQuery loads a request with its author's ledger counts, for a
// viewer who may see its suggestions: the author, or a broker ($3) with
// the neighbourhood (or its district or municipality) among their areas.
// $5 is the proactive job, which may see every request. Offers have no
// suggestions: they are not found here.
var requestQuery = `
	SELECT p.id, p.author_id, p.category_code, c.label_nl AS category_nl, c.label_en AS category_en,
	       p.neighbourhood_code, COALESCE(a.parent_code, '') AS district, p.radius_km::float8 AS radius_km,
	       p.moment_at, p.created_at, p.updated_at,
	       (p.status = 'open' AND p.hidden_at IS NULL AND p.expires_at > $4) AS open,
	       (SELECT count(*) FROM reciprocity_entries r WHERE r.giver_id = p.author_id) AS given,
	       (SELECT count(*) FROM reciprocity_entries r WHERE r.receiver_id = p.author_id) AS received,
	       COALESCE((SELECT v.language FROM users v WHERE v.id = $2), 'nl') AS language
	FROM posts p
	JOIN areas a ON a.code = p.neighbourhood_code
	JOIN categories c ON c.code = p.category_code
	WHERE p.id = $1 AND p.kind = 'request'
	  AND ($5 OR p.author_id = $2 OR ($3 AND ` + areas.BrokerCovers("$2", "p.neighbourhood_code") + `))`

type requestRow struct {
	ID                string       `db:"id"`
	AuthorID          string       `db:"author_id"`
	Category          string       `db:"category_code"`
	CategoryNL        string       `db:"category_nl"`
	CategoryEN        string       `db:"category_en"`
	NeighbourhoodCode string       `db:"neighbourhood_code"`
	District          string       `db:"district"`
	RadiusKm          float64      `db:"radius_km"`
	MomentAt          sql.NullTime `db:"moment_at"`
	CreatedAt         time.Time    `db:"created_at"`
	UpdatedAt         time.Time    `db:"updated_at"`
	Open              bool         `db:"open"`
	Given             int          `db:"given"`
	Received          int          `db:"received"`
	Language          string       `db:"language"`
}

// request is the row as the ranker sees it.
func (r requestRow) request() matching.Request {
	return matching.Request{ID: r.ID, RequesterID: r.AuthorID, Category: r.Category,
		Neighbourhood: r.NeighbourhoodCode, District: r.District, RadiusKm: r.RadiusKm,
		Moment: moment(r.MomentAt), Created: r.CreatedAt, RequesterGiven: r.Given, RequesterReceived: r.Received}
}

type candidateRow struct {
	ID                string         `db:"id"`
	DisplayName       string         `db:"display_name"`
	NeighbourhoodCode string         `db:"neighbourhood_code"`
	NeighbourhoodName string         `db:"neighbourhood_name"`
	District          string         `db:"district"`
	Km                float64        `db:"km"`
	Bordering         bool           `db:"bordering"`
	OfferID           sql.NullString `db:"offer_id"`
	OfferRadius       float64        `db:"offer_radius"`
	MemberSince       time.Time      `db:"member_since"`
	Given             int            `db:"given"`
	HelpedRequester   int            `db:"helped_requester"`
	HelpedIn          bool           `db:"helped_in"`
	Received          int            `db:"received"`
	HelpedByRequester int            `db:"helped_by_requester"`
	OpenCommitments   int            `db:"open_commitments"`
	Recent            int            `db:"recent"`
	Completed         int            `db:"completed"`
	Thanks            int            `db:"thanks"`
}

// candidate is the row as the ranker sees it. The query already left out
// whoever the hard rules exclude; the ranker applies them again on these
// facts, so the rules live in one place (package matching).
func (c candidateRow) candidate(category string) matching.Candidate {
	res := matching.Resident{PersonID: c.ID, Neighbourhood: c.NeighbourhoodCode, District: c.District,
		RadiusKm: c.OfferRadius, Given: c.Given, Received: c.Received, OpenCommitments: c.OpenCommitments,
		RecentExchanges: c.Recent, Completed: c.Completed, Thanks: c.Thanks, MemberSince: c.MemberSince}
	if c.OfferID.Valid {
		res.Offers = []string{category}
	}
	if c.HelpedIn {
		res.HelpedIn = []string{category}
	}
	return matching.Candidate{Resident: res, OfferID: c.OfferID.String, Pair: matching.Pair{
		Bordering: c.Bordering, DistanceKm: c.Km,
		HelpedRequester: c.HelpedRequester, HelpedByRequester: c.HelpedByRequester}}
}

// ForPost ranks the people who could help with a request, best first, at
// most limit. Only the request's author and brokers of its area may ask;
// for anyone else, for an offer and for an unknown id it is
// domain.ErrNotFound. A request that is no longer open has no suggestions.
// A ranking is kept for the TTL (see snapshot.go).
func (s *Suggest) ForPost(ctx context.Context, viewer Viewer, postID string, limit int) ([]Helper, error) {
	if err := checkID(postID); err != nil {
		return nil, err
	}
	now := s.nowUTC()
	req, kept, ok, err := s.requestWithKept(ctx, viewer, postID, now, limit)
	switch {
	case err != nil:
		return nil, err
	case !req.Open:
		return []Helper{}, nil
	case ok:
		return kept, nil
	}
	r, err := shared(ctx, s, "request "+postID, func(ctx context.Context) (ranking[candidateRow], error) {
		return s.rankRequest(ctx, req, now)
	})
	if err != nil {
		return nil, err
	}
	return helpersOf(req, r.rows, r.top(limit)), nil
}

// rankRequest ranks the candidates of req at now and keeps the ranking.
func (s *Suggest) rankRequest(ctx context.Context, req requestRow, now time.Time) (ranking[candidateRow], error) {
	st, err := s.stmt(ctx, candidatesQuery)
	if err != nil {
		return ranking[candidateRow]{}, err
	}
	var rows []candidateRow
	if err := st.SelectContext(ctx, &rows, req.ID, now, MaxCandidates, false); err != nil {
		return ranking[candidateRow]{}, fmt.Errorf("candidates for %s: %w", req.ID, err)
	}
	ranked := s.rankHelpers(req, rows, SnapshotSize)
	return ranking[candidateRow]{rows, ranked}, s.keepHelpers(ctx, req, now, ranked)
}

// loadRequest reads a request for the proactive job, which may see all.
func loadRequest(ctx context.Context, tx *sqlx.Tx, postID string, now time.Time) (requestRow, error) {
	var r requestRow
	err := tx.GetContext(ctx, &r, requestQuery, postID, nil, false, now, true)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("request %s: %w", postID, domain.ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("load request %s: %w", postID, err)
	}
	return r, nil
}

// rankHelpers ranks the candidate rows of req, best first, at most limit.
func (s *Suggest) rankHelpers(req requestRow, rows []candidateRow, limit int) []matching.Suggestion {
	cands := make([]matching.Candidate, len(rows))
	for i := range rows {
		cands[i] = rows[i].candidate(req.Category)
	}
	return matching.Rank(req.request(), cands, s.weights, limit)
}

// helpersOf writes the ranked candidates of req with their reasons in the
// viewer's language.
func helpersOf(req requestRow, rows []candidateRow, ranked []matching.Suggestion) []Helper {
	byID := make(map[string]*candidateRow, len(rows))
	for i := range rows {
		byID[rows[i].ID] = &rows[i]
	}
	labels := categoryLabels{req.Category: {nl: req.CategoryNL, en: req.CategoryEN}}
	out := make([]Helper, len(ranked))
	for i, sg := range ranked {
		row := byID[sg.ID]
		h := Helper{Person: UserRef{ID: row.ID, DisplayName: row.DisplayName,
			Neighbourhood: AreaRef{ID: row.NeighbourhoodCode, Name: row.NeighbourhoodName}},
			Score: roundScore(sg.Score), Reasons: render(sg.Reasons, req.Language, labels)}
		if sg.OfferID != "" {
			id := sg.OfferID
			h.OfferID = &id
		}
		out[i] = h
	}
	return out
}

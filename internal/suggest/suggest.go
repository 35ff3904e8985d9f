// Package suggest gathers the facts that package matching ranks: for a
// request the people who could help, for a resident the requests they
// could answer. Candidates come from indexed SQL (neighbourhoods in reach
// first, then a capped list, nearest first); the order and the reasons come
// from matching. It also asks the best few helpers proactively (Jobs) and
// records who declined a request.
package suggest

import (
	"context"
	_ "embed" // the candidate queries
	"fmt"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
	"golang.org/x/sync/singleflight"

	"github.com/noaber/noaber/internal/domain"
	"github.com/noaber/noaber/matching"
)

// candidatesQuery finds the people who could help with a request; its
// parameters are documented at its top.
//
//go:embed candidates.sql
var candidatesQuery string

// requestsQuery finds the requests a resident could answer.
//
//go:embed requests.sql
var requestsQuery string

// Caps on what is ranked: the nearest this many candidates, counted before
// their facts are gathered. Ranking is well under a millisecond; the SQL
// is what costs (about 0.05 ms per candidate for its facts on the
// synthetic city), and proximity dominates the score, so the 200 nearest
// hold the best 20.
const (
	MaxCandidates    = 200
	maxFitRequests   = 300 // requests in the helper's categories
	maxNearRequests  = 200 // requests of any category close by
	maxRequestRadius = 15.0
)

// Suggest answers for suggestions and declines.
type Suggest struct {
	db      *sqlx.DB
	now     func() time.Time
	weights matching.Weights
	ttl     time.Duration // how long a ranking is kept
	flight  singleflight.Group

	// Hot queries, prepared on first use (New has no context and cannot
	// fail; a failed preparation is retried).
	mu    sync.Mutex
	stmts map[string]*sqlx.Stmt
}

// New returns the suggestions on db with clock now, the default weights
// and rankings kept for DefaultTTL.
func New(db *sqlx.DB, now func() time.Time) *Suggest {
	return &Suggest{db: db, now: now, weights: matching.DefaultWeights(), ttl: DefaultTTL,
		stmts: map[string]*sqlx.Stmt{}}
}

// KeepFor sets how long a ranking is kept (0: never; every read ranks
// afresh) and returns s. Call it before s is used.
func (s *Suggest) KeepFor(ttl time.Duration) *Suggest {
	s.ttl = ttl
	return s
}

// Viewer is who asks for the suggestions of a request.
type Viewer struct {
	UserID string
	// Broker is true for a broker who proved their second factor: they see
	// the suggestions of requests in their areas.
	Broker bool
}

// UserRef names a person as the marketplace does.
type UserRef struct {
	ID            string  `json:"id"`
	DisplayName   string  `json:"displayName"`
	Neighbourhood AreaRef `json:"neighbourhood"`
}

// AreaRef names a neighbourhood.
type AreaRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Reason says in words why a suggestion was made.
type Reason struct {
	Key    string         `json:"key"`
	Text   string         `json:"text"`
	Params map[string]any `json:"params"`
}

// Helper is one suggested person for a request.
type Helper struct {
	Person  UserRef  `json:"person"`
	OfferID *string  `json:"offerId"`
	Score   float64  `json:"score"`
	Reasons []Reason `json:"reasons"`
}

// PostSummary is a request as a suggestion shows it.
type PostSummary struct {
	ID       string  `json:"id"`
	Kind     string  `json:"kind"`
	Category string  `json:"category"`
	Title    string  `json:"title"`
	Author   UserRef `json:"author"`
	// DistanceKm is between the two neighbourhood centroids, rounded to
	// 0.5 km as in the feed; 0 is the same neighbourhood.
	DistanceKm float64   `json:"distanceKm"`
	CreatedAt  time.Time `json:"createdAt"`
}

// Request is one suggested request for a resident.
type Request struct {
	Post PostSummary `json:"post"`
	// OfferID is the resident's own offer in the request's category, if any.
	OfferID *string  `json:"offerId"`
	Score   float64  `json:"score"`
	Reasons []Reason `json:"reasons"`
}

// checkID turns an id that cannot be a post into "not found".
func checkID(id string) error {
	if !domain.IsUUID(id) {
		return fmt.Errorf("post %q: %w", id, domain.ErrNotFound)
	}
	return nil
}

// stmt returns the prepared query, preparing it on first use.
func (s *Suggest) stmt(ctx context.Context, query string) (*sqlx.Stmt, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.stmts[query]; ok {
		return st, nil
	}
	st, err := s.db.PreparexContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("prepare suggestion query: %w", err)
	}
	s.stmts[query] = st
	return st, nil
}

// nowUTC is the clock in UTC, as stored.
func (s *Suggest) nowUTC() time.Time { return s.now().UTC() }

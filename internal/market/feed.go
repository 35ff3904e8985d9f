package market

import (
	"context"
	_ "embed" // the feed query
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/domain"
)

// feedQuery is the feed, in its own file so that a benchmark can run
// exactly this SQL; its parameters are documented at its top.
//
//go:embed feed.sql
var feedQuery string

// Reader radius in km: the default and the largest a reader may ask for.
const (
	DefaultReaderRadiusKm = 5.0
	MaxReaderRadiusKm     = 15.0
)

// FeedFilter narrows the feed; zero values do not filter (RadiusKm 0 is
// the default radius).
type FeedFilter struct {
	Kind     string
	Category string
	Query    string
	RadiusKm float64
}

// FeedCursor is a position in the feed: the feed is ordered by proximity,
// distance, time and id, so the time-and-id cursor of other lists does not
// fit. Clients see it only as an opaque string.
type FeedCursor struct {
	Rank     int       `json:"r"`
	Distance float64   `json:"d"`
	At       time.Time `json:"t"`
	ID       string    `json:"i"`
}

// String encodes the cursor for a nextCursor field.
func (c FeedCursor) String() string {
	b, _ := json.Marshal(c)
	return "f" + base64.RawURLEncoding.EncodeToString(b)
}

// ParseFeedCursor reads a cursor from a request; empty means the start, ok
// is false for a string that String did not make.
func ParseFeedCursor(s string) (c *FeedCursor, ok bool) {
	if s == "" {
		return nil, true
	}
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(s, "f"))
	if !strings.HasPrefix(s, "f") || err != nil || json.Unmarshal(b, &c) != nil || c == nil ||
		!domain.IsUUID(c.ID) || c.At.IsZero() || c.Rank < 0 || c.Rank > 2 || c.Distance < 0 {
		return nil, false
	}
	return c, true
}

// Reader is who reads the feed.
type Reader struct {
	UserID            string
	NeighbourhoodCode string // "" when they have none
}

// Feed is the open posts reader may see, nearest first: their own
// neighbourhood, then bordering ones, then the others by distance, each
// part newest first; only posts whose neighbourhood lies within both the
// post's and the reader's radius.
func (m *Market) Feed(ctx context.Context, reader Reader, f FeedFilter, cursor *FeedCursor, limit int) (PostPage, error) {
	if err := f.check(); err != nil {
		return PostPage{}, err
	}
	if reader.NeighbourhoodCode == "" {
		return PostPage{}, ErrNoNeighbourhood
	}
	if f.RadiusKm == 0 {
		f.RadiusKm = DefaultReaderRadiusKm
	}
	stmt, err := m.feedStmt(ctx)
	if err != nil {
		return PostPage{}, err
	}
	now := m.nowUTC()
	search, err := m.searchQuery(ctx, f.Query)
	if err != nil {
		return PostPage{}, err
	}
	args := []any{reader.UserID, f.RadiusKm, f.Kind, f.Category, search, now,
		nil, nil, nil, nil, limit + 1}
	if cursor != nil {
		args[6], args[7], args[8], args[9] = cursor.Rank, cursor.Distance, cursor.At, cursor.ID
	}
	rows, err := selectFeed(ctx, m.db, stmt, args, search != nil)
	if err != nil {
		return PostPage{}, err
	}
	var page PostPage
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[limit-1]
		page.Next = FeedCursor{Rank: last.Rank, Distance: last.DistanceKm, At: last.CreatedAt, ID: last.ID}.String()
	}
	page.Items = make([]Post, len(rows))
	for i, r := range rows {
		page.Items[i] = r.post(reader.UserID, now)
	}
	return page, nil
}

// selectFeed runs the prepared feed query. Without free text one generic
// plan (walk posts_feed_idx in order per neighbourhood and stop at a page)
// is right for every reader, and reusing it saves the ~2 ms PostgreSQL
// spends planning this query: on the synthetic city that doubles the feed's
// throughput. With free text the rarity of the words decides the plan, so
// each call is planned. SET LOCAL keeps the setting inside the transaction.
func selectFeed(ctx context.Context, db *sqlx.DB, stmt *sqlx.Stmt, args []any, searching bool) ([]postRow, error) {
	mode := `SET LOCAL plan_cache_mode = force_generic_plan`
	if searching {
		mode = `SET LOCAL plan_cache_mode = force_custom_plan`
	}
	var rows []postRow
	err := database.WithTx(ctx, db, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, mode); err != nil {
			return err
		}
		return tx.StmtxContext(ctx, stmt).SelectContext(ctx, &rows, args...)
	})
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	return rows, nil
}

// searchQuery turns search words (websearch syntax: words, "a phrase",
// -not, or) into a Dutch tsquery, nil for none or only stop words. The
// Dutch snowball stemmer is not idempotent ("fiets" -> fiet, "fietsen" ->
// fiets), so the words are also matched stemmed once more, as prefixes:
// "fietsen" finds "fiets" and "fiets" finds "fietsen". It is made before
// the feed query, so that each search is planned with its words as a
// constant. Known cost: a word no nearby post has still reads every open
// post within the radius (about 100 ms in the synthetic city's busiest
// neighbourhood at 5 km); a search-first plan would fix that.
func (m *Market) searchQuery(ctx context.Context, words string) (*string, error) {
	words = strings.TrimSpace(words)
	if words == "" {
		return nil, nil
	}
	var q *string
	err := m.db.GetContext(ctx, &q, `
		SELECT CASE WHEN numnode(w.q) = 0 THEN NULL
		            ELSE (w.q || to_tsquery('dutch',
		                  regexp_replace(w.q::text, '''((?:[^'']|'''')*)''', '''\1'':*', 'g')))::text
		       END
		FROM (SELECT websearch_to_tsquery('dutch', $1) AS q) w`, words)
	if err != nil {
		return nil, fmt.Errorf("feed search %q: %w", words, err)
	}
	return q, nil
}

func (f FeedFilter) check() error {
	var check domain.Checker
	f.CheckInto(&check)
	return check.Err()
}

// CheckInto records what is wrong with f in check, so that the API can name
// every bad parameter of a request at once.
func (f FeedFilter) CheckInto(check *domain.Checker) {
	check.Check(f.Kind == "" || Kind(f.Kind).Valid(), "kind", "must be request or offer")
	check.Check(f.Category == "" || codePattern.MatchString(f.Category), "category", "is not a category")
	check.Check(len(f.Query) <= 200, "q", "must be at most 200 characters")
	check.Check(f.RadiusKm == 0 || (f.RadiusKm >= 0.5 && f.RadiusKm <= MaxReaderRadiusKm), "radiusKm",
		"must be 0.5 to 15 km")
}

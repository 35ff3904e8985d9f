package market_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/market"
	"github.com/noaber/noaber/internal/pgtest"
)

// seedCity writes a grid of rows × cols neighbourhoods about 1 km apart
// (grid neighbours border), users spread over them (some paused, some
// blocking the reader), and posts open posts with random neighbourhoods,
// authors, radii and ages over the last 30 days. It returns the reader, in
// the middle of the grid.
func seedCity(t testing.TB, db *sqlx.DB, rows, cols, users, posts int, now time.Time) string {
	t.Helper()
	ctx := context.Background()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q[:min(len(q), 60)], err)
		}
	}
	exec(`INSERT INTO areas (code, kind, name) VALUES ('GM0001', 'municipality', 'Teststad')`)
	exec(`INSERT INTO areas (code, kind, name, parent_code) VALUES ('WK000101', 'district', 'Alles', 'GM0001')`)
	exec(`INSERT INTO areas (code, kind, name, parent_code, latitude, longitude)
		SELECT 'BU' || lpad(i::text, 6, '0'), 'neighbourhood', 'Buurt ' || i, 'WK000101',
		       52.0 + (i / $2::int) * 0.009, 5.0 + (i % $2::int) * 0.0146
		FROM generate_series(0, $1::int * $2::int - 1) AS i`, rows, cols)
	exec(`INSERT INTO area_borders (area_code, neighbour_code)
		SELECT 'BU' || lpad(i::text, 6, '0'), 'BU' || lpad((i + 1)::text, 6, '0')
		FROM generate_series(0, $1::int * $2::int - 1) AS i WHERE i % $2::int < $2::int - 1
		UNION ALL
		SELECT 'BU' || lpad(i::text, 6, '0'), 'BU' || lpad((i + $2::int)::text, 6, '0')
		FROM generate_series(0, ($1::int - 1) * $2::int - 1) AS i`, rows, cols)
	exec(`INSERT INTO users (email, display_name, neighbourhood_code, paused_at)
		SELECT 'u' || i || '@example.nl', 'Buur ' || i, 'BU' || lpad((i % ($2::int * $3::int))::text, 6, '0'),
		       CASE WHEN i % 47 = 0 THEN $4::timestamptz END
		FROM generate_series(1, $1::int) AS i`, users, rows, cols, now)
	var reader string
	middle := fmt.Sprintf("BU%06d", (rows/2)*cols+cols/2)
	if err := db.GetContext(ctx, &reader, `INSERT INTO users (email, display_name, neighbourhood_code)
		VALUES ('lezer@example.nl', 'Lezer', $1) RETURNING id`, middle); err != nil {
		t.Fatal(err)
	}
	exec(`INSERT INTO blocks (blocker_id, blocked_id)
		SELECT id, $1 FROM users WHERE id <> $1 ORDER BY email LIMIT 20`, reader)
	exec(`INSERT INTO posts (author_id, kind, category_code, title, body, radius_km, neighbourhood_code,
		                     expires_at, created_at, updated_at)
		SELECT u.id, CASE WHEN random() < 0.3 THEN 'request' ELSE 'offer' END,
		       (ARRAY['koken','klussen','tuin','vervoer','computer'])[1 + (random() * 4)::int],
		       (ARRAY['Hulp bij de fiets', 'Soep voor de buren', 'Wie repareert mijn computer?',
		              'Ik help met de tuin', 'Boodschappen doen'])[1 + (random() * 4)::int] || ' ' || g,
		       'Een beschrijving van de hulp.', (ARRAY[1, 2, 2, 3, 5, 10])[1 + (random() * 5)::int],
		       u.neighbourhood_code, c.at + interval '30 days', c.at, c.at
		FROM generate_series(1, $1::int) AS g
		CROSS JOIN LATERAL (SELECT $2::timestamptz - random() * interval '29 days' AS at) c
		JOIN users u ON u.email = 'u' || (1 + (g * 7919) % $3::int) || '@example.nl'`, posts, now, users)
	exec(`ANALYZE`)
	return reader
}

// TestFeedPlan runs the feed SQL on a city of 300 neighbourhoods: it must
// read posts per candidate neighbourhood from posts_feed_idx, and page
// without duplicates or gaps. With NOABER_FEED_BENCH=1 the city holds
// 100,000 open posts and the test logs EXPLAIN ANALYZE and latencies,
// sequential and with 64 connections.
func TestFeedPlan(t *testing.T) {
	t.Parallel()
	posts, users := 6000, 600
	bench := os.Getenv("NOABER_FEED_BENCH") == "1"
	if bench {
		posts, users = 100000, 10000
	}
	db := pgtest.New(t)
	now := time.Now().UTC()
	reader := seedCity(t, db, 15, 20, users, posts, now)
	ctx := context.Background()

	plan := explain(t, db, reader, now)
	if bench {
		t.Logf("EXPLAIN ANALYZE:\n%s", plan)
	}
	if !strings.Contains(plan, "posts_feed_idx") || strings.Contains(plan, "Seq Scan on posts") {
		t.Errorf("the feed does not read posts through posts_feed_idx:\n%s", plan)
	}

	m := market.New(db, func() time.Time { return now })
	r := market.Reader{UserID: reader, NeighbourhoodCode: "x"}
	whole, err := m.Feed(ctx, r, market.FeedFilter{}, nil, 100)
	if err != nil {
		t.Fatal(err)
	}
	var walked []string
	var cursor *market.FeedCursor
	for len(walked) < 100 {
		page, err := m.Feed(ctx, r, market.FeedFilter{}, cursor, 7)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range page.Items {
			walked = append(walked, p.ID)
		}
		if page.Next == "" {
			break
		}
		cursor, _ = market.ParseFeedCursor(page.Next)
	}
	var wholeIDs []string
	for _, p := range whole.Items {
		wholeIDs = append(wholeIDs, p.ID)
	}
	if !slices.Equal(walked[:min(100, len(walked))], wholeIDs) {
		t.Errorf("pages of 7 differ from one page of 100")
	}
	if bench {
		latencies(t, m, r, 1, 300)
		latencies(t, m, r, 64, 40)
	}
}

func explain(t *testing.T, db *sqlx.DB, reader string, now time.Time) string {
	t.Helper()
	query := strings.TrimSpace(feedSQL(t))
	var lines []string
	err := db.SelectContext(context.Background(), &lines, "EXPLAIN (ANALYZE, BUFFERS) "+query,
		reader, 5.0, "", "", nil, now, nil, nil, nil, nil, 21)
	if err != nil {
		t.Fatalf("explain: %v", err)
	}
	return strings.Join(lines, "\n")
}

func feedSQL(t *testing.T) string {
	b, err := os.ReadFile("feed.sql")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// latencies runs the first page of the feed from conns goroutines, each
// runs times, and logs p50 and p99.
func latencies(t *testing.T, m *market.Market, r market.Reader, conns, runs int) {
	var mu sync.Mutex
	var all []time.Duration
	var wg sync.WaitGroup
	for c := 0; c < conns; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < runs; i++ {
				start := time.Now()
				if _, err := m.Feed(context.Background(), r, market.FeedFilter{}, nil, 20); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				all = append(all, time.Since(start))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	slices.Sort(all)
	t.Logf("feed, %d connection(s), %d runs: p50 %s, p99 %s", conns, len(all),
		all[len(all)/2], all[len(all)*99/100])
}

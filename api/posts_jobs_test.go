package api_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/noaber/noaber/internal/market"
)

// postJobs are the market's jobs on env's database and clock.
func (env testEnv) postJobs() *market.Jobs {
	return market.NewJobs(market.New(env.db, env.clock.Now))
}

func TestPostExpiryJob(t *testing.T) {
	t.Parallel()
	w := newMarketWorld(t)
	alice := w.resident(t, postcodeCentrum)
	p := w.post(t, alice, postBody("request", "Hulp bij klussen", nil))
	jobs := w.env.postJobs()
	ctx := context.Background()
	reminders := func() int {
		return w.env.count(t, `SELECT count(*) FROM notifications WHERE user_id = $1 AND type = 'post_expiring' AND subject_id = $2`, alice.ID, p.ID)
	}
	run := func(want int) {
		t.Helper()
		if n, err := jobs.RunOnce(ctx); err != nil || n != want {
			t.Fatalf("RunOnce = %d, %v; want %d", n, err, want)
		}
	}

	w.env.clock.Advance(26 * 24 * time.Hour) // 4 days left: too early
	run(0)
	w.env.clock.Advance(24*time.Hour + time.Second) // just under 3 days left
	run(1)
	run(0)
	if n := reminders(); n != 1 {
		t.Fatalf("%d reminders, want 1", n)
	}
	if n := w.env.count(t, `SELECT count(*) FROM posts WHERE id = $1 AND status = 'open'`, p.ID); n != 1 {
		t.Fatal("post not open before its expiry")
	}
	w.env.clock.Advance(3 * 24 * time.Hour)
	run(1)
	run(0)
	if n := w.env.count(t, `SELECT count(*) FROM posts WHERE id = $1 AND status = 'expired'`, p.ID); n != 1 {
		t.Fatal("post not expired")
	}
	if n := reminders(); n != 1 {
		t.Errorf("%d reminders after expiry, want 1", n)
	}

	// Renewing gives another reminder before the new end.
	alice.Token = w.env.login(t, alice)
	decode[postView](t, w.env.call(t, "POST", "/api/v1/posts/"+p.ID+"/renewal", alice.Token, nil), http.StatusOK)
	w.env.clock.Advance(28 * 24 * time.Hour)
	run(1)
	if n := reminders(); n != 2 {
		t.Errorf("%d reminders after renewal, want 2", n)
	}
}

// TestPostExpiryJobConcurrent: two instances at once do each reminder and
// each expiry exactly once.
func TestPostExpiryJobConcurrent(t *testing.T) {
	t.Parallel()
	w := newMarketWorld(t)
	const posts = 150 // more than one batch
	var authors []testUser
	for i := 0; i < 3; i++ {
		authors = append(authors, w.resident(t, postcodeCentrum))
	}
	w.env.exec(t, `INSERT INTO posts (author_id, kind, category_code, title, body, neighbourhood_code, expires_at)
		SELECT (ARRAY[$1, $2, $3]::uuid[])[1 + i % 3], 'offer', 'koken', 'Soep ' || i, 'Lekker', $4,
		       $5::timestamptz + i * interval '1 second'
		FROM generate_series(1, $6) AS i`, authors[0].ID, authors[1].ID, authors[2].ID, buCentrum,
		w.env.clock.Now().Add(48*time.Hour), posts)
	concurrently := func() int {
		var wg sync.WaitGroup
		counts := make([]int, 2)
		for i := range counts {
			wg.Add(1)
			go func() {
				defer wg.Done()
				n, err := w.env.postJobs().RunOnce(context.Background())
				if err != nil {
					t.Error(err)
				}
				counts[i] = n
			}()
		}
		wg.Wait()
		return counts[0] + counts[1]
	}
	if n := concurrently(); n != posts {
		t.Errorf("reminders sent = %d, want %d", n, posts)
	}
	if n := w.env.count(t, `SELECT count(*) FROM notifications WHERE type = 'post_expiring'`); n != posts {
		t.Errorf("%d notifications, want %d", n, posts)
	}
	w.env.clock.Advance(72 * time.Hour)
	if n := concurrently(); n != posts {
		t.Errorf("expired = %d, want %d", n, posts)
	}
	if n := w.env.count(t, `SELECT count(*) FROM posts WHERE status = 'expired'`); n != posts {
		t.Errorf("%d expired posts, want %d", n, posts)
	}
}

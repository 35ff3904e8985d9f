package api_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/noaber/noaber/internal/exchanges"
)

// checkJob is the exchange check job on env's database and clock.
func (env testEnv) checkJob() *exchanges.Jobs {
	return exchanges.NewJobs(exchanges.New(env.db, env.clock.Now))
}

func TestExchangeCheckJob(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	ctx := context.Background()
	job := w.env.checkJob()
	run := func(want int) {
		t.Helper()
		n, err := job.RunOnce(ctx)
		if err != nil || n != want {
			t.Fatalf("RunOnce = %d, %v; want %d", n, err, want)
		}
	}
	checks := func(x exchangeView) int {
		return w.env.notifications(t, x.Helper.ID, "exchange_check", x.ID) + w.env.notifications(t, x.Receiver.ID, "exchange_check", x.ID)
	}

	withMoment := w.env.newPost(t, w.author, "request", "once")
	w.env.exec(t, `UPDATE posts SET moment_at = $2 WHERE id = $1`, withMoment, w.env.clock.Now().Add(24*time.Hour))
	soon := w.accept(t, w.author, w.respond(t, w.responder, withMoment).ID)
	later := w.agreed(t, w.author, w.responder, "offer", "weekly") // no moment: 3 days
	called := w.agreed(t, w.author, w.third, "request", "once")
	decode[exchangeView](t, w.env.call(t, "POST", "/api/v1/exchanges/"+called.ID+"/cancellation", w.author.Token, nil), http.StatusOK)

	run(0)
	w.env.clock.Advance(26*time.Hour - time.Second)
	run(0)
	w.env.clock.Advance(time.Second)
	run(1)
	if checks(soon) != 2 || checks(later) != 0 {
		t.Errorf("after the moment: soon %d, later %d notifications", checks(soon), checks(later))
	}
	run(0)
	w.env.clock.Advance(72 * time.Hour)
	run(1)
	if checks(soon) != 2 || checks(later) != 2 || checks(called) != 0 {
		t.Errorf("after 3 days: soon %d, later %d, cancelled %d", checks(soon), checks(later), checks(called))
	}
	if n := w.env.count(t, `SELECT count(*) FROM exchanges WHERE checked_at IS NOT NULL`); n != 2 {
		t.Errorf("checked exchanges = %d, want 2", n)
	}
}

// TestExchangeCheckJobConcurrent: two instances running at once ask about
// each exchange exactly once.
func TestExchangeCheckJobConcurrent(t *testing.T) {
	t.Parallel()
	w := newExchangeWorld(t)
	const n = 12
	var due []exchangeView
	for i := 0; i < n; i++ {
		due = append(due, w.agreed(t, w.author, w.responder, "offer", "regularly"))
	}
	w.env.clock.Advance(73 * time.Hour)
	jobs := []*exchanges.Jobs{w.env.checkJob(), w.env.checkJob()}
	counts := make([]int, len(jobs))
	var wg sync.WaitGroup
	for i, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var err error
			if counts[i], err = j.RunOnce(context.Background()); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if counts[0]+counts[1] != n {
		t.Errorf("runs asked about %v exchanges, want %d in all", counts, n)
	}
	for _, x := range due {
		if got := w.env.notifications(t, w.author.ID, "exchange_check", x.ID); got != 1 {
			t.Errorf("exchange %s: %d checks to the author, want 1", x.ID, got)
		}
	}
	if got := w.env.count(t, `SELECT count(*) FROM notifications WHERE type = 'exchange_check'`); got != 2*n {
		t.Errorf("exchange_check notifications = %d, want %d", got, 2*n)
	}
}

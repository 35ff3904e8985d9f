package notify

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/domain"
	"github.com/noaber/noaber/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

var quietLog = slog.New(slog.NewTextHandler(io.Discard, nil))

// noon is outside the default quiet hours.
var noon = time.Date(2026, 11, 23, 11, 0, 0, 0, time.UTC)

var seq atomic.Int64

// newSubscriber makes a user with n push subscriptions.
func newSubscriber(t testing.TB, db *sqlx.DB, n int) string {
	t.Helper()
	var id string
	k := seq.Add(1)
	if err := db.Get(&id, `INSERT INTO users (email, display_name) VALUES ($1, 'Buur') RETURNING id`,
		fmt.Sprintf("u%d@example.nl", k)); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if _, err := db.Exec(`INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth) VALUES ($1, $2, 'k', 'a')`,
			id, fmt.Sprintf("https://127.0.0.1/push/%d-%d", k, i)); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

func enqueue(t *testing.T, db *sqlx.DB, now time.Time, n Notification) {
	t.Helper()
	if err := database.WithTx(context.Background(), db, func(tx *sqlx.Tx) error {
		return Enqueue(context.Background(), tx, now, n)
	}); err != nil {
		t.Fatal(err)
	}
}

// countingDispatcher records every send instead of pushing.
func countingDispatcher(db *sqlx.DB, now func() time.Time, status int) (*Dispatcher, *sync.Map) {
	sent := &sync.Map{}
	d := NewDispatcher(db, VAPID{}, DispatcherConfig{Workers: 4}, quietLog, now)
	d.push = func(_ context.Context, job delivery, _ time.Time) (int, map[string][]string, error) {
		if prev, loaded := sent.LoadOrStore(job.ID, 1); loaded {
			sent.Store(job.ID, prev.(int)+1)
		}
		return status, nil, nil
	}
	return d, sent
}

func count(t *testing.T, db *sqlx.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.Get(&n, query, args...); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRolledBackEventSendsNothing(t *testing.T) {
	t.Parallel()
	db := pgtest.New(t)
	user := newSubscriber(t, db, 1)
	err := database.WithTx(context.Background(), db, func(tx *sqlx.Tx) error {
		if err := Enqueue(context.Background(), tx, noon, Notification{UserID: user, Type: MessageNew, SubjectID: "c1"}); err != nil {
			return err
		}
		return fmt.Errorf("the event failed")
	})
	if err == nil {
		t.Fatal("expected the transaction to fail")
	}
	if n := count(t, db, `SELECT count(*) FROM notifications`) + count(t, db, `SELECT count(*) FROM push_outbox`); n != 0 {
		t.Errorf("%d rows after rollback", n)
	}
	d, sent := countingDispatcher(db, func() time.Time { return noon }, 201)
	if n, _ := d.RunOnce(context.Background()); n != 0 {
		t.Errorf("dispatched %d", n)
	}
	sent.Range(func(any, any) bool { t.Error("sent something"); return false })
}

// TestTwoDispatchersDeliverEachRowOnce runs two dispatchers (two instances
// of Noaber) over the same outbox at the same time.
func TestTwoDispatchersDeliverEachRowOnce(t *testing.T) {
	t.Parallel()
	db := pgtest.New(t)
	for range 20 {
		user := newSubscriber(t, db, 3)
		for range 5 {
			enqueue(t, db, noon, Notification{UserID: user, Type: MessageNew, SubjectID: "c"})
		}
	}
	now := func() time.Time { return noon }
	a, sentA := countingDispatcher(db, now, 201)
	b, sentB := countingDispatcher(db, now, 201)
	var wg sync.WaitGroup
	for _, d := range []*Dispatcher{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				if n, err := d.RunOnce(context.Background()); err != nil || n == 0 {
					return
				}
			}
		}()
	}
	wg.Wait()
	total := 0
	for _, sent := range []*sync.Map{sentA, sentB} {
		sent.Range(func(id, times any) bool {
			total++
			if times.(int) != 1 {
				t.Errorf("row %v sent %d times", id, times)
			}
			if _, both := sentA.Load(id); both && sent == sentB {
				t.Errorf("row %v sent by both dispatchers", id)
			}
			return true
		})
	}
	if total != 300 {
		t.Errorf("%d rows sent, want 300", total)
	}
	if n := count(t, db, `SELECT count(*) FROM push_outbox WHERE sent_at IS NULL`); n != 0 {
		t.Errorf("%d rows not marked sent", n)
	}
}

func TestCrashAfterClaimIsRetriedAfterTheLease(t *testing.T) {
	t.Parallel()
	db := pgtest.New(t)
	user := newSubscriber(t, db, 1)
	enqueue(t, db, noon, Notification{UserID: user, Type: MessageNew, SubjectID: "c"})
	clock := noon
	d, sent := countingDispatcher(db, func() time.Time { return clock }, 201)
	// A worker claims the row and dies before sending.
	if claimed, err := d.outbox.claim(context.Background(), clock, d.lease(), 10); err != nil || len(claimed) != 1 {
		t.Fatalf("claim: %v %v", claimed, err)
	}
	if n, _ := d.RunOnce(context.Background()); n != 0 {
		t.Fatal("a leased row was claimed again before its lease ran out")
	}
	clock = clock.Add(d.lease() + time.Second)
	if n, _ := d.RunOnce(context.Background()); n != 1 {
		t.Fatal("the row was lost after the lease ran out")
	}
	if n := count(t, db, `SELECT count(*) FROM push_outbox WHERE sent_at IS NOT NULL AND attempts = 2`); n != 1 {
		t.Errorf("row not sent on the second attempt")
	}
	sent.Range(func(_, times any) bool {
		if times.(int) != 1 {
			t.Errorf("sent %d times", times)
		}
		return true
	})
}

func TestPreferencesQuietHoursAndCap(t *testing.T) {
	t.Parallel()
	db := pgtest.New(t)
	ctx := context.Background()
	user := newSubscriber(t, db, 1)
	p, err := GetPreferences(ctx, db, user)
	if err != nil || !p.Push[MessageNew] || p.QuietStart != "22:00" || p.SuggestionCap != 3 {
		t.Fatalf("defaults: %+v %v", p, err)
	}
	p.Push[ResponseNew] = false
	p.SuggestionCap = 2
	if err := PutPreferences(ctx, db, user, p); err != nil {
		t.Fatal(err)
	}
	enqueue(t, db, noon, Notification{UserID: user, Type: ResponseNew, SubjectID: "p"})
	for range 3 {
		enqueue(t, db, noon, Notification{UserID: user, Type: Suggestion, SubjectID: "p"})
	}
	night := time.Date(2026, 11, 23, 23, 30, 0, 0, amsterdam)
	enqueue(t, db, night, Notification{UserID: user, Type: MessageNew, SubjectID: "c"})
	enqueue(t, db, night, Notification{UserID: user, Type: SignalAssigned, SubjectID: "s", Urgent: true})

	if n := count(t, db, `SELECT count(*) FROM notifications WHERE user_id = $1`, user); n != 6 {
		t.Errorf("inbox has %d, want all 6", n)
	}
	pushed := count(t, db, `SELECT count(*) FROM push_outbox o JOIN notifications n ON n.id = o.notification_id WHERE n.type = $1`, "suggestion")
	if pushed != 2 {
		t.Errorf("%d suggestion pushes, want the cap of 2", pushed)
	}
	if n := count(t, db, `SELECT count(*) FROM push_outbox o JOIN notifications n ON n.id = o.notification_id WHERE n.type = 'response_new'`); n != 0 {
		t.Error("a muted type was pushed")
	}
	var deferred, urgent time.Time
	_ = db.Get(&deferred, `SELECT o.next_attempt_at FROM push_outbox o JOIN notifications n ON n.id = o.notification_id WHERE n.type = 'message_new'`)
	_ = db.Get(&urgent, `SELECT o.next_attempt_at FROM push_outbox o JOIN notifications n ON n.id = o.notification_id WHERE n.type = 'signal_assigned'`)
	if want := time.Date(2026, 11, 24, 8, 0, 0, 0, amsterdam); !deferred.Equal(want) {
		t.Errorf("message at night pushed at %v, want %v", deferred.In(amsterdam), want)
	}
	if !urgent.Equal(night) {
		t.Errorf("urgent signal pushed at %v, want at once", urgent.In(amsterdam))
	}
	bad := Preferences{Push: map[Type]bool{"spam": true}, QuietStart: "25:00", QuietEnd: "x", SuggestionCap: 99}
	var invalid *domain.InvalidError
	if err := PutPreferences(ctx, db, user, bad); !errors.As(err, &invalid) || len(invalid.Fields) != 4 {
		t.Errorf("bad preferences: %v, want 4 invalid fields", err)
	}
}

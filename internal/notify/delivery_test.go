package notify

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/notify/pushtest"
	"github.com/noaber/noaber/internal/pgtest"
)

// pushEnv is a database, a local push service that decrypts what it gets,
// and a dispatcher with a controllable clock pointed at it.
type pushEnv struct {
	db    *sqlx.DB
	push  *pushtest.Server
	subs  *Subscriptions
	vapid VAPID
	mu    sync.Mutex
	clock time.Time
	d     *Dispatcher
	dbURL string
}

func newPushEnv(t testing.TB, timeout time.Duration) *pushEnv {
	t.Helper()
	url := pgtest.NewURL(t)
	db, err := database.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	public, private, err := GenerateVAPID()
	if err != nil {
		t.Fatal(err)
	}
	e := &pushEnv{db: db, push: pushtest.NewServer(t), clock: noon, dbURL: url,
		vapid: VAPID{PublicKey: public, PrivateKey: private, Subject: "mailto:beheer@noaber.example.nl"}}
	e.push.VAPIDPublicKey(public)
	// The push service checks the VAPID JWT against the real time: webpush-go
	// stamps exp from time.Now, whatever our controlled clock says.
	e.subs = NewSubscriptions(db, DefaultPushHosts, true)
	e.d = NewDispatcher(db, e.vapid, DispatcherConfig{Workers: 4, Timeout: timeout,
		Transport: e.push.Client().Transport}, quietLog, e.now)
	return e
}

func (e *pushEnv) now() time.Time { e.mu.Lock(); defer e.mu.Unlock(); return e.clock }

func (e *pushEnv) advance(d time.Duration) { e.mu.Lock(); e.clock = e.clock.Add(d); e.mu.Unlock() }

// subscribed makes a user whose browser subscribed at the local push service.
func (e *pushEnv) subscribed(t testing.TB) (string, pushtest.Subscription) {
	t.Helper()
	user := newSubscriber(t, e.db, 0)
	sub := e.push.NewSubscription(t)
	if _, err := e.subs.Subscribe(context.Background(), user, Subscription{Endpoint: sub.Endpoint, P256dh: sub.P256dh, Auth: sub.Auth}); err != nil {
		t.Fatal(err)
	}
	return user, sub
}

func (e *pushEnv) runOnce(t *testing.T) int {
	t.Helper()
	n, err := e.d.RunOnce(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestPushArrivesEncryptedWithoutPersonalContent(t *testing.T) {
	t.Parallel()
	e := newPushEnv(t, 5*time.Second)
	user, sub := e.subscribed(t)
	enqueue(t, e.db, e.now(), Notification{UserID: user, Type: MessageNew, SubjectID: "conversation-7"})
	enqueue(t, e.db, e.now(), Notification{UserID: user, Type: SignalEscalated, SubjectID: "signal-3", Urgent: true})
	e.runOnce(t)
	msgs := e.push.Wait(t, sub, 2, 5*time.Second)
	byType := map[string]pushtest.Message{}
	for _, m := range msgs {
		var p payload
		if err := json.Unmarshal(m.Plaintext, &p); err != nil {
			t.Fatalf("plaintext %q: %v", m.Plaintext, err)
		}
		byType[string(p.Type)] = m
		if p.Title != "Noaber" || p.Body != p.Type.Text("nl") || p.ID == "" {
			t.Errorf("payload %+v", p)
		}
	}
	msg, sig := byType["message_new"], byType["signal_escalated"]
	var p payload
	_ = json.Unmarshal(msg.Plaintext, &p)
	if p.URL != "/gesprekken/conversation-7" || msg.Urgency != "normal" || msg.Topic != "message_new" ||
		msg.TTL <= 0 || msg.TTL > int((24*time.Hour).Seconds()) {
		t.Errorf("message push: url %s urgency %q topic %q ttl %d", p.URL, msg.Urgency, msg.Topic, msg.TTL)
	}
	if sig.Urgency != "high" {
		t.Errorf("signal push urgency %q, want high", sig.Urgency)
	}
	if msg.JWTClaims["sub"] != e.vapid.Subject || msg.JWTClaims["aud"] != e.push.Origin() {
		t.Errorf("VAPID claims %v", msg.JWTClaims)
	}
	if n := count(t, e.db, `SELECT count(*) FROM push_outbox WHERE sent_at IS NULL`); n != 0 {
		t.Errorf("%d rows not marked sent", n)
	}
}

func TestGoneSubscriptionIsDeleted(t *testing.T) {
	t.Parallel()
	e := newPushEnv(t, 5*time.Second)
	user, sub := e.subscribed(t)
	e.push.Respond(sub, pushtest.Status(http.StatusGone))
	enqueue(t, e.db, e.now(), Notification{UserID: user, Type: MessageNew, SubjectID: "c"})
	e.runOnce(t)
	if n := count(t, e.db, `SELECT count(*) FROM push_subscriptions`); n != 0 {
		t.Error("a 410 subscription was kept")
	}
	if n := count(t, e.db, `SELECT count(*) FROM notifications`); n != 1 {
		t.Error("the inbox lost the notification")
	}
}

func TestTooManyRequestsWaitsForRetryAfter(t *testing.T) {
	t.Parallel()
	e := newPushEnv(t, 5*time.Second)
	user, sub := e.subscribed(t)
	e.push.Respond(sub, pushtest.Status(http.StatusTooManyRequests).RetryAfter(30*time.Second))
	enqueue(t, e.db, e.now(), Notification{UserID: user, Type: MessageNew, SubjectID: "c"})
	e.runOnce(t)
	e.advance(29 * time.Second)
	if n := e.runOnce(t); n != 0 {
		t.Error("retried before Retry-After")
	}
	e.advance(2 * time.Second)
	e.runOnce(t)
	if got := len(e.push.Wait(t, sub, 1, 5*time.Second)); got != 1 || e.push.Requests(sub) != 2 {
		t.Errorf("%d delivered in %d requests, want 1 in 2", got, e.push.Requests(sub))
	}
}

func TestServerErrorsBackOffThenGiveUpAfterTTL(t *testing.T) {
	t.Parallel()
	e := newPushEnv(t, 5*time.Second)
	user, sub := e.subscribed(t)
	failures := make([]pushtest.Behaviour, 400)
	for i := range failures {
		failures[i] = pushtest.Status(http.StatusInternalServerError)
	}
	e.push.Respond(sub, failures...)
	enqueue(t, e.db, e.now(), Notification{UserID: user, Type: MessageNew, SubjectID: "c"}) // TTL 24 h
	var gaps []time.Duration
	for step := 0; step < 1000; step++ {
		if e.runOnce(t) == 0 {
			var next time.Time
			if err := e.db.Get(&next, `SELECT next_attempt_at FROM push_outbox WHERE gave_up_at IS NULL AND sent_at IS NULL`); err != nil {
				break // given up
			}
			gaps = append(gaps, next.Sub(e.now()))
			e.advance(next.Sub(e.now()) + time.Millisecond)
		}
	}
	if n := count(t, e.db, `SELECT count(*) FROM push_outbox WHERE gave_up_at IS NOT NULL AND last_status = 500`); n != 1 {
		t.Fatalf("the row was not given up after its TTL")
	}
	if len(gaps) < 5 || gaps[len(gaps)-1] <= gaps[0] {
		t.Errorf("no growing backoff: %v", gaps)
	}
	if e.now().Sub(noon) < 23*time.Hour {
		t.Errorf("gave up after %v, before the 24 h TTL", e.now().Sub(noon))
	}
	if reqs := e.push.Requests(sub); reqs < 5 || reqs > 400 {
		t.Errorf("%d attempts", reqs)
	}
}

func TestHangingEndpointTimesOut(t *testing.T) {
	t.Parallel()
	e := newPushEnv(t, 300*time.Millisecond)
	user, sub := e.subscribed(t)
	e.push.Respond(sub, pushtest.Hang())
	enqueue(t, e.db, e.now(), Notification{UserID: user, Type: MessageNew, SubjectID: "c"})
	start := time.Now()
	claimed := e.runOnce(t)
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("a hanging endpoint held the worker for %v", took)
	}
	if n := count(t, e.db, `SELECT count(*) FROM push_outbox WHERE next_attempt_at > $1 AND sent_at IS NULL AND gave_up_at IS NULL`, e.now()); n != 1 {
		// Say what happened instead, so that a failure explains itself.
		var rows []struct {
			Attempts   int        `db:"attempts"`
			LastStatus *int       `db:"last_status"`
			Next       time.Time  `db:"next_attempt_at"`
			SentAt     *time.Time `db:"sent_at"`
			GaveUpAt   *time.Time `db:"gave_up_at"`
		}
		_ = e.db.Select(&rows, `SELECT attempts, last_status, next_attempt_at, sent_at, gave_up_at FROM push_outbox`)
		t.Errorf("no retry scheduled after the timeout: claimed %d, clock %v, rows %+v, requests seen %d",
			claimed, e.now(), rows, e.push.Requests(sub))
	}
}

// TestRunWakesOnCommit runs the dispatcher loop with a poll far in the
// future: only the LISTEN/NOTIFY wake-up can deliver in time.
func TestRunWakesOnCommit(t *testing.T) {
	t.Parallel()
	e := newPushEnv(t, 5*time.Second)
	user, sub := e.subscribed(t)
	d := NewDispatcher(e.db, e.vapid, DispatcherConfig{Workers: 2, Poll: time.Hour, ListenURL: e.dbURL,
		Transport: e.push.Client().Transport}, quietLog, e.now)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.Run(ctx); close(done) }()
	time.Sleep(200 * time.Millisecond) // the first (empty) round and LISTEN
	enqueue(t, e.db, e.now(), Notification{UserID: user, Type: MessageNew, SubjectID: "c"})
	e.push.Wait(t, sub, 1, 3*time.Second)
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not stop")
	}
}

package signals_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/demo"
	"github.com/noaber/noaber/internal/notify"
	"github.com/noaber/noaber/internal/notify/pushtest"
	"github.com/noaber/noaber/internal/pgtest"
	"github.com/noaber/noaber/internal/signals"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// benchWorld is a database with the demo map, a key figure, a contact whose
// browser is subscribed at a local push service (which checks and decrypts),
// and the push dispatcher running as in production.
type benchWorld struct {
	db       *sqlx.DB
	url      string
	push     *pushtest.Server
	sub      pushtest.Subscription
	reporter string
	contact  string
	stopPush context.CancelFunc
}

func newBenchWorld(b *testing.B) *benchWorld {
	b.Helper()
	ctx := context.Background()
	w := &benchWorld{url: pgtest.NewURL(b), push: pushtest.NewServer(b)}
	db, err := database.Open(ctx, w.url)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	w.db = db
	if _, err := demo.SeedAreas(ctx, db); err != nil {
		b.Fatal(err)
	}
	w.reporter = insertUser(b, db, "keyfigure", "BU99990101")
	w.contact = insertUser(b, db, "contact", "")
	team := ""
	if err := db.Get(&team, `INSERT INTO area_teams (name) VALUES ('Bench') RETURNING id`); err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO area_team_neighbourhoods (neighbourhood_code, team_id, contact_id) VALUES ('BU99990101', $1, $2)`,
		team, w.contact); err != nil {
		b.Fatal(err)
	}
	// No quiet hours: the measurement must not depend on the time of day.
	if err := notify.PutPreferences(ctx, db, w.contact, notify.Preferences{Push: map[notify.Type]bool{},
		QuietStart: "00:00", QuietEnd: "00:00", SuggestionCap: 3}); err != nil {
		b.Fatal(err)
	}
	w.sub = w.push.NewSubscription(b)
	subs := notify.NewSubscriptions(db, notify.DefaultPushHosts, true)
	if _, err := subs.Subscribe(ctx, w.contact, notify.Subscription{Endpoint: w.sub.Endpoint, P256dh: w.sub.P256dh, Auth: w.sub.Auth}); err != nil {
		b.Fatal(err)
	}
	public, private, _ := notify.GenerateVAPID()
	w.push.VAPIDPublicKey(public)
	d := notify.NewDispatcher(db, notify.VAPID{PublicKey: public, PrivateKey: private, Subject: "mailto:beheer@noaber.example.nl"},
		notify.DispatcherConfig{Workers: 8, ListenURL: w.url, Transport: w.push.Client().Transport}, quiet, time.Now)
	pushCtx, stop := context.WithCancel(ctx)
	w.stopPush = stop
	done := make(chan struct{})
	go func() { d.Run(pushCtx); close(done) }()
	b.Cleanup(func() { stop(); <-done })
	time.Sleep(200 * time.Millisecond) // LISTEN is in place
	return w
}

func insertUser(b *testing.B, db *sqlx.DB, role, neighbourhood string) string {
	b.Helper()
	var id string
	err := db.Get(&id, `INSERT INTO users (email, display_name, neighbourhood_code, totp_enabled_at)
		VALUES ($1, 'Bench', NULLIF($2, ''), now()) RETURNING id`, fmt.Sprintf("%s-%d@example.nl", role, time.Now().UnixNano()), neighbourhood)
	if err == nil {
		_, err = db.Exec(`INSERT INTO user_roles (user_id, role) VALUES ($1, $2)`, id, role)
	}
	if err != nil {
		b.Fatal(err)
	}
	return id
}

func percentile(sorted []time.Duration, p float64) time.Duration {
	return sorted[int(float64(len(sorted)-1)*p)]
}

// BenchmarkSignalToPush reports 1,000 signals one after another and measures
// from the report until the contact's push has arrived, encrypted, at the
// local push service. Run with -benchtime=1x.
func BenchmarkSignalToPush(b *testing.B) {
	w := newBenchWorld(b)
	cfg := signals.DefaultConfig()
	cfg.DailyLimit = 100000
	s := signals.New(w.db, cfg, time.Now)
	knows := true
	report := signals.Report{NeighbourhoodID: "BU99990101", Identification: "Mevrouw J., Kerkstraat",
		LifeDomains: []string{"ontmoeten"}, Urgency: signals.Normal, Description: "Ze komt al weken niet meer buiten.",
		PersonKnows: &knows, CallbackPhone: "0612345678"}
	const n = 1000
	latencies := make([]time.Duration, 0, n)
	b.ResetTimer()
	for i := range n {
		start := time.Now()
		if _, err := s.Report(context.Background(), w.reporter, report); err != nil {
			b.Fatal(err)
		}
		msgs := w.push.Wait(b, w.sub, i+1, 10*time.Second)
		latencies = append(latencies, msgs[i].ReceivedAt.Sub(start))
	}
	b.StopTimer()
	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
	b.ReportMetric(float64(percentile(latencies, 0.5).Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(percentile(latencies, 0.99).Microseconds())/1000, "p99-ms")
}

// BenchmarkEscalationLateness gives 60 urgent signals deadlines spread over
// 12 seconds, runs the scheduler at its default interval, and measures how
// long after its deadline each one first escalated (to the backup). Run with -benchtime=1x.
func BenchmarkEscalationLateness(b *testing.B) {
	w := newBenchWorld(b)
	backup := insertUser(b, w.db, "contact", "")
	if _, err := w.db.Exec(`UPDATE area_team_neighbourhoods SET backup_id = $1`, backup); err != nil {
		b.Fatal(err)
	}
	cfg := signals.DefaultConfig()
	cfg.DailyLimit = 100000
	cfg.Deadlines[signals.Urgent] = signals.Term{Clock: 2 * time.Second}
	s := signals.New(w.db, cfg, time.Now)
	knows := false
	report := signals.Report{NeighbourhoodID: "BU99990101", Identification: "Meneer K.", LifeDomains: []string{"zorgen"},
		Urgency: signals.Urgent, Description: "De mantelzorger is overbelast.", PersonKnows: &knows, CallbackPhone: "0612345678"}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { signals.NewScheduler(s, quiet).Run(ctx); close(done) }()
	b.ResetTimer()
	for range 60 {
		if _, err := s.Report(context.Background(), w.reporter, report); err != nil {
			b.Fatal(err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	time.Sleep(cfg.Interval + 3*time.Second)
	cancel()
	<-done
	b.StopTimer()
	var late []time.Duration
	err := w.db.Select(&late, `
		SELECT late FROM (
			SELECT DISTINCT ON (s.id) (extract(epoch FROM e.at - s.created_at) * 1e9)::bigint - 2000000000 AS late
			FROM signal_events e JOIN signals s ON s.id = e.signal_id
			WHERE e.kind = 'escalation' ORDER BY s.id, e.at) first
		ORDER BY late`)
	if err != nil || len(late) != 60 {
		b.Fatalf("%d escalations of 60 (%v)", len(late), err)
	}
	b.ReportMetric(percentile(late, 0.5).Seconds(), "p50-late-s")
	b.ReportMetric(percentile(late, 0.99).Seconds(), "p99-late-s")
}

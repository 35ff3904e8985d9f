package api_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/noaber/noaber/internal/signals"
)

// at is a time in Amsterdam.
func at(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, signals.Amsterdam)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestEscalationChain: received → (deadline) backup → (deadline)
// coordinator, each once, each with an urgent notification that passes
// quiet hours; an acknowledged signal does not escalate.
func TestEscalationChain(t *testing.T) {
	t.Parallel()
	w := newSignalWorld(t)
	env := w.env
	env.setClock(t, at(t, "2030-09-02 20:00")) // a Monday evening
	w.relogin(t, &w.owner, &w.contact, &w.coordinator)
	for _, u := range []testUser{w.contact, w.backup, w.coordinator} {
		env.exec(t, `INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth) VALUES ($1, $2, 'k', 'a')`,
			u.ID, "https://fcm.googleapis.com/fcm/send/"+u.ID)
	}
	r := w.report(t, w.owner, signalBody("urgent"))
	acked := w.report(t, w.owner, signalBody("urgent"))
	if want := at(t, "2030-09-03 00:00"); !r.Deadline.Equal(want) {
		t.Fatalf("deadline = %s, want %s", r.Deadline, want)
	}
	decode[caseView](t, w.move(t, w.contact, acked.ID, "acknowledged", nil), http.StatusOK)
	sched := env.scheduler()
	steps := []struct {
		advance  time.Duration
		changed  int
		level    int
		assignee string
	}{
		{3*time.Hour + 59*time.Minute, 0, 0, w.contact.ID},
		{time.Minute, 1, 1, w.backup.ID},         // 00:00: the backup, until 04:00
		{3 * time.Hour, 0, 1, w.backup.ID},       // 03:00
		{time.Hour, 1, 2, w.coordinator.ID},      // 04:00: the coordinator
		{24 * time.Hour, 0, 2, w.coordinator.ID}, // nobody after the coordinator
	}
	for i, s := range steps {
		env.clock.Advance(s.advance)
		n, err := sched.RunOnce(context.Background())
		if err != nil || n != s.changed {
			t.Fatalf("step %d: RunOnce = %d, %v; want %d", i, n, err, s.changed)
		}
		var got struct {
			Level    int    `db:"escalation_level"`
			Assignee string `db:"assignee_id"`
		}
		if err := env.db.GetContext(context.Background(), &got, `SELECT escalation_level, assignee_id FROM signals WHERE id = $1`, r.ID); err != nil {
			t.Fatal(err)
		}
		if got.Level != s.level || got.Assignee != s.assignee {
			t.Errorf("step %d: level %d assignee %s, want %d %s", i, got.Level, got.Assignee, s.level, s.assignee)
		}
	}
	for _, u := range []testUser{w.backup, w.coordinator} {
		// The push is due at once, in the middle of the night: urgent.
		n := env.count(t, `SELECT count(*) FROM notifications n JOIN push_outbox o ON o.notification_id = n.id
			WHERE n.user_id = $1 AND n.type = 'signal_escalated' AND n.subject_id = $2 AND o.next_attempt_at = n.created_at`, u.ID, r.ID)
		if n != 1 {
			t.Errorf("urgent escalation notifications for %s = %d, want 1", u.ID, n)
		}
	}
	if n := env.count(t, `SELECT count(*) FROM signal_events WHERE signal_id = $1 AND kind = 'escalation'`, r.ID); n != 2 {
		t.Errorf("escalation events = %d, want 2", n)
	}
	if n := env.count(t, `SELECT count(*) FROM signal_events WHERE signal_id = $1 AND kind = 'escalation'`, acked.ID); n != 0 {
		t.Errorf("the acknowledged signal escalated %d times", n)
	}
	// The contact's list shows the overdue signal first.
	w.relogin(t, &w.coordinator)
	list := decode[struct {
		Items []struct {
			ID      string
			Overdue bool
		}
	}](t, env.call(t, "GET", "/api/v1/signals", w.coordinator.Token, nil), http.StatusOK)
	if len(list.Items) != 2 || list.Items[0].ID != r.ID || !list.Items[0].Overdue || list.Items[1].Overdue {
		t.Errorf("list = %+v", list.Items)
	}
}

// TestTwoSchedulersEscalateOnce: two schedulers on the same database
// escalate each due signal exactly once.
func TestTwoSchedulersEscalateOnce(t *testing.T) {
	t.Parallel()
	w := newSignalWorld(t)
	const due = 40
	for i := 0; i < due; i++ {
		w.env.exec(t, `INSERT INTO signals (reporter_id, neighbourhood_code, identification, description, life_domains,
			urgency, person_knows, assignee_id, deadline, created_at)
			VALUES ($1, $2, 'x', 'Een beschrijving.', '{wonen}', 'urgent', true, $3, $4, $4)`,
			w.owner.ID, buCentrum, w.contact.ID, w.env.clock.Now().Add(-time.Minute))
	}
	var wg sync.WaitGroup
	counts := make([]int, 2)
	for i := range counts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := w.env.scheduler().RunOnce(context.Background())
			if err != nil {
				t.Error(err)
			}
			counts[i] = n
		}()
	}
	wg.Wait()
	if counts[0]+counts[1] != due {
		t.Errorf("escalated %v, want %d in all", counts, due)
	}
	if n := w.env.count(t, `SELECT count(*) FROM (SELECT signal_id FROM signal_events WHERE kind = 'escalation'
		GROUP BY signal_id HAVING count(*) = 1) once`); n != due {
		t.Errorf("%d signals escalated exactly once, want %d", n, due)
	}
	if n := w.env.count(t, `SELECT count(*) FROM notifications WHERE type = 'signal_escalated'`); n != due {
		t.Errorf("%d escalation notifications, want %d", n, due)
	}
}

// TestRetention: redaction after 180 days, deletion after 1826 days with
// the counts kept; a dry run changes nothing.
func TestRetention(t *testing.T) {
	t.Parallel()
	w := newSignalWorld(t)
	now := w.env.clock.Now()
	fresh := w.insertSignal(t, "resolved", 179*24*time.Hour)
	old := w.insertSignal(t, "referred", 181*24*time.Hour)
	ancient := w.insertSignal(t, "closed_no_action", 1827*24*time.Hour)
	open := w.insertSignal(t, "in_progress", 0)
	w.env.exec(t, `UPDATE signals SET callback_phone = '0612345678', created_at = $2, life_domains = '{wonen,zorgen}'
		WHERE id = $1`, ancient, time.Date(2021, 6, 15, 12, 0, 0, 0, time.UTC))
	w.env.exec(t, `UPDATE signals SET callback_phone = '0612345678' WHERE id = $1`, old)
	w.env.exec(t, `INSERT INTO signal_notes (signal_id, author_id, at, text) VALUES ($1, $2, $3, 'Geheim')`, old, w.contact.ID, now)
	s := signals.New(w.env.db, signals.DefaultConfig(), w.env.clock.Now)

	dry, err := s.Retain(context.Background(), true)
	if err != nil || dry.Redacted != 1 || dry.Deleted != 1 || !dry.DryRun {
		t.Fatalf("dry run = %+v, %v", dry, err)
	}
	if n := w.env.count(t, `SELECT count(*) FROM signals WHERE redacted_at IS NULL`); n != 4 {
		t.Fatalf("the dry run changed %d signals", 4-n)
	}
	done, err := s.Retain(context.Background(), false)
	if err != nil || done.Redacted != 1 || done.Deleted != 1 {
		t.Fatalf("retention = %+v, %v", done, err)
	}
	var red struct {
		Identification string  `db:"identification"`
		Description    string  `db:"description"`
		Phone          *string `db:"callback_phone"`
	}
	if err := w.env.db.GetContext(context.Background(), &red, `SELECT identification, description, callback_phone FROM signals WHERE id = $1`, old); err != nil {
		t.Fatal(err)
	}
	if red.Identification != signals.Redacted || red.Description != signals.Redacted || red.Phone != nil {
		t.Errorf("redacted: %+v", red)
	}
	if n := w.env.count(t, `SELECT count(*) FROM signal_notes WHERE signal_id = $1 AND text = 'Geheim'`, old); n != 0 {
		t.Error("notes were not redacted")
	}
	if n := w.env.count(t, `SELECT count(*) FROM signals WHERE id = ANY(ARRAY[$1, $2]::uuid[]) AND redacted_at IS NULL`, fresh, open); n != 2 {
		t.Error("a signal within its period was redacted")
	}
	if n := w.env.count(t, `SELECT count(*) FROM signals WHERE id = $1`, ancient) +
		w.env.count(t, `SELECT count(*) FROM signal_events WHERE signal_id = $1`, ancient); n != 0 {
		t.Error("the ancient signal was not deleted")
	}
	if n := w.env.count(t, `SELECT coalesce(sum(count), 0) FROM signal_counts WHERE month = '2021-06-01'
		AND neighbourhood_code = $1 AND urgency = 'normal' AND life_domain IN ('wonen', 'zorgen')`, buCentrum); n != 2 {
		t.Errorf("signal_counts hold %d, want 1 per life domain (2)", n)
	}
	if n := w.env.count(t, `SELECT count(*) FROM processing_log WHERE signal_id = $1 AND action = 'delete'`, ancient); n != 1 {
		t.Error("deletion not in the processing log")
	}
	again, err := s.Retain(context.Background(), false)
	if err != nil || again.Redacted != 0 || again.Deleted != 0 {
		t.Errorf("second run = %+v, %v", again, err)
	}
}

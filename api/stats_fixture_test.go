package api_test

import (
	"context"
	"testing"
	"time"

	"github.com/lib/pq"
)

// statsFixture writes an exact dataset with SQL, so that the monitor can be
// checked against answers worked out by hand. users are authors, responders
// and helpers (any accounts will do: only the ids matter).
type statsFixture struct {
	t     *testing.T
	env   testEnv
	users []string
}

func newStatsFixture(t *testing.T, w areaWorld) statsFixture {
	return statsFixture{t: t, env: w.env, users: []string{w.resident.ID, w.keyfigure.ID, w.residentX.ID,
		w.residentY.ID, w.contact.ID, w.admin.ID, w.brokerX.ID, w.brokerY.ID}}
}

// utcAt is a UTC time from RFC 3339.
func utcAt(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// post writes a post by users[author]; open posts expire 30 days from now,
// others 30 days after their creation.
func (f statsFixture) post(author int, kind, category, hood string, created time.Time, status string) string {
	f.t.Helper()
	expires := created.Add(30 * 24 * time.Hour)
	if status == "open" {
		expires = time.Now().Add(30 * 24 * time.Hour)
	}
	var id string
	if err := f.env.db.GetContext(context.Background(), &id, `
		INSERT INTO posts (author_id, kind, category_code, title, body, neighbourhood_code, status, expires_at,
		                   created_at, updated_at)
		VALUES ($1, $2, $3, 'Een testbericht', 'Tekst', $4, $5, $6, $7, $7) RETURNING id`,
		f.users[author], kind, category, hood, status, expires, created); err != nil {
		f.t.Fatalf("post: %v", err)
	}
	return id
}

// react opens a conversation of users[responder] on post (author users[0])
// at the given time.
func (f statsFixture) react(post string, responder int, when time.Time) string {
	f.t.Helper()
	var id string
	if err := f.env.db.GetContext(context.Background(), &id, `
		INSERT INTO conversations (post_id, author_id, responder_id, created_at, last_message_at)
		SELECT $1, author_id, $2, $3, $3 FROM posts WHERE id = $1 RETURNING id`,
		post, f.users[responder], when); err != nil {
		f.t.Fatalf("conversation: %v", err)
	}
	return id
}

// exchange agrees an exchange in conversation at when with the responder
// as helper; a completed one also gets its ledger entry at completed.
func (f statsFixture) exchange(conversation string, when time.Time, status string, completed time.Time) {
	f.t.Helper()
	var id string
	if err := f.env.db.GetContext(context.Background(), &id, `
		INSERT INTO exchanges (post_id, conversation_id, helper_id, receiver_id, category_code, single_occasion,
		                       status, check_at, created_at, updated_at)
		SELECT c.post_id, c.id, c.responder_id, c.author_id, p.category_code, false, $2, $3, $3, $3
		FROM conversations c JOIN posts p ON p.id = c.post_id WHERE c.id = $1 RETURNING id`,
		conversation, status, when); err != nil {
		f.t.Fatalf("exchange: %v", err)
	}
	if status != "completed" {
		return
	}
	f.env.exec(f.t, `
		INSERT INTO reciprocity_entries (exchange_id, giver_id, receiver_id, category_code, neighbourhood_code,
		                                 completed_at)
		SELECT x.id, x.helper_id, x.receiver_id, x.category_code, p.neighbourhood_code, $2
		FROM exchanges x JOIN posts p ON p.id = x.post_id WHERE x.id = $1`, id, completed)
}

// signal writes a signal reported at created with a deadline one day later,
// acknowledged after ack (nil: never).
func (f statsFixture) signal(hood, urgency string, domains []string, created time.Time, ack *time.Duration) {
	f.t.Helper()
	var acked *time.Time
	status := "received"
	if ack != nil {
		v := created.Add(*ack)
		acked, status = &v, "acknowledged"
	}
	f.env.exec(f.t, `
		INSERT INTO signals (reporter_id, neighbourhood_code, identification, description, life_domains, urgency,
		                     person_knows, status, deadline, created_at, acknowledged_at)
		VALUES ($1, $2, 'Meneer op nummer 3', 'Zorgen', $3, $4, true, $5, $6, $7, $8)`,
		f.users[1], hood, pq.Array(domains), urgency, status, created.Add(24*time.Hour), created, acked)
}

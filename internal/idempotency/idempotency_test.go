package idempotency_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/idempotency"
	"github.com/noaber/noaber/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func newStore(t *testing.T) (*idempotency.Store, *sqlx.DB, *clock, string) {
	t.Helper()
	db := pgtest.New(t)
	var userID string
	if err := db.Get(&userID, `INSERT INTO users (email, display_name) VALUES ('a@example.nl', 'A') RETURNING id`); err != nil {
		t.Fatal(err)
	}
	c := &clock{now: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)}
	return idempotency.New(db, c.Now), db, c, userID
}

func request(userID, key, body string) idempotency.Request {
	return idempotency.Request{UserID: userID, Key: key, Method: "POST", Path: "/api/v1/posts",
		Hash: idempotency.Fingerprint("POST", "/api/v1/posts", []byte(body))}
}

func begin(t *testing.T, s *idempotency.Store, r idempotency.Request) idempotency.Claim {
	t.Helper()
	c, err := s.Begin(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestStoreLifecycle(t *testing.T) {
	t.Parallel()
	s, _, _, user := newStore(t)
	ctx := context.Background()
	r := request(user, "k1", `{"a":1}`)
	if c := begin(t, s, r); c.State != idempotency.Started {
		t.Fatalf("first Begin = %v, want Started", c.State)
	}
	if c := begin(t, s, r); c.State != idempotency.InFlight {
		t.Fatalf("second Begin while running = %v, want InFlight", c.State)
	}
	if c := begin(t, s, request(user, "k1", `{"a":2}`)); c.State != idempotency.Mismatch {
		t.Fatalf("other body = %v, want Mismatch", c.State)
	}
	want := idempotency.Response{Status: 201, ContentType: "application/json", Location: "/api/v1/posts/1", Body: []byte(`{"id":"1"}`)}
	if err := s.Complete(ctx, r, want); err != nil {
		t.Fatal(err)
	}
	c := begin(t, s, r)
	if c.State != idempotency.Replay || c.Response.Status != 201 || string(c.Response.Body) != `{"id":"1"}` ||
		c.Response.Location != want.Location || c.Response.ContentType != want.ContentType {
		t.Fatalf("after Complete: %+v", c)
	}
	// Release never removes a finished answer.
	if err := s.Release(ctx, r); err != nil {
		t.Fatal(err)
	}
	if c := begin(t, s, r); c.State != idempotency.Replay {
		t.Fatalf("after Release of a finished key: %v, want Replay", c.State)
	}
}

func TestStoreReleaseLetsARetryRun(t *testing.T) {
	t.Parallel()
	s, _, _, user := newStore(t)
	r := request(user, "k2", `{}`)
	begin(t, s, r)
	if err := s.Release(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if c := begin(t, s, r); c.State != idempotency.Started {
		t.Fatalf("after Release: %v, want Started", c.State)
	}
}

// TestStoreConcurrentBegin: of many simultaneous first uses on separate
// connections, exactly one may run.
func TestStoreConcurrentBegin(t *testing.T) {
	t.Parallel()
	s, _, _, user := newStore(t)
	r := request(user, "k3", `{}`)
	const n = 8
	states := make(chan idempotency.State, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := s.Begin(context.Background(), r)
			if err != nil {
				t.Error(err)
			}
			states <- c.State
		}()
	}
	wg.Wait()
	close(states)
	count := map[idempotency.State]int{}
	for st := range states {
		count[st]++
	}
	if count[idempotency.Started] != 1 || count[idempotency.InFlight] != n-1 {
		t.Errorf("states = %v, want 1 Started and %d InFlight", count, n-1)
	}
}

func TestStoreExpiryAndPurge(t *testing.T) {
	t.Parallel()
	s, db, clk, user := newStore(t)
	ctx := context.Background()
	old := request(user, "oud", `{}`)
	begin(t, s, old)
	if err := s.Complete(ctx, old, idempotency.Response{Status: 201, Body: []byte(`{}`)}); err != nil {
		t.Fatal(err)
	}
	begin(t, s, request(user, "ook-oud", `{}`))
	clk.advance(idempotency.TTL - time.Second)
	if c := begin(t, s, request(user, "oud", `{"x":1}`)); c.State != idempotency.Mismatch {
		t.Fatalf("just before expiry: %v, want Mismatch", c.State)
	}
	clk.advance(2 * time.Second)
	// Expired counts as absent, even for another body.
	if c := begin(t, s, request(user, "oud", `{"x":1}`)); c.State != idempotency.Started {
		t.Fatalf("after expiry: %v, want Started", c.State)
	}
	n, err := s.Purge(ctx)
	if err != nil || n != 1 {
		t.Fatalf("Purge = %d, %v; want 1 (ook-oud)", n, err)
	}
	var left int
	if err := db.Get(&left, `SELECT count(*) FROM idempotency_keys`); err != nil || left != 1 {
		t.Errorf("%d keys left (%v), want 1", left, err)
	}
}

// TestStoreStaleClaimIsTakenOver: a request that never finished (its
// process died) does not block its key for a whole day.
func TestStoreStaleClaimIsTakenOver(t *testing.T) {
	t.Parallel()
	s, _, clk, user := newStore(t)
	r := request(user, "k4", `{}`)
	begin(t, s, r)
	clk.advance(time.Minute)
	if c := begin(t, s, r); c.State != idempotency.InFlight {
		t.Fatalf("after a minute: %v, want InFlight", c.State)
	}
	clk.advance(10 * time.Minute)
	if c := begin(t, s, r); c.State != idempotency.Started {
		t.Fatalf("after 11 minutes: %v, want Started", c.State)
	}
}

func TestStoreKeysPerAccount(t *testing.T) {
	t.Parallel()
	s, db, _, user := newStore(t)
	var other string
	if err := db.Get(&other, `INSERT INTO users (email, display_name) VALUES ('b@example.nl', 'B') RETURNING id`); err != nil {
		t.Fatal(err)
	}
	begin(t, s, request(user, "zelfde", `{"a":1}`))
	if c := begin(t, s, request(other, "zelfde", `{"a":2}`)); c.State != idempotency.Started {
		t.Fatalf("another account, same key: %v, want Started", c.State)
	}
}

func TestValidKey(t *testing.T) {
	t.Parallel()
	for key, want := range map[string]bool{
		"":                        false,
		"a":                       true,
		"0b9c8f1e-5d6a-4c3b-9e2f": true,
		"met spatie":              true,
		strings.Repeat("x", 255):  true,
		strings.Repeat("x", 256):  false,
		"tab\there":               false,
		"é":                       false,
		"nul\x00":                 false,
	} {
		if got := idempotency.ValidKey(key); got != want {
			t.Errorf("ValidKey(%q) = %v, want %v", key, got, want)
		}
	}
}

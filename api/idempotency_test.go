package api_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/noaber/noaber/internal/accounts"
	"github.com/noaber/noaber/internal/idempotency"
)

// idemWorld is a map with a key figure in Esch who reports signals: POST
// /signals is the creating endpoint the Idempotency-Key tests drive.
type idemWorld struct {
	env   testEnv
	owner testUser
}

func newIdemWorld(t *testing.T) idemWorld {
	t.Helper()
	env := newTestEnv(t)
	env.seedAreas(t)
	return idemWorld{env: env, owner: env.newUser(t, postcodeEsch, accounts.Resident, accounts.Keyfigure)}
}

// idemResponse is a response read whole.
type idemResponse struct {
	status int
	header http.Header
	body   []byte
}

// post sends POST /signals as u with key ("" for no header) and body.
func (w idemWorld) post(t *testing.T, u testUser, key string, body map[string]any) idemResponse {
	t.Helper()
	return readAll(t, do(t, w.env.app, w.request(t, u, key, body)))
}

func (w idemWorld) request(t *testing.T, u testUser, key string, body map[string]any) *http.Request {
	t.Helper()
	req := jsonRequest(t, "POST", "/api/v1/signals", u.Token, body)
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	return req
}

func readAll(t *testing.T, resp *http.Response) idemResponse {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return idemResponse{status: resp.StatusCode, header: resp.Header, body: b}
}

func (r idemResponse) problem(t *testing.T, status int) problemBody {
	t.Helper()
	return readProblem(t, &http.Response{StatusCode: r.status, Header: r.header, Body: io.NopCloser(bytes.NewReader(r.body))}, status)
}

func (w idemWorld) signals(t *testing.T) int {
	return w.env.count(t, `SELECT count(*) FROM signals`)
}

func TestIdempotencyKeyReplaysTheFirstResponse(t *testing.T) {
	t.Parallel()
	w := newIdemWorld(t)
	first := w.post(t, w.owner, "melding-1", signalBody("normal"))
	if first.status != http.StatusCreated || first.header.Get("Idempotency-Replayed") != "" {
		t.Fatalf("first: status %d, replayed %q", first.status, first.header.Get("Idempotency-Replayed"))
	}
	again := w.post(t, w.owner, "melding-1", signalBody("normal"))
	if again.status != http.StatusCreated || !bytes.Equal(again.body, first.body) {
		t.Fatalf("replay: status %d, body %s; want 201 and %s", again.status, again.body, first.body)
	}
	if again.header.Get("Idempotency-Replayed") != "true" {
		t.Error("replay lacks Idempotency-Replayed: true")
	}
	for _, h := range []string{"Location", "Content-Type"} {
		if again.header.Get(h) == "" || again.header.Get(h) != first.header.Get(h) {
			t.Errorf("replayed %s = %q, first %q", h, again.header.Get(h), first.header.Get(h))
		}
	}
	if again.header.Get("API-Version") == "" || again.header.Get("Cache-Control") != "no-store" {
		t.Error("replay lacks the common headers")
	}
	if n := w.signals(t); n != 1 {
		t.Errorf("%d signals after a replay, want 1", n)
	}
	// Without a key nothing is remembered: a second request creates again.
	w.post(t, w.owner, "", signalBody("normal"))
	w.post(t, w.owner, "", signalBody("normal"))
	if n := w.signals(t); n != 3 {
		t.Errorf("%d signals, want 3", n)
	}
}

func TestIdempotencyKeyWithAnotherBodyIs422(t *testing.T) {
	t.Parallel()
	w := newIdemWorld(t)
	if r := w.post(t, w.owner, "melding-2", signalBody("normal")); r.status != http.StatusCreated {
		t.Fatalf("first: %d", r.status)
	}
	p := w.post(t, w.owner, "melding-2", signalBody("worried")).problem(t, http.StatusUnprocessableEntity)
	if len(p.InvalidParams) != 1 || p.InvalidParams[0].Name != "Idempotency-Key" {
		t.Errorf("invalidParams = %+v, want Idempotency-Key", p.InvalidParams)
	}
	if n := w.signals(t); n != 1 {
		t.Errorf("%d signals, want 1", n)
	}
}

// TestIdempotencyKeyInFlightIs409 holds the first request inside its
// handler with a table lock that blocks its INSERT, sends the duplicate,
// then lets the first one finish.
func TestIdempotencyKeyInFlightIs409(t *testing.T) {
	t.Parallel()
	w := newIdemWorld(t)
	unlock := w.lockSignals(t)
	first := make(chan idemResponse, 1)
	req := w.request(t, w.owner, "melding-3", signalBody("normal"))
	go func() {
		resp, err := w.env.app.Test(req, -1)
		if err != nil {
			first <- idemResponse{}
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		first <- idemResponse{status: resp.StatusCode, header: resp.Header, body: b}
	}()
	w.waitForLockWait(t)
	w.post(t, w.owner, "melding-3", signalBody("normal")).problem(t, http.StatusConflict)
	unlock(true)
	got := <-first
	if got.status != http.StatusCreated {
		t.Fatalf("first request: status %d", got.status)
	}
	again := w.post(t, w.owner, "melding-3", signalBody("normal"))
	if again.status != http.StatusCreated || !bytes.Equal(again.body, got.body) {
		t.Errorf("after the first finished: %d %s, want the first response", again.status, again.body)
	}
	if n := w.signals(t); n != 1 {
		t.Errorf("%d signals, want 1", n)
	}
}

// TestIdempotencyKeyServerErrorIsNotStored makes the first attempt fail
// with a 500 (its statement is cancelled while it waits on a lock); the
// retry with the same key then creates the signal.
func TestIdempotencyKeyServerErrorIsNotStored(t *testing.T) {
	t.Parallel()
	w := newIdemWorld(t)
	unlock := w.lockSignals(t)
	first := make(chan int, 1)
	req := w.request(t, w.owner, "melding-4", signalBody("normal"))
	go func() {
		resp, err := w.env.app.Test(req, -1)
		if err != nil {
			first <- 0
			return
		}
		resp.Body.Close()
		first <- resp.StatusCode
	}()
	w.waitForLockWait(t)
	w.env.exec(t, `SELECT pg_cancel_backend(pid) FROM pg_stat_activity
		WHERE datname = current_database() AND wait_event_type = 'Lock'`)
	if status := <-first; status != http.StatusInternalServerError {
		t.Fatalf("cancelled request: status %d, want 500", status)
	}
	unlock(false)
	if n := w.env.count(t, `SELECT count(*) FROM idempotency_keys`); n != 0 {
		t.Errorf("%d keys kept after a 500, want 0", n)
	}
	retry := w.post(t, w.owner, "melding-4", signalBody("normal"))
	if retry.status != http.StatusCreated || retry.header.Get("Idempotency-Replayed") != "" {
		t.Fatalf("retry: status %d, replayed %q; want a fresh 201", retry.status, retry.header.Get("Idempotency-Replayed"))
	}
	if n := w.signals(t); n != 1 {
		t.Errorf("%d signals, want 1", n)
	}
}

// TestIdempotencyKeyStoresOnlyFinalAnswers: a 4xx such as invalid input is
// replayed, but 429 may change and is not kept.
func TestIdempotencyKeyStoresOnlyFinalAnswers(t *testing.T) {
	t.Parallel()
	w := newIdemWorld(t)
	bad := signalBody("normal")
	bad["urgency"] = "whenever"
	w.post(t, w.owner, "onjuist", bad).problem(t, http.StatusBadRequest)
	again := w.post(t, w.owner, "onjuist", bad)
	again.problem(t, http.StatusBadRequest)
	if again.header.Get("Idempotency-Replayed") != "true" {
		t.Error("a 400 is not replayed")
	}
	for i := 0; i < 10; i++ { // the daily limit of the default configuration
		w.post(t, w.owner, "", signalBody("normal"))
	}
	w.post(t, w.owner, "te-veel", signalBody("normal")).problem(t, http.StatusTooManyRequests)
	if n := w.env.count(t, `SELECT count(*) FROM idempotency_keys WHERE key = 'te-veel'`); n != 0 {
		t.Errorf("a 429 was stored")
	}
}

func TestIdempotencyKeyExpiresAfter24Hours(t *testing.T) {
	t.Parallel()
	w := newIdemWorld(t)
	if r := w.post(t, w.owner, "melding-5", signalBody("normal")); r.status != http.StatusCreated {
		t.Fatalf("first: %d", r.status)
	}
	w.env.clock.Advance(idempotency.TTL + time.Minute)
	w.owner.Token = w.env.login(t, w.owner)
	// Expired counts as absent: another body under the old key is new.
	if r := w.post(t, w.owner, "melding-5", signalBody("worried")); r.status != http.StatusCreated ||
		r.header.Get("Idempotency-Replayed") != "" {
		t.Fatalf("after expiry: status %d, replayed %q; want a fresh 201", r.status, r.header.Get("Idempotency-Replayed"))
	}
	if n := w.signals(t); n != 2 {
		t.Errorf("%d signals, want 2", n)
	}
	w.post(t, w.owner, "melding-6", signalBody("normal"))
	w.env.clock.Advance(idempotency.TTL + time.Minute)
	store := idempotency.New(w.env.db, w.env.clock.Now)
	if n, err := store.RunOnce(context.Background()); err != nil || n != 2 {
		t.Errorf("purged %d (%v), want 2", n, err)
	}
	if n := w.env.count(t, `SELECT count(*) FROM idempotency_keys`); n != 0 {
		t.Errorf("%d keys left after the purge", n)
	}
}

func TestIdempotencyKeyBelongsToOneAccount(t *testing.T) {
	t.Parallel()
	w := newIdemWorld(t)
	other := w.env.newUser(t, postcodeCentrum, accounts.Resident, accounts.Keyfigure)
	a := w.post(t, w.owner, "dezelfde-sleutel", signalBody("normal"))
	b := w.post(t, other, "dezelfde-sleutel", signalBody("normal"))
	if a.status != http.StatusCreated || b.status != http.StatusCreated || bytes.Equal(a.body, b.body) ||
		b.header.Get("Idempotency-Replayed") != "" {
		t.Fatalf("two accounts, one key: %d and %d, replayed %q; want two signals",
			a.status, b.status, b.header.Get("Idempotency-Replayed"))
	}
	if n := w.signals(t); n != 2 {
		t.Errorf("%d signals, want 2", n)
	}
}

func TestInvalidIdempotencyKeyIs400(t *testing.T) {
	t.Parallel()
	w := newIdemWorld(t)
	for name, key := range map[string]string{
		"empty":      "",
		"too long":   strings.Repeat("k", 256),
		"control":    "sleutel\x01",
		"not ASCII":  "sleutel-é",
		"only space": "   ",
	} {
		t.Run(name, func(t *testing.T) {
			req := jsonRequest(t, "POST", "/api/v1/signals", w.owner.Token, signalBody("normal"))
			req.Header["Idempotency-Key"] = []string{key}
			names := invalidNames(t, do(t, w.env.app, req))
			if !names["Idempotency-Key"] {
				t.Errorf("invalidParams = %v, want Idempotency-Key", names)
			}
		})
	}
	if r := w.post(t, w.owner, strings.Repeat("k", 255), signalBody("normal")); r.status != http.StatusCreated {
		t.Errorf("255 characters: status %d, want 201", r.status)
	}
	if n := w.signals(t); n != 1 {
		t.Errorf("%d signals, want 1", n)
	}
}

// lockSignals takes a lock that lets reads through but blocks every INSERT
// into signals until unlock (commit or not, the lock goes).
func (w idemWorld) lockSignals(t *testing.T) (unlock func(commit bool)) {
	t.Helper()
	tx, err := w.env.db.BeginTxx(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`LOCK TABLE signals IN SHARE MODE`); err != nil {
		t.Fatal(err)
	}
	done := false
	unlock = func(commit bool) {
		if done {
			return
		}
		done = true
		if commit {
			_ = tx.Commit()
		} else {
			_ = tx.Rollback()
		}
	}
	t.Cleanup(func() { unlock(false) })
	return unlock
}

// waitForLockWait waits until a request of this test's database waits for
// a lock.
func (w idemWorld) waitForLockWait(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if w.env.count(t, `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock'`) > 0 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("no request waits for the lock")
}

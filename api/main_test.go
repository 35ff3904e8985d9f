package api_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/jmoiron/sqlx"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/noaber/noaber/api"
	"github.com/noaber/noaber/internal/accounts"
	"github.com/noaber/noaber/internal/broker"
	"github.com/noaber/noaber/internal/exchanges"
	"github.com/noaber/noaber/internal/facilities"
	"github.com/noaber/noaber/internal/idempotency"
	"github.com/noaber/noaber/internal/market"
	"github.com/noaber/noaber/internal/moderation"
	"github.com/noaber/noaber/internal/notify"
	"github.com/noaber/noaber/internal/pgtest"
	"github.com/noaber/noaber/internal/signals"
	"github.com/noaber/noaber/internal/stats"
	"github.com/noaber/noaber/internal/suggest"
	"github.com/noaber/noaber/internal/throttle"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

const (
	testOrigin    = "https://noaber.example.nl"
	testBodyLimit = 4096
)

// testWebapp stands in for the built PWA.
var testWebapp = fstest.MapFS{
	"index.html":           {Data: []byte("<!doctype html><title>Noaber</title>")},
	"assets/app-1a2b3c.js": {Data: []byte("console.log('noaber')")},
	"manifest.webmanifest": {Data: []byte(`{"name":"Noaber"}`)},
	"sw.js":                {Data: []byte("self.addEventListener('fetch', () => {})")},
}

type testEnv struct {
	app      *fiber.App
	db       *sqlx.DB
	accounts *accounts.Accounts
	clock    *testClock
}

// testClock is a controllable clock shared by the domains under test.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func newTestEnv(t *testing.T) testEnv {
	t.Helper()
	db := pgtest.New(t)
	clock := &testClock{now: time.Now().UTC().Truncate(time.Second)}
	accts := newAccounts(t, db, clock.Now)
	return testEnv{app: newAppWith(t, db, accts, clock.Now), db: db, accounts: accts, clock: clock}
}

// testVAPIDPublic is the public VAPID key the test server hands out.
const testVAPIDPublic = "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"

// testIssuer is the "iss" of access tokens in tests.
const testIssuer = "https://noaber.example.nl"

var testSigningKey = sync.OnceValue(func() accounts.SigningKey {
	_, private, _ := ed25519.GenerateKey(rand.Reader)
	return accounts.NewSigningKey(private)
})

func newAccounts(t *testing.T, db *sqlx.DB, now func() time.Time) *accounts.Accounts {
	t.Helper()
	tokens, err := accounts.NewTokens(testIssuer, []accounts.SigningKey{testSigningKey()}, now)
	if err != nil {
		t.Fatal(err)
	}
	accts, err := accounts.New(context.Background(), db, tokens, now)
	if err != nil {
		t.Fatal(err)
	}
	return accts
}

func newApp(t *testing.T, db *sqlx.DB) *fiber.App {
	t.Helper()
	return newAppWith(t, db, newAccounts(t, db, time.Now), time.Now)
}

func newAppWith(t *testing.T, db *sqlx.DB, accts *accounts.Accounts, now func() time.Time) *fiber.App {
	t.Helper()
	app, err := api.New(api.Deps{
		Accounts:       accts,
		Limiter:        throttle.New(db, now),
		VAPIDPublicKey: testVAPIDPublic,
		Subscriptions:  notify.NewSubscriptions(db, notify.DefaultPushHosts, true),
		Inbox:          notify.NewInbox(db),
		Signals:        signals.New(db, signals.DefaultConfig(), now),
		Market:         market.New(db, now),
		Exchanges:      exchanges.New(db, now),
		Idempotency:    idempotency.New(db, now),
		Suggest:        suggest.New(db, now),
		Moderation:     moderation.New(db, now),
		Facilities:     facilities.New(db, now),
		Stats:          stats.New(db, now),
		Broker:         broker.New(db, suggest.New(db, now), now),
		Now:            now,
		DB:             db,
		Logger:         slog.New(slog.NewTextHandler(io.Discard, nil)),
		AllowedOrigins: []string{testOrigin},
		BodyLimit:      testBodyLimit,
		RequestTimeout: 5 * time.Second,
		Webapp:         testWebapp,
		Registry:       prometheus.NewRegistry(),
	})
	if err != nil {
		t.Fatalf("api.New: %v", err)
	}
	return app
}

// do sends a request through the real Fiber app without a network.
func do(t *testing.T, app *fiber.App, req *http.Request) *http.Response {
	t.Helper()
	resp, err := app.Test(req, -1)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func get(t *testing.T, app *fiber.App, path string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, path, nil)
	return do(t, app, req)
}

func request(method, path, contentType, body string) *http.Request {
	req, _ := http.NewRequest(method, path, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return req
}

type problemBody struct {
	Type          string `json:"type"`
	Title         string `json:"title"`
	Status        int    `json:"status"`
	Detail        string `json:"detail"`
	InvalidParams []struct {
		Name   string `json:"name"`
		Reason string `json:"reason"`
	} `json:"invalidParams"`
}

// readProblem checks that resp is a problem+json with the wanted status.
func readProblem(t *testing.T, resp *http.Response, status int) problemBody {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("status = %d, want %d", resp.StatusCode, status)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type = %q, want application/problem+json", ct)
	}
	var p problemBody
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
		t.Fatalf("decode problem: %v", err)
	}
	if p.Status != status || p.Title == "" || p.Detail == "" || p.Type == "" {
		t.Fatalf("incomplete problem: %+v", p)
	}
	return p
}

// Package pgtest gives every test its own migrated PostgreSQL database,
// cloned in milliseconds from a template on one server per test binary:
// a private, throwaway embeddedpg cluster on /dev/shm, or the server that
// NOABER_TEST_DATABASE_URL points at.
//
// Each test package that uses it calls Main from its TestMain:
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
//
//	func TestSomething(t *testing.T) {
//		t.Parallel()
//		db := pgtest.New(t)
//		…
//	}
package pgtest

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/database"
)

// EnvURL names the variable that points the tests at an existing server
// (a postgres:// URL of a role that may create databases) instead of a
// private one.
const EnvURL = "NOABER_TEST_DATABASE_URL"

// shared is the one server of this test binary. It is package state on
// purpose: New is called from many tests, and Main must find the same
// server to stop it.
var shared cluster

// Main runs the tests, then stops the server, removes its files (or, on a
// NOABER_TEST_DATABASE_URL server, drops the template) and exits with the
// tests' code. Without Main the server still stops when the binary exits,
// and a later run removes its directory.
func Main(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	code := m.Run()
	if err := shared.close(); err != nil {
		fmt.Fprintf(os.Stderr, "pgtest: clean up: %v\n", err)
	}
	return code
}

// testPoolSize is the pool of New: more than any test runs at once.
const testPoolSize = 32

// New returns a pool on a fresh, migrated database of the test's own,
// closed and dropped when the test ends.
func New(t testing.TB) *sqlx.DB {
	t.Helper()
	url := NewURL(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	db, err := database.Open(ctx, url)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	// Tests make more concurrent transactions than this machine has cores
	// on purpose (racing accepts, each waiting on a lock): the pool must
	// not be what makes them wait.
	database.SetPool(db, testPoolSize)
	// Registered after NewURL's drop, so it runs before it.
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// NewURL is New for code that opens its own pool (the server under test):
// it returns the URL of a fresh, migrated database, dropped when the test
// ends, even while connections remain.
func NewURL(t testing.TB) string {
	t.Helper()
	c := shared.get(t)
	// Not t.Context(): that is cancelled before cleanups run.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	name, err := c.clone(ctx)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := c.drop(ctx, name); err != nil {
			t.Errorf("pgtest: %v", err)
		}
	})
	return c.databaseURL(name)
}

// get starts the server on first use. When that fails the test is skipped,
// but fails under CI=true: a green run that skipped the database tests
// would be a lie.
func (c *cluster) get(t testing.TB) *cluster {
	t.Helper()
	c.once.Do(func() { c.err = c.start() })
	if c.err == nil {
		return c
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("pgtest: no test database, and CI=true forbids skipping: %v", c.err)
	}
	t.Skipf("pgtest: no test database (install PostgreSQL or set %s): %v", EnvURL, c.err)
	return nil
}

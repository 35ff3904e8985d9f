package pgtest

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/noaber/noaber/internal/database"
)

func TestMain(m *testing.M) { Main(m) }

func TestServerStart(t *testing.T) {
	New(t)
	where := "NOABER_TEST_DATABASE_URL"
	if shared.server != nil {
		where = shared.dir
	}
	t.Logf("test server ready in %v (%s); template migrated in %v",
		shared.timings.server.Round(time.Millisecond), where, shared.timings.template.Round(time.Millisecond))
}

func TestMigrationsApplied(t *testing.T) {
	t.Parallel()
	db := New(t)
	var exists bool
	if err := db.GetContext(t.Context(), &exists, `SELECT to_regclass('areas') IS NOT NULL`); err != nil {
		t.Fatal(err)
	}
	if !exists {
		t.Error("table areas missing: migrations not applied")
	}
}

func TestParallelTestsGetOwnDatabase(t *testing.T) {
	// Both subtests write before either reads, when they can run together.
	var written sync.WaitGroup
	written.Add(2)
	for _, code := range []string{"GM0001", "GM0002"} {
		t.Run(code, func(t *testing.T) {
			t.Parallel()
			db := New(t)
			const insert = `INSERT INTO areas (code, kind, name) VALUES ($1, 'municipality', 'Test')`
			if _, err := db.ExecContext(t.Context(), insert, code); err != nil {
				t.Fatal(err)
			}
			written.Done()
			waitTimeout(&written, 5*time.Second) // not forever under -parallel 1
			var codes []string
			if err := db.SelectContext(t.Context(), &codes, `SELECT code FROM areas`); err != nil {
				t.Fatal(err)
			}
			if len(codes) != 1 || codes[0] != code {
				t.Errorf("areas = %v, want only %s", codes, code)
			}
		})
	}
}

func waitTimeout(wg *sync.WaitGroup, d time.Duration) {
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(d):
	}
}

func TestNewURLIsDroppedAfterTest(t *testing.T) {
	t.Parallel()
	var name string
	t.Run("user", func(t *testing.T) {
		raw := NewURL(t)
		db, err := database.Open(t.Context(), raw)
		if err != nil {
			t.Fatal(err)
		}
		// Left open on purpose: the drop must not wait for it.
		if err := db.GetContext(t.Context(), &name, `SELECT current_database()`); err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(raw)
		if "/"+name != u.Path {
			t.Errorf("connected to %s, URL says %s", name, u.Path)
		}
	})
	var exists bool
	const q = `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`
	if err := shared.admin.QueryRowContext(t.Context(), q, name).Scan(&exists); err != nil {
		t.Fatal(err)
	}
	if exists {
		t.Errorf("database %s still exists after its test", name)
	}
}

// TestUnavailable runs this binary against a server that is not there:
// the database test must skip, or fail under CI=true.
func TestUnavailable(t *testing.T) {
	if os.Getenv("PGTEST_CHILD") == "1" {
		New(t)
		return
	}
	t.Parallel()
	for ci, want := range map[string]string{"": "--- SKIP", "true": "--- FAIL"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestUnavailable$", "-test.v")
		cmd.Env = append(os.Environ(), "PGTEST_CHILD=1", "CI="+ci,
			EnvURL+"=postgres:///x?host=/nonexistent&sslmode=disable&connect_timeout=2")
		out, _ := cmd.CombinedOutput()
		if !strings.Contains(string(out), want) {
			t.Errorf("CI=%q: want %s, got:\n%s", ci, want, out)
		}
	}
}

func TestSweepRemovesOrphans(t *testing.T) {
	base := t.TempDir()
	orphan := base + "/" + dirPrefix + "999999999-1"
	mine := base + "/" + dirPrefix + strconv.Itoa(os.Getpid()) + "-1"
	other := base + "/unrelated-1"
	for _, d := range []string{orphan, mine, other} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	sweep(base)
	for d, want := range map[string]bool{orphan: false, mine: true, other: true} {
		if _, err := os.Stat(d); (err == nil) != want {
			t.Errorf("%s exists = %v, want %v", d, err == nil, want)
		}
	}
}

func BenchmarkCloneAndDrop(b *testing.B) {
	c := shared.get(b)
	ctx := context.Background()
	for b.Loop() {
		name, err := c.clone(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if err := c.drop(ctx, name); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNew is what each test pays: what New does, and the cleanup
// (close the pool, drop the database).
func BenchmarkNew(b *testing.B) {
	c := shared.get(b)
	for b.Loop() {
		newAndDrop(b, c)
	}
}

// BenchmarkNewParallel is BenchmarkNew with tests running side by side.
func BenchmarkNewParallel(b *testing.B) {
	c := shared.get(b)
	b.SetParallelism(4)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			newAndDrop(b, c)
		}
	})
}

func newAndDrop(b *testing.B, c *cluster) {
	ctx := context.Background()
	name, err := c.clone(ctx)
	if err != nil {
		b.Fatal(err)
	}
	db, err := database.Open(ctx, c.databaseURL(name))
	if err != nil {
		b.Fatal(err)
	}
	db.Close()
	if err := c.drop(ctx, name); err != nil {
		b.Fatal(err)
	}
}

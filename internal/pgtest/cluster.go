package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/lib/pq"

	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/embeddedpg"
)

// dirPrefix marks the cluster directories of test binaries; the pid of the
// binary follows, so that a later run can tell which ones are orphaned.
const dirPrefix = "noaber-pgtest-"

// cluster is a server with a migrated template database to clone.
type cluster struct {
	once     sync.Once
	err      error              // why the server could not be started
	server   *embeddedpg.Server // nil on a NOABER_TEST_DATABASE_URL server
	dir      string             // the private cluster's directory
	admin    *sql.DB            // runs CREATE and DROP DATABASE
	base     *url.URL           // the server's URL; its path names a database
	template string
	strategy string // how CREATE DATABASE copies; see connect
	timings  timings
}

// timings say where the one-off start cost goes.
type timings struct {
	server   time.Duration // initdb and start, or connecting to an existing server
	template time.Duration // create the template and migrate it
}

func (c *cluster) start() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	begin := time.Now()
	raw := os.Getenv(EnvURL)
	if raw == "" {
		var err error
		if raw, err = c.startServer(ctx); err != nil {
			return err
		}
	}
	if err := c.connect(ctx, raw); err != nil {
		return err
	}
	c.timings.server = time.Since(begin)
	if err := c.makeTemplate(ctx); err != nil {
		return err
	}
	c.timings.template = time.Since(begin) - c.timings.server
	return nil
}

// startServer starts a throwaway cluster in memory (/dev/shm) when it can.
func (c *cluster) startServer(ctx context.Context) (string, error) {
	base := scratchBase()
	sweep(base)
	dir, err := os.MkdirTemp(base, fmt.Sprintf("%s%d-*", dirPrefix, os.Getpid()))
	if err != nil {
		return "", fmt.Errorf("cluster dir: %w", err)
	}
	c.dir = dir
	srv, err := embeddedpg.Start(ctx, embeddedpg.Options{Dir: dir, Database: "postgres", Ephemeral: true})
	if err != nil {
		return "", err
	}
	c.server = srv
	return srv.URL(), nil
}

func (c *cluster) connect(ctx context.Context, raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return fmt.Errorf("%s must be a postgres:// URL", EnvURL)
	}
	c.base = u
	c.admin, err = sql.Open("postgres", raw)
	if err != nil {
		return fmt.Errorf("open admin connection: %w", err)
	}
	var version int
	var fsync bool
	const q = `SELECT current_setting('server_version_num')::int, current_setting('fsync')::bool`
	if err := c.admin.QueryRowContext(ctx, q).Scan(&version, &fsync); err != nil {
		return fmt.Errorf("reach test server: %w", err)
	}
	// PostgreSQL 15 copies through the WAL by default. Copying the files
	// (the only way before 15) is faster for small databases, 10 vs 15 ms
	// per test and 7 vs 15 under parallel load, but it checkpoints twice:
	// cheap only when fsync is off, as on our own cluster.
	if version >= 150000 && !fsync {
		c.strategy = " STRATEGY FILE_COPY"
	}
	return nil
}

// makeTemplate migrates a database once, for every test to clone. Its name
// is unique so that test binaries sharing a server do not collide.
func (c *cluster) makeTemplate(ctx context.Context) error {
	name := "noaber_tpl_" + randomSuffix()
	if _, err := c.admin.ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(name)); err != nil {
		return fmt.Errorf("create template: %w", err)
	}
	c.template = name
	db, err := database.Open(ctx, c.databaseURL(name))
	if err != nil {
		return err
	}
	_, err = database.MigrateUp(ctx, db.DB, nil)
	if err := errors.Join(err, db.Close()); err != nil {
		return fmt.Errorf("migrate template: %w", err)
	}
	return c.waitUnused(ctx, name)
}

// waitUnused waits for the backends of closed connections to exit: CREATE
// and DROP DATABASE would otherwise wait for them in 100 ms steps.
func (c *cluster) waitUnused(ctx context.Context, name string) error {
	const q = `SELECT count(*) FROM pg_stat_activity WHERE datname = $1`
	for {
		var n int
		if err := c.admin.QueryRowContext(ctx, q, name).Scan(&n); err != nil {
			return fmt.Errorf("count connections to %s: %w", name, err)
		}
		if n == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("database %s still in use: %w", name, ctx.Err())
		case <-time.After(time.Millisecond):
		}
	}
}

// clone creates a database from the template and returns its name.
func (c *cluster) clone(ctx context.Context) (string, error) {
	name := "noaber_test_" + randomSuffix()
	q := "CREATE DATABASE " + pq.QuoteIdentifier(name) + " TEMPLATE " + pq.QuoteIdentifier(c.template) + c.strategy
	if _, err := c.admin.ExecContext(ctx, q); err != nil {
		return "", fmt.Errorf("clone template: %w", err)
	}
	return name, nil
}

// drop removes a database even while a test's pool still holds
// connections. It ends them and waits, polling every millisecond: DROP ...
// WITH (FORCE) alone rechecks only every 100 ms, and even a just-closed
// pool leaves backends exiting.
func (c *cluster) drop(ctx context.Context, name string) error {
	const terminate = `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE datname = $1 AND pid <> pg_backend_pid()`
	if _, err := c.admin.ExecContext(ctx, terminate, name); err != nil {
		return fmt.Errorf("disconnect database %s: %w", name, err)
	}
	if err := c.waitUnused(ctx, name); err != nil {
		return err
	}
	if _, err := c.admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+pq.QuoteIdentifier(name)+" WITH (FORCE)"); err != nil {
		return fmt.Errorf("drop database %s: %w", name, err)
	}
	return nil
}

func (c *cluster) databaseURL(name string) string {
	u := *c.base
	u.Path, u.RawPath = "/"+name, ""
	return u.String()
}

// close leaves nothing behind: the template on a shared server, the whole
// cluster otherwise. Safe when start never ran or failed half-way.
func (c *cluster) close() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var errs []error
	if c.admin != nil {
		if c.server == nil && c.template != "" {
			errs = append(errs, c.drop(ctx, c.template))
		}
		errs = append(errs, c.admin.Close())
	}
	if c.server != nil {
		errs = append(errs, c.server.Stop(ctx))
	}
	if c.dir != "" {
		errs = append(errs, os.RemoveAll(c.dir))
	}
	return errors.Join(errs...)
}

// scratchBase is /dev/shm (memory) when we may write there, else the
// temporary directory.
func scratchBase() string {
	const shm = "/dev/shm"
	if fi, err := os.Stat(shm); err == nil && fi.IsDir() && syscall.Access(shm, 0o3) == nil {
		return shm
	}
	return os.TempDir()
}

// sweep removes the clusters of earlier test binaries that died without
// cleaning up (killed, or no TestMain). Their postgres got a shutdown
// signal when the binary died; both must be gone before we delete.
func sweep(base string) {
	entries, err := os.ReadDir(base)
	if err != nil {
		return
	}
	for _, e := range entries {
		pidText, _, ok := strings.Cut(strings.TrimPrefix(e.Name(), dirPrefix), "-")
		owner, err := strconv.Atoi(pidText)
		if !ok || err != nil || !strings.HasPrefix(e.Name(), dirPrefix) || alive(owner) {
			continue
		}
		dir := filepath.Join(base, e.Name())
		if pm, err := postmasterPid(dir); err == nil && alive(pm) {
			continue
		}
		_ = os.RemoveAll(dir) // another user's leftovers are not ours to remove
	}
}

func postmasterPid(dir string) (int, error) {
	b, err := os.ReadFile(filepath.Join(dir, "data", "postmaster.pid"))
	if err != nil {
		return 0, err
	}
	first, _, _ := strings.Cut(string(b), "\n")
	return strconv.Atoi(strings.TrimSpace(first))
}

// alive counts a zombie as dead: in containers whose init does not reap,
// a killed test binary stays one for good.
func alive(pid int) bool {
	if err := syscall.Kill(pid, 0); err != nil && !errors.Is(err, syscall.EPERM) {
		return false
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true // no /proc: trust kill
	}
	// "pid (comm) S …": the state follows the last ')'.
	i := strings.LastIndexByte(string(stat), ')')
	return i < 0 || i+2 >= len(stat) || stat[i+2] != 'Z'
}

func randomSuffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b) // never fails on Linux
	return hex.EncodeToString(b)
}

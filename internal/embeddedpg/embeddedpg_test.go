package embeddedpg

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// reachableDir is a fresh directory right under os.TempDir. t.TempDir nests
// its directories in a 0700 one that user postgres cannot enter when the
// tests run as root.
func reachableDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "noaber-embeddedpg-test-*")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil { // like $NOABER_DATA_DIR
		t.Fatal(err)
	}
	return filepath.Join(dir, "postgres")
}

// start starts a server that the test stops at cleanup; without binaries
// it skips, except under CI=true.
func start(t *testing.T, opts Options) (*Server, time.Duration) {
	t.Helper()
	begin := time.Now()
	s, err := Start(t.Context(), opts)
	if errors.Is(err, ErrBinariesMissing) && os.Getenv("CI") != "true" {
		t.Skip(err)
	}
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	t.Cleanup(func() { _ = s.Stop(context.Background()) })
	return s, time.Since(begin)
}

func open(t *testing.T, s *Server) *sql.DB {
	t.Helper()
	db, err := sql.Open("postgres", s.URL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func exec1(t *testing.T, db *sql.DB, query string) {
	t.Helper()
	if _, err := db.ExecContext(t.Context(), query); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func countRows(t *testing.T, s *Server) int {
	t.Helper()
	var n int
	if err := open(t, s).QueryRowContext(t.Context(), `SELECT count(*) FROM notes`).Scan(&n); err != nil {
		t.Fatalf("count notes: %v", err)
	}
	return n
}

func TestRestartKeepsData(t *testing.T) {
	dir := reachableDir(t)
	s, first := start(t, Options{Dir: dir})
	if !strings.HasPrefix(s.URL(), "postgres:///noaber?") || !strings.Contains(s.URL(), "host=%2F") {
		t.Errorf("URL = %q, want the noaber database over a socket", s.URL())
	}
	db := open(t, s)
	checkSettings(t, db, map[string]string{"listen_addresses": "", "fsync": "on", "data_checksums": "on", "lc_collate": "C", "random_page_cost": "1.1"})
	exec1(t, db, `CREATE TABLE notes (body TEXT NOT NULL)`)
	exec1(t, db, `INSERT INTO notes (body) VALUES ('hallo')`)
	db.Close()
	for i := range 2 {
		if err := s.Stop(t.Context()); err != nil {
			t.Fatalf("stop #%d: %v", i+1, err)
		}
	}

	s2, second := start(t, Options{Dir: dir})
	if n := countRows(t, s2); n != 1 {
		t.Errorf("after restart: %d notes, want 1", n)
	}
	t.Logf("embedded start: first (initdb) %v, second %v", first.Round(time.Millisecond), second.Round(time.Millisecond))
	if fi, err := os.Stat(filepath.Join(dir, "postgres.log")); err != nil || fi.Size() == 0 {
		t.Errorf("postgres.log missing or empty: %v", err)
	}
	checkOwner(t, filepath.Join(dir, "data"))
}

func checkSettings(t *testing.T, db *sql.DB, want map[string]string) {
	t.Helper()
	for name, value := range want {
		var got string
		if err := db.QueryRowContext(t.Context(), "SHOW "+name).Scan(&got); err != nil {
			t.Fatalf("SHOW %s: %v", name, err)
		}
		if got != value {
			t.Errorf("%s = %q, want %q", name, got, value)
		}
	}
}

// checkOwner: under root the cluster must belong to the unprivileged user.
func checkOwner(t *testing.T, path string) {
	t.Helper()
	a, err := serviceAccount()
	if err != nil || a == nil {
		return
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if uid := fi.Sys().(*syscall.Stat_t).Uid; uid != a.uid {
		t.Errorf("%s owned by uid %d, want %s (%d)", path, uid, a.name, a.uid)
	}
}

func TestBinariesMissing(t *testing.T) {
	_, err := Start(t.Context(), Options{Dir: reachableDir(t), BinDir: t.TempDir()})
	if !errors.Is(err, ErrBinariesMissing) {
		t.Fatalf("err = %v, want ErrBinariesMissing", err)
	}
	if msg := err.Error(); strings.Contains(msg, "\n") || !strings.Contains(msg, "apt-get install") {
		t.Errorf("message %q should be one line that says how to install", msg)
	}
}

func TestUnreachableDirUnderRoot(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root hands the server to another user")
	}
	// t.TempDir is inside a 0700 directory of root, like a checkout under /root.
	_, err := Start(t.Context(), Options{Dir: filepath.Join(t.TempDir(), "postgres")})
	if errors.Is(err, ErrBinariesMissing) {
		t.Skip(err)
	}
	if !errors.Is(err, ErrDirUnreachable) {
		t.Fatalf("err = %v, want ErrDirUnreachable", err)
	}
	t.Log(err)
}

func TestRecoversFromCrashAndStaleLock(t *testing.T) {
	dir := reachableDir(t)
	s, _ := start(t, Options{Dir: dir})
	db := open(t, s)
	exec1(t, db, `CREATE TABLE notes (body TEXT NOT NULL)`)
	exec1(t, db, `INSERT INTO notes (body) VALUES ('hallo')`)
	db.Close()
	crash(t, s)

	s2, took := start(t, Options{Dir: dir})
	t.Logf("start after kill -9: %v", took.Round(time.Millisecond))
	if n := countRows(t, s2); n != 1 {
		t.Errorf("after crash: %d notes, want 1", n)
	}
	if err := s2.Stop(t.Context()); err != nil {
		t.Fatal(err)
	}

	// A stale postmaster.pid whose pid now belongs to an unrelated live
	// process, as after a container restart.
	other := exec.Command("sleep", "60")
	if err := other.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = other.Process.Kill(); _ = other.Wait() }()
	lock := fmt.Sprintf("%d\n%s/data\n0\n5432\n%s/run\n\n0 0\nready   \n", other.Process.Pid, dir, dir)
	if err := os.WriteFile(filepath.Join(dir, "data", "postmaster.pid"), []byte(lock), 0o600); err != nil {
		t.Fatal(err)
	}
	s3, _ := start(t, Options{Dir: dir})
	if n := countRows(t, s3); n != 1 {
		t.Errorf("after stale lock: %d notes, want 1", n)
	}
}

// crash kills the postmaster the hard way and waits until it is gone.
func crash(t *testing.T, s *Server) {
	t.Helper()
	if err := s.pm.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-s.pm.exited
}

func TestRefusesSecondServerOnSameDir(t *testing.T) {
	dir := reachableDir(t)
	start(t, Options{Dir: dir, Ephemeral: true})
	_, err := Start(t.Context(), Options{Dir: dir, Ephemeral: true})
	if err == nil || !strings.Contains(err.Error(), "already runs") {
		t.Fatalf("second Start: err = %v, want 'already runs'", err)
	}
}

func TestLongDirPutsSocketElsewhere(t *testing.T) {
	dir := filepath.Join(reachableDir(t), strings.Repeat("lang-pad-", 12))
	t.Cleanup(func() { os.RemoveAll(socketDir(dir)) }) // after Stop
	s, _ := start(t, Options{Dir: dir, Ephemeral: true, Database: "other"})
	if strings.Contains(s.URL(), "lang-pad") || !strings.Contains(s.URL(), "noaber-pg-") {
		t.Errorf("URL = %q, want a short socket dir", s.URL())
	}
	exec1(t, open(t, s), `SELECT 1`)
}

func TestConcurrentStop(t *testing.T) {
	s, _ := start(t, Options{Dir: reachableDir(t), Ephemeral: true})
	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i := range errs {
		wg.Go(func() { errs[i] = s.Stop(context.Background()) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("Stop #%d: %v", i, err)
		}
	}
	select {
	case <-s.pm.exited:
	default:
		t.Error("postgres still running after Stop")
	}
}

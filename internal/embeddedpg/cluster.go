package embeddedpg

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// initCluster runs initdb into a scratch directory and renames it into
// place, so that data/ exists only as a complete cluster even when initdb
// is interrupted.
//
// Trust authentication is acceptable only because the server opens no TCP
// port and its socket sits in a 0700 directory: whoever can reach the
// socket can already read the data files.
func initCluster(ctx context.Context, bin binaries, l layout, owner *account, pglog *serverLog, ephemeral bool) error {
	scratch := l.data + ".initdb"
	if err := os.RemoveAll(scratch); err != nil {
		return fmt.Errorf("remove unfinished initdb: %w", err)
	}
	args := []string{"-D", scratch, "--username=" + Superuser, "--encoding=UTF8",
		// C collation: byte order, never changes with a glibc upgrade (no
		// index rebuilds); C.UTF-8 character classes so that lower() and
		// ILIKE understand "É".
		"--locale=" + ctypeLocale(), "--lc-collate=C",
		"--auth-local=trust", "--auth-host=reject"}
	if ephemeral {
		args = append(args, "--no-sync")
	} else {
		args = append(args, "--data-checksums") // real data: detect storage corruption
	}
	cmd := exec.CommandContext(ctx, bin.path("initdb"), args...)
	cmd.Stdout, cmd.Stderr, cmd.Env = pglog.File, pglog.File, childEnv()
	cmd.Dir = l.dir // see startPostmaster
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: owner.credential()}
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("initdb: %w: %s (full output in %s)", err, pglog.why(), l.log)
	}
	if err := os.Rename(scratch, l.data); err != nil {
		return fmt.Errorf("move new cluster into place: %w", err)
	}
	return nil
}

// ctypeLocale is C.UTF-8 where the C library has it, else plain C.
func ctypeLocale() string {
	for _, p := range []string{"/usr/lib/locale/C.utf8", "/usr/lib/locale/C.UTF-8"} {
		if _, err := os.Stat(p); err == nil {
			return "C.UTF-8"
		}
	}
	return "C"
}

// serverArgs are given on the command line rather than written to
// postgresql.conf, so that they follow the code and ALTER SYSTEM cannot
// reopen the TCP port.
func serverArgs(l layout, ephemeral bool) []string {
	settings := []string{
		"listen_addresses=", // no TCP: the socket is the only door
		"unix_socket_directories=" + quoteDir(l.socket),
		"unix_socket_permissions=0700",
		"port=" + port,
		"shared_buffers=128MB",
		// The data sits on local SSD or in memory: random reads cost about
		// what sequential ones do. With the default 4 the planner reads a
		// whole busy neighbourhood for one page of the feed instead of
		// walking posts_feed_idx in order and stopping (13× slower on the
		// synthetic city; see bench/feed.sh).
		"random_page_cost=1.1",
	}
	if ephemeral {
		// Many parallel test packages, each test with its own pool.
		settings = append(settings, "max_connections=300",
			"fsync=off", "synchronous_commit=off", "full_page_writes=off")
	} else {
		settings = append(settings, "max_connections=100",
			"fsync=on", "synchronous_commit=on", "full_page_writes=on")
	}
	args := []string{"-D", l.data}
	for _, s := range settings {
		args = append(args, "-c", s)
	}
	return args
}

// quoteDir quotes a directory for the comma-separated
// unix_socket_directories list, doubling embedded quotes.
func quoteDir(dir string) string {
	return `"` + strings.ReplaceAll(dir, `"`, `""`) + `"`
}

// childEnv is our environment without PG* variables: PGDATA, PGPORT and
// friends must not change what initdb and postgres do.
func childEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PG") {
			env = append(env, kv)
		}
	}
	return env
}

// clearStaleLock removes a postmaster.pid (and socket lock) left by a
// crash whose pid now belongs to an unrelated process, which postgres
// itself would mistake for a running server (common after a container
// restart). It refuses when a postgres really runs on this cluster.
func clearStaleLock(l layout) error {
	pid, err := lockPid(l.data)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if servesCluster(pid, l.data) {
		return fmt.Errorf("a PostgreSQL server (pid %d) already runs on %s: stop it first (kill -INT %d)", pid, l.data, pid)
	}
	for _, p := range []string{filepath.Join(l.data, "postmaster.pid"),
		filepath.Join(l.socket, ".s.PGSQL."+port), filepath.Join(l.socket, ".s.PGSQL."+port+".lock")} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove stale lock: %w", err)
		}
	}
	return nil
}

// lockPid is the first line of data/postmaster.pid.
func lockPid(data string) (int, error) {
	b, err := os.ReadFile(filepath.Join(data, "postmaster.pid"))
	if err != nil {
		return 0, fmt.Errorf("read postmaster.pid: %w", err)
	}
	first, _, _ := strings.Cut(string(b), "\n")
	pid, err := strconv.Atoi(strings.TrimSpace(first))
	if err != nil {
		// postgres is writing it right now, or it is garbage: let postgres judge.
		return 0, fs.ErrNotExist
	}
	return pid, nil
}

// servesCluster tells whether pid is alive with data as its working
// directory, which a postmaster enters at start.
func servesCluster(pid int, data string) bool {
	cwd, err := os.Stat(fmt.Sprintf("/proc/%d/cwd", pid))
	if err != nil {
		// Gone, or another user's process (not a server of ours).
		return false
	}
	dataInfo, err := os.Stat(data)
	return err == nil && os.SameFile(cwd, dataInfo)
}

// serverLog is the log file the children write to. start is its size
// when this process opened it, so that errors quote this attempt only.
type serverLog struct {
	*os.File
	path  string
	start int64
}

// why is the last FATAL/ERROR line written since start, else the last
// line: enough to say why a start failed without pasting the whole log.
func (sl *serverLog) why() string {
	f, err := os.Open(sl.path)
	if err != nil {
		return "no log"
	}
	defer func() { _ = f.Close() }()
	from := sl.start
	if fi, err := f.Stat(); err == nil && fi.Size()-from > 16<<10 {
		from = fi.Size() - 16<<10
	}
	if _, err := f.Seek(from, io.SeekStart); err != nil {
		return "unreadable log"
	}
	var last, lastError string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		last = line
		if strings.Contains(line, "FATAL") || strings.Contains(line, "ERROR") || strings.Contains(line, "error:") {
			lastError = line
		}
	}
	if lastError != "" {
		return lastError
	}
	return last
}

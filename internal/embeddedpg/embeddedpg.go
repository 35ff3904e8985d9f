// Package embeddedpg runs a private PostgreSQL server from the machine's own
// binaries, for when no NOABER_DATABASE_URL is configured. The server listens
// on a Unix socket only, in a directory only its owner may enter, and it
// stops when the process that started it dies.
package embeddedpg

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/lib/pq"
)

// Superuser is the database role the server is initialised with and the
// user in URL. It is a superuser: the application owns its private server.
const Superuser = "noaber"

// port only names the socket file (.s.PGSQL.5432): no TCP port is opened.
const port = "5432"

// ErrBinariesMissing means initdb or postgres could not be found.
var ErrBinariesMissing = errors.New("PostgreSQL server binaries not found (initdb, postgres): " +
	"install them with `apt-get install postgresql-15` (Debian 12) or set NOABER_DATABASE_URL")

// ErrDirUnreachable means the unprivileged user that runs PostgreSQL for a
// root process cannot reach the data directory.
var ErrDirUnreachable = errors.New("data directory unreachable by the PostgreSQL user")

// Options configure Start.
type Options struct {
	// Dir holds everything: the cluster in Dir/data, the socket in Dir/run
	// (or a short directory under os.TempDir when that path is too long for a
	// socket) and the server log in Dir/postgres.log.
	Dir string
	// BinDir holds initdb and postgres; empty means look on PATH, then in the
	// newest /usr/lib/postgresql/*/bin.
	BinDir string
	// Logger receives progress events; nil discards them.
	Logger *slog.Logger
	// Database is created when missing; default "noaber".
	Database string
	// Ephemeral trades durability for speed (fsync, synchronous_commit and
	// full_page_writes off, initdb --no-sync) and allows 300 connections
	// instead of 100: for throwaway test clusters only.
	Ephemeral bool
}

// Server is a running embedded PostgreSQL.
type Server struct {
	url      string
	dir      string
	logger   *slog.Logger
	pm       *postmaster
	stopOnce sync.Once
	stopErr  error
}

// Start initialises the cluster on first use, starts the server, waits until
// it accepts connections and creates opts.Database when missing.
func Start(ctx context.Context, opts Options) (*Server, error) {
	begin := time.Now()
	opts, err := withDefaults(opts)
	if err != nil {
		return nil, err
	}
	l, err := prepareLayout(opts.Dir)
	if err != nil {
		return nil, err
	}
	bin, err := findBinaries(ctx, opts.BinDir, clusterVersion(l.data), opts.Logger)
	if err != nil {
		return nil, err
	}
	pm, err := startCluster(ctx, l, bin, opts)
	if err != nil {
		return nil, err
	}
	s := &Server{url: socketURL(l.socket, opts.Database), dir: opts.Dir, logger: opts.Logger, pm: pm}
	if err := ensureDatabase(ctx, socketURL(l.socket, "postgres"), opts.Database); err != nil {
		return nil, errors.Join(err, s.Stop(context.WithoutCancel(ctx)))
	}
	opts.Logger.Info("embedded postgres ready", slog.String("dir", opts.Dir),
		slog.Int("version", bin.major), slog.Duration("took", time.Since(begin)))
	return s, nil
}

// URL reaches Database over the Unix socket as Superuser (lib/pq syntax).
func (s *Server) URL() string { return s.url }

// Stop shuts the server down the way `pg_ctl stop -m fast` does and waits
// for it. When ctx ends first (or after 30 s) it forces an immediate
// shutdown, which is crash-safe. Safe to call more than once and from
// several goroutines; later calls return the first result.
func (s *Server) Stop(ctx context.Context) error {
	s.stopOnce.Do(func() {
		s.stopErr = s.pm.stop(ctx)
		if s.stopErr == nil {
			s.logger.Info("embedded postgres stopped", slog.String("dir", s.dir))
		}
	})
	return s.stopErr
}

func withDefaults(opts Options) (Options, error) {
	if opts.Dir == "" {
		return opts, errors.New("embedded postgres: Options.Dir is required")
	}
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return opts, fmt.Errorf("embedded postgres dir: %w", err)
	}
	opts.Dir = dir
	if opts.Database == "" {
		opts.Database = "noaber"
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return opts, nil
}

// startCluster runs as the account that will own the files: initdb on the
// first start, then postgres itself.
func startCluster(ctx context.Context, l layout, bin binaries, opts Options) (*postmaster, error) {
	owner, err := serviceAccount()
	if err != nil {
		return nil, err
	}
	pglog, err := openLog(l.log)
	if err != nil {
		return nil, err
	}
	defer func() { _ = pglog.Close() }() // the children keep their own descriptor
	if err := l.claim(owner); err != nil {
		return nil, err
	}
	if clusterVersion(l.data) == "" {
		opts.Logger.Info("embedded postgres: creating cluster", slog.String("dir", l.data))
		if err := initCluster(ctx, bin, l, owner, pglog, opts.Ephemeral); err != nil {
			return nil, err
		}
	}
	if err := clearStaleLock(l); err != nil {
		return nil, err
	}
	return startPostmaster(ctx, bin, l, owner, pglog, opts.Ephemeral)
}

// socketURL is a lib/pq URL for database over the socket in dir. The port
// is explicit so that a PGPORT in the environment cannot redirect it.
func socketURL(dir, database string) string {
	q := url.Values{"host": {dir}, "port": {port}, "user": {Superuser}, "sslmode": {"disable"}}
	u := url.URL{Scheme: "postgres", Path: "/" + database, RawQuery: q.Encode()}
	return u.String()
}

func ensureDatabase(ctx context.Context, maintenanceURL, name string) error {
	db, err := sql.Open("postgres", maintenanceURL)
	if err != nil {
		return fmt.Errorf("open maintenance database: %w", err)
	}
	defer func() { _ = db.Close() }()
	var exists bool
	const q = `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`
	if err := db.QueryRowContext(ctx, q, name).Scan(&exists); err != nil {
		return fmt.Errorf("look up database %q: %w", name, err)
	}
	if exists {
		return nil
	}
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(name)); err != nil {
		return fmt.Errorf("create database %q: %w", name, err)
	}
	return nil
}

// openLog appends to the server log, first moving a log over 16 MB aside so
// that a long-lived installation keeps at most two.
func openLog(path string) (*serverLog, error) {
	if fi, err := os.Stat(path); err == nil && fi.Size() > 16<<20 {
		if err := os.Rename(path, path+".1"); err != nil {
			return nil, fmt.Errorf("rotate postgres log: %w", err)
		}
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open postgres log: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("open postgres log: %w", err)
	}
	return &serverLog{File: f, path: path, start: fi.Size()}, nil
}

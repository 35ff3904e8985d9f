package embeddedpg

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// binaries is a directory holding initdb and postgres of one major version.
type binaries struct {
	dir   string
	major int
}

func (b binaries) path(name string) string { return filepath.Join(b.dir, name) }

// findBinaries looks in binDir when given, else in order: the directories
// of the cluster's own major version (so that installing a newer PostgreSQL
// does not strand the data), the directory of postgres on PATH (symlinks
// resolved, so initdb and postgres come from the same install), and the
// newest Debian or RHEL install.
func findBinaries(ctx context.Context, binDir, clusterMajor string, logger *slog.Logger) (binaries, error) {
	candidates := []string{binDir}
	if binDir == "" {
		candidates = searchPath(clusterMajor)
	}
	for _, dir := range candidates {
		if !isExecutable(filepath.Join(dir, "initdb")) || !isExecutable(filepath.Join(dir, "postgres")) {
			continue
		}
		b := binaries{dir: dir}
		major, err := serverMajor(ctx, b)
		if err != nil {
			return b, err
		}
		b.major = major
		if clusterMajor != "" && clusterMajor != strconv.Itoa(major) {
			return b, fmt.Errorf("the cluster was made by PostgreSQL %s but the binaries in %s are version %d: "+
				"install postgresql-%s, or upgrade the cluster with pg_upgrade", clusterMajor, dir, major, clusterMajor)
		}
		return b, nil
	}
	logger.Debug("embedded postgres: no binaries", slog.Any("searched", candidates))
	return binaries{}, ErrBinariesMissing
}

func searchPath(clusterMajor string) []string {
	var dirs []string
	if clusterMajor != "" {
		dirs = append(dirs, "/usr/lib/postgresql/"+clusterMajor+"/bin", "/usr/pgsql-"+clusterMajor+"/bin")
	}
	if p, err := exec.LookPath("postgres"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			dirs = append(dirs, filepath.Dir(real))
		}
	}
	for _, pattern := range []string{"/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin"} {
		dirs = append(dirs, newestFirst(pattern)...)
	}
	return dirs
}

// newestFirst sorts the matches of pattern by the version number in them.
func newestFirst(pattern string) []string {
	matches, _ := filepath.Glob(pattern)
	version := func(p string) int {
		n, _ := leadingNumber(filepath.Base(filepath.Dir(p))) // "15", "pgsql-15"
		return n
	}
	sort.Slice(matches, func(i, j int) bool { return version(matches[i]) > version(matches[j]) })
	return matches
}

func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0
}

// serverMajor asks postgres for its version: "postgres (PostgreSQL) 15.18 (Debian …)".
func serverMajor(ctx context.Context, b binaries) (int, error) {
	out, err := exec.CommandContext(ctx, b.path("postgres"), "--version").Output()
	if err != nil {
		return 0, fmt.Errorf("run %s --version: %w", b.path("postgres"), err)
	}
	_, rest, ok := strings.Cut(string(out), "(PostgreSQL) ")
	if !ok {
		return 0, fmt.Errorf("unexpected postgres version %q", strings.TrimSpace(string(out)))
	}
	major, err := leadingNumber(rest)
	if err != nil {
		return 0, fmt.Errorf("unexpected postgres version %q: %w", strings.TrimSpace(string(out)), err)
	}
	return major, nil
}

// clusterVersion is the major version in data/PG_VERSION, or "" when no
// cluster has been made yet.
func clusterVersion(data string) string {
	b, err := os.ReadFile(filepath.Join(data, "PG_VERSION"))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// leadingNumber is the first run of digits in s: 15 in "pgsql-15" or "15.18 (Debian)".
func leadingNumber(s string) (int, error) {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	if len(fields) == 0 {
		return 0, fmt.Errorf("no number in %q", s)
	}
	return strconv.Atoi(fields[0])
}

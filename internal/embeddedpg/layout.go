package embeddedpg

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
)

// maxSocketPath is sizeof(sun_path): a socket path must be shorter.
const maxSocketPath = 108

// layout names the files of one embedded server.
type layout struct {
	dir    string // everything below belongs to the server
	data   string // the cluster
	socket string // directory of the Unix socket, mode 0700
	log    string // server and initdb output
}

// prepareLayout creates dir and the socket directory (both 0700).
func prepareLayout(dir string) (layout, error) {
	l := layout{
		dir:    dir,
		data:   filepath.Join(dir, "data"),
		socket: socketDir(dir),
		log:    filepath.Join(dir, "postgres.log"),
	}
	// Parents we create are 0755 like any directory (a 0700 parent would
	// lock out the postgres user); dir itself is private.
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return l, fmt.Errorf("create embedded postgres dir: %w", err)
	}
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return l, fmt.Errorf("create embedded postgres dir: %w", err)
	}
	if err := os.Mkdir(l.socket, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return l, fmt.Errorf("create socket dir: %w", err)
	}
	return l, nil
}

// socketDir is dir/run unless that path is too long for a Unix socket
// (deep checkouts hit the 107-byte limit); then it is a short directory
// under os.TempDir named after dir, so restarts find the same one.
func socketDir(dir string) string {
	inside := filepath.Join(dir, "run")
	if len(inside)+len("/.s.PGSQL."+port) < maxSocketPath {
		return inside
	}
	sum := sha256.Sum256([]byte(dir))
	return filepath.Join(os.TempDir(), "noaber-pg-"+hex.EncodeToString(sum[:6]))
}

// claim makes owner the owner of every file of the server and checks that
// owner can reach them. A socket directory outside dir must not have been
// planted by someone else: it holds the only door to a trust-auth server.
func (l layout) claim(a *account) error {
	if err := checkSocketDir(l, a); err != nil {
		return err
	}
	if a == nil {
		return nil
	}
	for _, p := range []string{l.dir, l.socket} {
		if err := a.checkReachable(p); err != nil {
			return err
		}
		if err := a.chownTree(p); err != nil {
			return err
		}
	}
	return nil
}

func checkSocketDir(l layout, a *account) error {
	fi, err := os.Lstat(l.socket)
	if err != nil {
		return fmt.Errorf("socket dir: %w", err)
	}
	st, _ := fi.Sys().(*syscall.Stat_t)
	mine := st != nil && (st.Uid == uint32(os.Geteuid()) || (a != nil && st.Uid == a.uid))
	if !fi.IsDir() || !mine || fi.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("socket dir %s must be a directory of ours with mode 0700; remove it and start again", l.socket)
	}
	return nil
}

// account is the unprivileged user that runs initdb and postgres when this
// process is root: both refuse to run as root.
type account struct {
	name     string
	uid, gid uint32
}

// serviceAccount is nil when this process is not root (the server then runs
// as ourselves), else user postgres, or nobody when there is no postgres.
func serviceAccount() (*account, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, errU := strconv.ParseUint(u.Uid, 10, 32)
		gid, errG := strconv.ParseUint(u.Gid, 10, 32)
		if errU == nil && errG == nil {
			return &account{name: name, uid: uint32(uid), gid: uint32(gid)}, nil
		}
	}
	return nil, errors.New("running as root, but there is no user postgres or nobody to run PostgreSQL as")
}

// credential switches a child to the account, dropping supplementary
// groups; nil (run as ourselves) for a nil account.
func (a *account) credential() *syscall.Credential {
	if a == nil {
		return nil
	}
	return &syscall.Credential{Uid: a.uid, Gid: a.gid, Groups: []uint32{}}
}

// chownTree gives the account every file below root that it does not own
// yet (a cluster restored by root, the log, the directories we made).
func (a *account) chownTree(root string) error {
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		if st, ok := fi.Sys().(*syscall.Stat_t); ok && st.Uid == a.uid && st.Gid == a.gid {
			return nil
		}
		return os.Lchown(p, int(a.uid), int(a.gid))
	})
	if err != nil {
		return fmt.Errorf("give %s to user %s: %w", root, a.name, err)
	}
	return nil
}

// checkReachable fails when a directory above path (as written, and with
// symlinks resolved) denies the account search permission, as /root (0700)
// does for a checkout under it. Nothing outside our directory is changed to
// fix that: the operator should choose another place.
func (a *account) checkReachable(path string) error {
	paths := []string{path}
	if real, err := filepath.EvalSymlinks(path); err == nil && real != path {
		paths = append(paths, real)
	}
	for _, p := range paths {
		for parent := filepath.Dir(p); ; parent = filepath.Dir(parent) {
			if err := a.checkSearchable(parent, path); err != nil {
				return err
			}
			if parent == filepath.Dir(parent) {
				break
			}
		}
	}
	return nil
}

func (a *account) checkSearchable(dir, target string) error {
	fi, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("check access to %s: %w", dir, err)
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	mode := uint32(fi.Mode().Perm())
	bit := uint32(0o001)
	switch {
	case st.Uid == a.uid:
		bit = 0o100
	case st.Gid == a.gid:
		bit = 0o010
	}
	if mode&bit != 0 {
		return nil
	}
	return fmt.Errorf("%w: PostgreSQL runs as user %s (it refuses root), who cannot enter %s (mode %04o) to reach %s; "+
		"use a data directory outside %s (e.g. NOABER_DATA_DIR=/var/lib/noaber) or set NOABER_DATABASE_URL",
		ErrDirUnreachable, a.name, dir, mode, target, dir)
}

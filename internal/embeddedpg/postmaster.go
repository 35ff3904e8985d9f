package embeddedpg

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

const (
	// startTimeout bounds the start, crash recovery included.
	startTimeout = 2 * time.Minute
	// stopGrace bounds a fast shutdown before it turns immediate.
	stopGrace = 30 * time.Second
)

// postmaster is the running server: a direct child of this process rather
// than a pg_ctl daemon, so that it dies with us (see run) and we learn at
// once when it exits.
type postmaster struct {
	cmd     *exec.Cmd
	exited  chan struct{} // closed once the process has been reaped
	waitErr error         // how it exited; read only after exited is closed
}

// startPostmaster starts postgres and waits until it accepts connections.
func startPostmaster(ctx context.Context, bin binaries, l layout, owner *account, pglog *serverLog, ephemeral bool) (*postmaster, error) {
	cmd := exec.Command(bin.path("postgres"), serverArgs(l, ephemeral)...)
	cmd.Stdout, cmd.Stderr, cmd.Env = pglog.File, pglog.File, childEnv()
	// postgres calls getcwd at start and fails where it may not enter our
	// working directory (say /root); its own directory is always reachable.
	cmd.Dir = l.dir
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Credential: owner.credential(),
		// A Ctrl-C in the terminal is for us: we stop postgres ourselves,
		// after the HTTP server has drained.
		Setpgid: true,
		// If we die without stopping it (kill -9, a test binary timing
		// out), postgres gets a fast shutdown instead of living on.
		Pdeathsig: syscall.SIGINT,
	}
	p := &postmaster{cmd: cmd, exited: make(chan struct{})}
	started := make(chan error, 1)
	go p.run(started)
	if err := <-started; err != nil {
		return nil, fmt.Errorf("start postgres: %w", err)
	}
	if err := p.waitReady(ctx, l.data, pglog); err != nil {
		p.kill()
		return nil, err
	}
	return p, nil
}

// run starts the process and reaps it. The parent-death signal is tied to
// the thread that forked the child, not to the process, so the fork happens
// on a locked thread that stays blocked in Wait exactly as long as postgres
// lives.
func (p *postmaster) run(started chan<- error) {
	runtime.LockOSThread()
	if err := p.cmd.Start(); err != nil {
		started <- err
		return
	}
	started <- nil
	p.waitErr = p.cmd.Wait()
	close(p.exited)
}

// waitReady polls postmaster.pid for the "ready" status that pg_ctl -w
// waits for, every 5 ms instead of pg_ctl's 100.
func (p *postmaster) waitReady(ctx context.Context, data string, pglog *serverLog) error {
	ctx, cancel := context.WithTimeout(ctx, startTimeout)
	defer cancel()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for !p.ready(data) {
		select {
		case <-p.exited:
			return fmt.Errorf("postgres exited while starting (%v): %s (full log in %s)", p.waitErr, pglog.why(), pglog.path)
		case <-ctx.Done():
			return fmt.Errorf("wait for postgres to start: %w (log in %s)", ctx.Err(), pglog.path)
		case <-tick.C:
		}
	}
	return nil
}

// ready checks the pid too: a file left by a crash may say "ready".
func (p *postmaster) ready(data string) bool {
	b, err := os.ReadFile(filepath.Join(data, "postmaster.pid"))
	if err != nil {
		return false
	}
	lines := strings.Split(string(b), "\n")
	return len(lines) > 7 &&
		strings.TrimSpace(lines[0]) == strconv.Itoa(p.cmd.Process.Pid) &&
		strings.TrimSpace(lines[7]) == "ready"
}

// stop sends SIGINT, which is what `pg_ctl stop -m fast` sends: roll back
// open transactions, checkpoint, exit. It escalates to an immediate
// shutdown (SIGQUIT, crash-safe) when ctx ends or after stopGrace, and to
// SIGKILL if even that hangs.
func (p *postmaster) stop(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, stopGrace)
	defer cancel()
	p.signal(syscall.SIGINT)
	select {
	case <-p.exited:
		if p.waitErr != nil {
			return fmt.Errorf("postgres exited: %w", p.waitErr)
		}
		return nil
	case <-ctx.Done():
	}
	p.kill()
	return fmt.Errorf("fast shutdown of postgres: %w; forced an immediate shutdown", ctx.Err())
}

// kill shuts down immediately and waits for the exit.
func (p *postmaster) kill() {
	p.signal(syscall.SIGQUIT)
	select {
	case <-p.exited:
	case <-time.After(10 * time.Second):
		p.signal(syscall.SIGKILL)
		<-p.exited
	}
}

// signal can only fail once the process is gone, which exited reports.
func (p *postmaster) signal(sig syscall.Signal) {
	_ = p.cmd.Process.Signal(sig)
}

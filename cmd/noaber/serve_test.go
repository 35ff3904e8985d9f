package main

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServeLifecycle runs the real binary on the embedded database: seed
// twice (idempotent), serve until ready, shut down cleanly on SIGTERM, and
// start again on the same data.
func TestServeLifecycle(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := filepath.Join(t.TempDir(), "noaber")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// Not t.TempDir(): its 0700 parent would lock out the unprivileged user
	// that runs the embedded PostgreSQL when the tests run as root.
	dataDir, err := os.MkdirTemp("", "noaber-serve-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dataDir) })
	if err := os.Chmod(dataDir, 0o755); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "NOABER_DATA_DIR="+dataDir, "NOABER_ADDR=127.0.0.1:0", "NOABER_LOG_FORMAT=json",
		"NOABER_DATABASE_URL=")

	for i := 0; i < 2; i++ {
		cmd := exec.Command(bin, "seed", "demo")
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "12 neighbourhoods") {
			t.Fatalf("seed demo #%d: %v\n%s", i+1, err, out)
		}
	}
	add := exec.Command(bin, "users", "add", "--email", "admin@example.nl", "--name", "Beheer", "--role", "admin")
	add.Env, add.Stdin = env, strings.NewReader("een sterk beheerwachtwoord\n")
	if out, err := add.CombinedOutput(); err != nil || !strings.Contains(string(out), "second factor") {
		t.Fatalf("users add: %v\n%s", err, out)
	}
	for _, name := range []string{"first start", "second start"} {
		startAndStop(t, bin, env, name)
		if _, err := os.Stat(filepath.Join(dataDir, "postgres", "data", "postmaster.pid")); !os.IsNotExist(err) {
			t.Errorf("%s: embedded PostgreSQL still running after shutdown (postmaster.pid: %v)", name, err)
		}
	}
}

func startAndStop(t *testing.T, bin string, env []string, name string) {
	t.Helper()
	cmd := exec.Command(bin, "serve")
	cmd.Env = env
	stderr, _ := cmd.StderrPipe()
	began := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	addr := waitReady(stderr, 60*time.Second)
	if addr == "" {
		cmd.Process.Kill()
		t.Fatalf("%s: never logged ready", name)
	}
	t.Logf("%s: ready after %v", name, time.Since(began).Round(time.Millisecond))
	resp, err := http.Get("http://" + addr + "/readyz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("%s: /readyz: %v %v", name, resp, err)
	}
	resp.Body.Close()
	login := `{"email":"admin@example.nl","password":"een sterk beheerwachtwoord"}`
	resp, err = http.Post("http://"+addr+"/api/v1/auth/login", "application/json", strings.NewReader(login))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("%s: the admin added on the command line cannot log in: %v %v", name, resp, err)
	}
	resp.Body.Close()

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("%s: exit after SIGTERM: %v", name, err)
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("%s: did not stop within 30s of SIGTERM", name)
	}
}

// waitReady reads the JSON log until the "ready" line and returns the address
// it names, or "" after the timeout. It keeps draining the log afterwards so
// that the server never blocks on a full pipe.
func waitReady(log io.Reader, timeout time.Duration) string {
	found := make(chan string, 1)
	go func() {
		lines := bufio.NewScanner(log)
		for lines.Scan() {
			var entry struct{ Msg, Addr string }
			if json.Unmarshal(lines.Bytes(), &entry) == nil && entry.Msg == "ready" {
				found <- entry.Addr
			}
		}
	}()
	select {
	case addr := <-found:
		return addr
	case <-time.After(timeout):
		return ""
	}
}

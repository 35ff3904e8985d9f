package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// runHealthcheck asks the local server whether it is alive; it exists
// because the runtime image has no curl.
func runHealthcheck(ctx context.Context, _ *flag.FlagSet, out io.Writer) error {
	cfg, _, err := setup()
	if err != nil {
		return err
	}
	addr := cfg.Addr
	if strings.HasPrefix(addr, ":") {
		addr = "127.0.0.1" + addr
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/healthz", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("not healthy: %w", err)
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("not healthy: status %d", resp.StatusCode)
	}
	_, err = fmt.Fprintln(out, "healthy")
	return err
}

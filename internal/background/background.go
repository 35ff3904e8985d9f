// Package background runs the periodic jobs of the server (expiry
// reminders, exchange checks, purging idempotency keys): every job keeps its
// state in the database, so a loop only has to call it now and then.
package background

import (
	"context"
	"log/slog"
	"time"
)

// Every calls run at once and then every interval until ctx ends. Errors
// are logged under name (not while stopping); so is the work done, when
// there was any.
func Every(ctx context.Context, log *slog.Logger, name string, interval time.Duration, run func(context.Context) (int, error)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		n, err := run(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Error(name, slog.Any("error", err))
		case n > 0:
			log.Info(name, slog.Int("done", n))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Drain runs each step again and again while it does a full batch of
// batchSize, so that a backlog is worked off, but stops at maxPerRun in
// all so that one run cannot hold the loop (and shutdown) for long. It
// returns how much was done.
func Drain(ctx context.Context, batchSize, maxPerRun int, steps ...func(context.Context) (int, error)) (int, error) {
	n := 0
	for _, step := range steps {
		for n < maxPerRun {
			done, err := step(ctx)
			n += done
			if err != nil {
				return n, err
			}
			if done < batchSize {
				break
			}
		}
	}
	return n, nil
}

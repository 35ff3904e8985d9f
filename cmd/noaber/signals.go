package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/config"
	"github.com/noaber/noaber/internal/signals"
)

const signalsSummary = `noaber signals retention [--dry-run]

Applies the retention periods of signals now: NOABER_SIGNAL_REDACT_AFTER_DAYS
after closing, the content and callback phone are replaced by a placeholder;
NOABER_SIGNAL_DELETE_AFTER_DAYS after closing, the signal is deleted and only
its counts are kept for the statistics. The server does this once a day by
itself. --dry-run reports what would happen and changes nothing.`

// newSignals builds the signals domain from the configuration.
func newSignals(db *sqlx.DB, cfg config.SignalConfig) *signals.Signals {
	c := signals.Config{
		Deadlines:   make(map[signals.Urgency]signals.Term, len(cfg.Deadlines)),
		Calendar:    signals.NewCalendar(cfg.Holidays),
		DailyLimit:  cfg.DailyLimit,
		RedactAfter: time.Duration(cfg.RedactAfterDays) * 24 * time.Hour,
		DeleteAfter: time.Duration(cfg.DeleteAfterDays) * 24 * time.Hour,
		Interval:    cfg.SchedulerInterval,
	}
	for u, t := range cfg.Deadlines {
		c.Deadlines[signals.Urgency(u)] = signals.Term{Clock: t.Clock, WorkingDays: t.WorkingDays}
	}
	return signals.New(db, c, time.Now)
}

func bindSignals(fs *flag.FlagSet) runFunc {
	dryRun := fs.Bool("dry-run", false, "report what would be redacted and deleted, change nothing")
	return func(ctx context.Context, fs *flag.FlagSet, out io.Writer) error {
		if fs.NArg() == 0 || fs.Arg(0) != "retention" {
			return usageError("say what to do: retention")
		}
		// Flags after the action word are parsed now.
		if err := fs.Parse(fs.Args()[1:]); err != nil {
			return usageError(err.Error())
		}
		if fs.NArg() > 0 {
			return usageError("retention takes only --dry-run")
		}
		return runRetention(ctx, out, *dryRun)
	}
}

func runRetention(ctx context.Context, out io.Writer, dryRun bool) error {
	cfg, log, err := setup()
	if err != nil {
		return err
	}
	conn, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer conn.close(context.WithoutCancel(ctx)) //nolint:errcheck // best effort on exit

	r, err := newSignals(conn.db, cfg.Signals).Retain(ctx, dryRun)
	if err != nil {
		return err
	}
	if dryRun {
		fmt.Fprintf(out, "Dry run: would redact %d and delete %d signals. Nothing was changed.\n", r.Redacted, r.Deleted)
		return nil
	}
	fmt.Fprintf(out, "Redacted %d and deleted %d signals.\n", r.Redacted, r.Deleted)
	return nil
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"runtime/debug"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/noaber/noaber/api"
	"github.com/noaber/noaber/internal/background"
	"github.com/noaber/noaber/internal/broker"
	"github.com/noaber/noaber/internal/exchanges"
	"github.com/noaber/noaber/internal/facilities"
	"github.com/noaber/noaber/internal/idempotency"
	"github.com/noaber/noaber/internal/market"
	"github.com/noaber/noaber/internal/moderation"
	"github.com/noaber/noaber/internal/notify"
	"github.com/noaber/noaber/internal/signals"
	"github.com/noaber/noaber/internal/stats"
	"github.com/noaber/noaber/internal/suggest"
	"github.com/noaber/noaber/internal/throttle"
	"github.com/noaber/noaber/webapp"
)

// marketJobInterval is how often expiry reminders and "did it happen?"
// questions are looked for: they are due by the hour, not the second.
const marketJobInterval = time.Minute

// runServe starts everything, serves until the context ends, then shuts
// down in reverse order: stop accepting and drain requests, stop the
// background workers, close the database.
func runServe(ctx context.Context, fs *flag.FlagSet, _ io.Writer) error {
	if fs.NArg() > 0 {
		return usageError("serve takes no arguments")
	}
	started := time.Now()
	cfg, log, err := setup()
	if err != nil {
		return err
	}
	debug.SetGCPercent(cfg.GCPercent)
	conn, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer func() {
		if err := conn.close(context.Background()); err != nil {
			log.Error("close database", slog.Any("error", err))
		}
	}()

	db := conn.db
	accts, err := openAccounts(ctx, cfg, db)
	if err != nil {
		return err
	}
	push, err := openPush(cfg, db, conn.url, log)
	if err != nil {
		return err
	}
	sigs := newSignals(db, cfg.Signals)
	mkt, exch, keys := market.New(db, time.Now), exchanges.New(db, time.Now), idempotency.New(db, time.Now)
	sugg := suggest.New(db, time.Now).KeepFor(cfg.SuggestionsTTL)
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	deps := api.Deps{DB: db, Logger: log, AllowedOrigins: cfg.AllowedOrigins(), BodyLimit: cfg.BodyLimit,
		RequestTimeout: cfg.RequestTimeout, Registry: reg, TrustedProxies: cfg.TrustedProxies,
		Accounts: accts, Limiter: throttle.New(db, time.Now), VAPIDPublicKey: push.vapid.PublicKey,
		Subscriptions: push.subscriptions, Inbox: notify.NewInbox(db), Signals: sigs,
		Market: mkt, Exchanges: exch, Idempotency: keys, Suggest: sugg,
		Moderation: moderation.New(db, time.Now), Facilities: facilities.New(db, time.Now),
		Stats: stats.New(db, time.Now), Broker: broker.New(db, sugg, time.Now), Now: time.Now}
	if webapp.Built() {
		deps.Webapp = webapp.Dist()
	} else {
		log.Warn("the web app was not built into this binary: run `make build`")
	}
	app, err := api.New(deps)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	workers, stopWorkers := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWorkers()
	workersDone := make(chan struct{})
	go func() { push.dispatcher.Run(workers); close(workersDone) }()
	var jobs sync.WaitGroup
	jobs.Go(func() { signals.NewScheduler(sigs, log).Run(workers) })
	periodic := []struct {
		name  string
		every time.Duration
		run   func(context.Context) (int, error)
	}{
		{"market jobs", marketJobInterval, market.NewJobs(mkt).RunOnce},
		{"exchange check", marketJobInterval, exchanges.NewJobs(exch).RunOnce},
		{"suggestion jobs", marketJobInterval, suggest.NewJobs(sugg).RunOnce},
		{"idempotency purge", time.Hour, keys.RunOnce},
	}
	for _, p := range periodic {
		jobs.Go(func() { background.Every(workers, log, p.name, p.every, p.run) })
	}

	serveErr := make(chan error, 1)
	go func() { serveErr <- app.Listener(ln) }()
	log.Info("ready", slog.String("addr", ln.Addr().String()), slog.String("url", cfg.PublicURL),
		slog.String("version", versionString()), slog.Duration("startup", time.Since(started)))

	select {
	case err := <-serveErr:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	if err := app.ShutdownWithTimeout(cfg.ShutdownTimeout); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		log.Error("shutdown", slog.Any("error", err))
	}
	stopWorkers() // after the requests: they may still enqueue pushes
	<-workersDone
	jobs.Wait()
	return nil
}

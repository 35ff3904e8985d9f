package notify

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// DispatcherConfig tunes delivery.
type DispatcherConfig struct {
	// Workers is the number of concurrent sends.
	Workers int
	// Timeout bounds one send.
	Timeout time.Duration
	// Poll is how often to look for due rows when no wake-up came (retries
	// and deferred pushes become due without one).
	Poll time.Duration
	// ListenURL, when set, is the database URL used to LISTEN for wake-ups,
	// so that a new notification goes out at once.
	ListenURL string
	// Transport replaces the default HTTP transport (tests: trust the local
	// push endpoint's certificate).
	Transport http.RoundTripper
}

// Dispatcher delivers the push outbox with a bounded pool of workers.
type Dispatcher struct {
	outbox outbox
	vapid  VAPID
	cfg    DispatcherConfig
	push   sender
	log    *slog.Logger
	now    func() time.Time
}

// sender sends one delivery; the real one is webpush over HTTP.
type sender func(ctx context.Context, d delivery, now time.Time) (int, map[string][]string, error)

// NewDispatcher returns a Dispatcher; Run starts it.
func NewDispatcher(db *sqlx.DB, vapid VAPID, cfg DispatcherConfig, log *slog.Logger, now func() time.Time) *Dispatcher {
	cfg.Workers = max(cfg.Workers, 1)
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	if cfg.Poll <= 0 {
		cfg.Poll = time.Second
	}
	client := newPushClient(cfg.Timeout, cfg.Transport, cfg.Workers)
	d := &Dispatcher{outbox: outbox{db: db}, vapid: vapid, cfg: cfg, log: log, now: now}
	d.push = func(ctx context.Context, dl delivery, now time.Time) (int, map[string][]string, error) {
		return send(ctx, client, vapid, dl, now)
	}
	return d
}

// lease is how long a claimed row stays ours: longer than the sends of one
// batch can take.
func (d *Dispatcher) lease() time.Duration { return 4*d.cfg.Timeout + time.Minute }

func (d *Dispatcher) batchSize() int { return 4 * d.cfg.Workers }

// Run delivers until ctx ends, then lets sends in flight finish.
func (d *Dispatcher) Run(ctx context.Context) {
	wake := d.listen(ctx)
	jobs := make(chan delivery)
	done := make(chan delivery, d.batchSize())
	var workers sync.WaitGroup
	for range d.cfg.Workers {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for job := range jobs {
				if d.deliver(context.WithoutCancel(ctx), job) {
					done <- job
				}
			}
		}()
	}
	flushed := make(chan struct{})
	go func() { d.flushSent(done); close(flushed) }()
	defer func() { close(jobs); workers.Wait(); close(done); <-flushed }()

	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		case <-wake:
		}
		n := d.dispatchBatch(ctx, jobs)
		if n == d.batchSize() {
			timer.Reset(0) // more may be due
		} else {
			timer.Reset(d.cfg.Poll)
		}
	}
}

// flushSent records delivered rows in batches, at least every 20 ms, until
// done closes.
func (d *Dispatcher) flushSent(done <-chan delivery) {
	var batch []delivery
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	flush := func() {
		if err := d.outbox.sent(context.Background(), batch, d.now()); err != nil {
			d.log.Error("push outbox", slog.Any("error", err))
		}
		batch = batch[:0]
	}
	for {
		select {
		case job, ok := <-done:
			if !ok {
				flush()
				return
			}
			if batch = append(batch, job); len(batch) >= d.batchSize() {
				flush()
			}
		case <-tick.C:
			flush()
		}
	}
}

func (d *Dispatcher) dispatchBatch(ctx context.Context, jobs chan<- delivery) int {
	batch, err := d.outbox.claim(ctx, d.now(), d.lease(), d.batchSize())
	if err != nil {
		if ctx.Err() == nil {
			d.log.Error("push outbox", slog.Any("error", err))
		}
		return 0
	}
	for _, job := range batch {
		select {
		case jobs <- job:
		case <-ctx.Done():
			return len(batch) // the rest stay leased and are retried later
		}
	}
	return len(batch)
}

// RunOnce claims one batch and delivers it before returning (for tests and
// the benchmark). It returns how many rows it handled.
func (d *Dispatcher) RunOnce(ctx context.Context) (int, error) {
	batch, err := d.outbox.claim(ctx, d.now(), d.lease(), d.batchSize())
	if err != nil {
		return 0, err
	}
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		sent []delivery
	)
	sem := make(chan struct{}, d.cfg.Workers)
	for _, job := range batch {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if d.deliver(ctx, job) {
				mu.Lock()
				sent = append(sent, job)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return len(batch), d.outbox.sent(ctx, sent, d.now())
}

// listen returns a channel that receives when a notification is committed;
// without a ListenURL it never does and polling carries the load.
func (d *Dispatcher) listen(ctx context.Context) <-chan struct{} {
	wake := make(chan struct{}, 1)
	if d.cfg.ListenURL == "" {
		return wake
	}
	l := pq.NewListener(d.cfg.ListenURL, 100*time.Millisecond, 10*time.Second, func(ev pq.ListenerEventType, err error) {
		if err != nil {
			d.log.Warn("push outbox listener", slog.Any("error", err))
		}
	})
	if err := l.Listen(outboxChannel); err != nil {
		d.log.Warn("push outbox listener: falling back to polling", slog.Any("error", err))
		_ = l.Close()
		return wake
	}
	go func() {
		defer func() { _ = l.Close() }()
		for {
			select {
			case <-ctx.Done():
				return
			case <-l.Notify:
				select {
				case wake <- struct{}{}:
				default: // a wake-up is already pending
				}
			}
		}
	}()
	return wake
}

// deliver sends one row. It reports true when the push service took it;
// the caller records those in batches. Every other outcome is recorded here.
func (d *Dispatcher) deliver(parent context.Context, job delivery) bool {
	sendCtx, cancel := context.WithTimeout(parent, d.cfg.Timeout)
	status, header, err := d.push(sendCtx, job, d.now())
	cancel()
	// Record the outcome even when the send timed out.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(parent), 10*time.Second)
	defer cancel()
	now := d.now()
	var recErr error
	switch classify(status, err) {
	case delivered:
		return true
	case subscriptionGone:
		d.log.Info("push subscription gone", slog.String("subscription", job.SubID), slog.Int("status", status))
		recErr = d.outbox.dropSubscription(ctx, job)
	case retryAfterHeader:
		recErr = d.outbox.retry(ctx, job, status, now.Add(retryAfter(header, now)), now)
	case retryLater:
		recErr = d.outbox.retry(ctx, job, status, now.Add(backoff(job.Attempts)), now)
	case rejected:
		d.log.Warn("push rejected", slog.String("subscription", job.SubID), slog.Int("status", status),
			slog.String("type", string(job.Type)))
		recErr = d.outbox.giveUp(ctx, job, status, now)
	}
	if recErr != nil {
		d.log.Error("push outbox", slog.Any("error", recErr))
	}
	return false
}

package notify

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// outboxChannel is the PostgreSQL channel that wakes delivery workers.
const outboxChannel = "noaber_outbox"

// delivery is one claimed outbox row with what is needed to send it.
type delivery struct {
	ID        int64     `db:"id"`
	Attempts  int       `db:"attempts"`
	ExpiresAt time.Time `db:"expires_at"`
	Type      Type      `db:"type"`
	SubjectID string    `db:"subject_id"`
	NotifID   string    `db:"notification_id"`
	SubID     string    `db:"subscription_id"`
	Endpoint  string    `db:"endpoint"`
	P256dh    string    `db:"p256dh"`
	Auth      string    `db:"auth"`
	Language  string    `db:"language"`
}

// claimQuery leases up to $3 due rows until $2. SKIP LOCKED lets several
// instances claim side by side without waiting or taking the same row; the
// lease makes a row whose worker died due again later.
const claimQuery = `
	WITH due AS (
		SELECT id FROM push_outbox
		WHERE sent_at IS NULL AND gave_up_at IS NULL AND next_attempt_at <= $1
		  AND (claimed_until IS NULL OR claimed_until < $1)
		ORDER BY next_attempt_at
		LIMIT $3
		FOR UPDATE SKIP LOCKED
	)
	UPDATE push_outbox o SET claimed_until = $2, attempts = o.attempts + 1
	FROM due, notifications n, push_subscriptions s, users u
	WHERE o.id = due.id AND n.id = o.notification_id AND s.id = o.subscription_id AND u.id = n.user_id
	RETURNING o.id, o.attempts, o.expires_at, n.type, n.subject_id, o.notification_id, o.subscription_id,
	          s.endpoint, s.p256dh, s.auth, u.language`

// outbox is the SQL side of delivery.
type outbox struct {
	db *sqlx.DB
}

func (o outbox) claim(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]delivery, error) {
	var out []delivery
	if err := o.db.SelectContext(ctx, &out, claimQuery, now, now.Add(lease), limit); err != nil {
		return nil, fmt.Errorf("claim outbox: %w", err)
	}
	return out, nil
}

// sent marks delivered rows, many at once: one statement per batch instead
// of one per push.
func (o outbox) sent(ctx context.Context, jobs []delivery, now time.Time) error {
	if len(jobs) == 0 {
		return nil
	}
	ids := make([]int64, len(jobs))
	subs := make([]string, len(jobs))
	for i, j := range jobs {
		ids[i], subs[i] = j.ID, j.SubID
	}
	_, err := o.db.ExecContext(ctx, `
		WITH done AS (
			UPDATE push_outbox SET sent_at = $2, last_status = 201, claimed_until = NULL WHERE id = ANY($1)
		)
		UPDATE push_subscriptions SET last_success_at = $2 WHERE id = ANY($3::uuid[])`,
		pq.Array(ids), now, pq.Array(subs))
	if err != nil {
		return fmt.Errorf("mark sent: %w", err)
	}
	return nil
}

// retry makes the row due again at at, or gives up when at is past its
// expiry (the TTL has passed: the message is no longer worth delivering).
func (o outbox) retry(ctx context.Context, d delivery, status int, at, now time.Time) error {
	_, err := o.db.ExecContext(ctx, `
		UPDATE push_outbox SET last_status = $2, claimed_until = NULL,
		       next_attempt_at = $3, gave_up_at = CASE WHEN $3 >= expires_at THEN $4::timestamptz END
		WHERE id = $1`, d.ID, status, at, now)
	if err != nil {
		return fmt.Errorf("schedule retry: %w", err)
	}
	return nil
}

func (o outbox) giveUp(ctx context.Context, d delivery, status int, now time.Time) error {
	_, err := o.db.ExecContext(ctx, `
		UPDATE push_outbox SET last_status = $2, claimed_until = NULL, gave_up_at = $3 WHERE id = $1`,
		d.ID, status, now)
	if err != nil {
		return fmt.Errorf("give up: %w", err)
	}
	return nil
}

// dropSubscription removes a subscription the push service says is gone;
// its pending rows go with it.
func (o outbox) dropSubscription(ctx context.Context, d delivery) error {
	if _, err := o.db.ExecContext(ctx, `DELETE FROM push_subscriptions WHERE id = $1`, d.SubID); err != nil {
		return fmt.Errorf("drop subscription: %w", err)
	}
	return nil
}

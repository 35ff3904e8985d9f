package notify

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// Notification is one thing to tell one person.
type Notification struct {
	UserID    string
	Type      Type
	SubjectID string
	// Urgent passes quiet hours (only for urgent signals).
	Urgent bool
}

// amsterdam is the time zone of quiet hours; Noaber serves Dutch
// municipalities.
var amsterdam = mustLoadLocation("Europe/Amsterdam")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return loc
}

// settings are a person's notification settings, with defaults when they
// never changed them.
type settings struct {
	Muted            pq.StringArray `db:"muted_types"`
	QuietStart       time.Time      `db:"quiet_start"`
	QuietEnd         time.Time      `db:"quiet_end"`
	SuggestionCap    int            `db:"suggestion_cap"`
	SuggestionsToday int            `db:"suggestions_today"`
}

// Enqueue writes n to the inbox and, unless the person muted its type or
// reached their daily cap of suggestions, one outbox row per push
// subscription — inside tx, the transaction of the event that causes it, so
// that a rolled-back event notifies nobody. Pushes that fall in quiet hours
// wait until they end, unless n is urgent.
func Enqueue(ctx context.Context, tx *sqlx.Tx, now time.Time, n Notification) error {
	k, ok := kinds[n.Type]
	if !ok {
		return fmt.Errorf("unknown notification type %q", n.Type)
	}
	s, err := loadSettings(ctx, tx, n.UserID, now)
	if err != nil {
		return err
	}
	push := !contains(s.Muted, string(n.Type)) && (n.Type != Suggestion || s.SuggestionsToday < s.SuggestionCap)
	var id string
	err = tx.GetContext(ctx, &id, `
		INSERT INTO notifications (user_id, type, subject_id, created_at, pushed) VALUES ($1, $2, $3, $4, $5)
		RETURNING id`, n.UserID, n.Type, n.SubjectID, now, push)
	if err != nil {
		return fmt.Errorf("write notification: %w", err)
	}
	if !push {
		return nil
	}
	at := now
	if !n.Urgent {
		at = afterQuietHours(now, s.QuietStart, s.QuietEnd)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO push_outbox (notification_id, subscription_id, next_attempt_at, expires_at)
		SELECT $1, id, $3, $4 FROM push_subscriptions WHERE user_id = $2`,
		id, n.UserID, at, at.Add(k.ttl)); err != nil {
		return fmt.Errorf("write push outbox: %w", err)
	}
	// Wakes the delivery workers when the transaction commits.
	if _, err := tx.ExecContext(ctx, `SELECT pg_notify($1, '')`, outboxChannel); err != nil {
		return fmt.Errorf("notify workers: %w", err)
	}
	return nil
}

func loadSettings(ctx context.Context, tx *sqlx.Tx, userID string, now time.Time) (settings, error) {
	var s settings
	dayStart := startOfDay(now)
	err := tx.GetContext(ctx, &s, `
		SELECT COALESCE(ns.muted_types, '{}') AS muted_types,
		       COALESCE(ns.quiet_start, '22:00') AS quiet_start, COALESCE(ns.quiet_end, '08:00') AS quiet_end,
		       COALESCE(ns.suggestion_cap, 3) AS suggestion_cap,
		       (SELECT count(*) FROM notifications n WHERE n.user_id = $1 AND n.type = 'suggestion'
		          AND n.pushed AND n.created_at >= $2) AS suggestions_today
		FROM (SELECT $1::uuid AS user_id) u LEFT JOIN notification_settings ns ON ns.user_id = u.user_id`,
		userID, dayStart)
	if err != nil {
		return s, fmt.Errorf("load notification settings: %w", err)
	}
	return s, nil
}

// startOfDay is midnight of now's day in Amsterdam.
func startOfDay(now time.Time) time.Time {
	y, m, d := now.In(amsterdam).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, amsterdam)
}

// afterQuietHours returns now, or the end of the quiet hours now falls in
// (Amsterdam time; the hours may wrap past midnight, e.g. 22:00–08:00).
func afterQuietHours(now, start, end time.Time) time.Time {
	local := now.In(amsterdam)
	day := startOfDay(now)
	at := func(d time.Time, clock time.Time) time.Time {
		return time.Date(d.Year(), d.Month(), d.Day(), clock.Hour(), clock.Minute(), 0, 0, amsterdam)
	}
	s, e := at(day, start), at(day, end)
	switch {
	case !s.After(e): // same-day window, e.g. 13:00–14:00
		if !local.Before(s) && local.Before(e) {
			return e
		}
	case local.Before(e): // after midnight, before the end
		return e
	case !local.Before(s): // before midnight, after the start
		return at(day.AddDate(0, 0, 1), end)
	}
	return now
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

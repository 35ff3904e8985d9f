package notify

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/noaber/noaber/internal/domain"
)

// Preferences are what a person chose: which types may be pushed (all go
// to the inbox), quiet hours, and the daily cap on suggestion pushes.
type Preferences struct {
	Push          map[Type]bool `json:"push"`
	QuietStart    string        `json:"quietHoursStart"`
	QuietEnd      string        `json:"quietHoursEnd"`
	SuggestionCap int           `json:"suggestionDailyCap"`
}

// GetPreferences returns the caller's preferences, defaults included.
func GetPreferences(ctx context.Context, db sqlx.QueryerContext, userID string) (Preferences, error) {
	var row struct {
		Muted pq.StringArray `db:"muted_types"`
		Start string         `db:"quiet_start"`
		End   string         `db:"quiet_end"`
		Cap   int            `db:"suggestion_cap"`
	}
	err := sqlx.GetContext(ctx, db, &row, `
		SELECT COALESCE(ns.muted_types, '{}') AS muted_types,
		       to_char(COALESCE(ns.quiet_start, '22:00'), 'HH24:MI') AS quiet_start,
		       to_char(COALESCE(ns.quiet_end, '08:00'), 'HH24:MI') AS quiet_end,
		       COALESCE(ns.suggestion_cap, 3) AS suggestion_cap
		FROM (SELECT $1::uuid AS user_id) u LEFT JOIN notification_settings ns ON ns.user_id = u.user_id`, userID)
	if err != nil {
		return Preferences{}, fmt.Errorf("load preferences: %w", err)
	}
	p := Preferences{Push: map[Type]bool{}, QuietStart: row.Start, QuietEnd: row.End, SuggestionCap: row.Cap}
	for _, t := range Types() {
		p.Push[t] = !contains(row.Muted, string(t))
	}
	return p, nil
}

// PutPreferences replaces the caller's preferences after checking every
// field.
func PutPreferences(ctx context.Context, db sqlx.ExtContext, userID string, p Preferences) error {
	var check domain.Checker
	muted := []string{}
	for t, on := range p.Push {
		check.Check(t.Valid(), "push."+string(t), "is not a notification type")
		if !on {
			muted = append(muted, string(t))
		}
	}
	_, errStart := time.Parse("15:04", p.QuietStart)
	check.Check(errStart == nil, "quietHoursStart", "must be a time such as 22:00")
	_, errEnd := time.Parse("15:04", p.QuietEnd)
	check.Check(errEnd == nil, "quietHoursEnd", "must be a time such as 08:00")
	check.Check(p.SuggestionCap >= 0 && p.SuggestionCap <= 20, "suggestionDailyCap", "must be from 0 to 20")
	if err := check.Err(); err != nil {
		return err
	}
	_, err := db.ExecContext(ctx, `
		INSERT INTO notification_settings (user_id, muted_types, quiet_start, quiet_end, suggestion_cap)
		VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (user_id) DO UPDATE SET muted_types = EXCLUDED.muted_types, quiet_start = EXCLUDED.quiet_start,
			quiet_end = EXCLUDED.quiet_end, suggestion_cap = EXCLUDED.suggestion_cap`,
		userID, pq.Array(muted), p.QuietStart, p.QuietEnd, p.SuggestionCap)
	if err != nil {
		return fmt.Errorf("save preferences: %w", err)
	}
	return nil
}

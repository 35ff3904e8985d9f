package market

import (
	"context"
	"fmt"
	"time"

	"github.com/noaber/noaber/internal/domain"
)

// Pause is the holiday pause (vakantiestand): while paused, a person's
// posts are not in the feed and matching skips them.
type Pause struct {
	Paused bool       `json:"paused"`
	Since  *time.Time `json:"since"`
	Until  *time.Time `json:"until"`
}

// MaxPause is the longest pause with an end date.
const MaxPause = 366 * 24 * time.Hour

// Pause is userID's pause as it stands now; a pause whose end has passed
// is over.
func (m *Market) Pause(ctx context.Context, userID string) (Pause, error) {
	var row struct {
		PausedAt    *time.Time `db:"paused_at"`
		PausedUntil *time.Time `db:"paused_until"`
	}
	if err := m.db.GetContext(ctx, &row, `SELECT paused_at, paused_until FROM users WHERE id = $1`, userID); err != nil {
		return Pause{}, fmt.Errorf("load pause: %w", err)
	}
	return pauseAt(row.PausedAt, row.PausedUntil, m.nowUTC()), nil
}

func pauseAt(since, until *time.Time, now time.Time) Pause {
	if since == nil || (until != nil && !until.After(now)) {
		return Pause{}
	}
	return Pause{Paused: true, Since: utcOrNil(since), Until: utcOrNil(until)}
}

// StartPause pauses userID until until (nil: until they end it). Changing
// the end of a running pause keeps its start.
func (m *Market) StartPause(ctx context.Context, userID string, until *time.Time) (Pause, error) {
	now := m.nowUTC()
	if until != nil {
		var check domain.Checker
		check.Check(until.After(now), "until", "must be in the future")
		check.Check(!until.After(now.Add(MaxPause)), "until", "must be within a year")
		if err := check.Err(); err != nil {
			return Pause{}, err
		}
	}
	var row struct {
		PausedAt    *time.Time `db:"paused_at"`
		PausedUntil *time.Time `db:"paused_until"`
	}
	err := m.db.GetContext(ctx, &row, `UPDATE users SET
		paused_at = CASE WHEN paused_at IS NOT NULL AND (paused_until IS NULL OR paused_until > $3)
		                 THEN paused_at ELSE $3 END,
		paused_until = $2
		WHERE id = $1 RETURNING paused_at, paused_until`, userID, until, now)
	if err != nil {
		return Pause{}, fmt.Errorf("start pause: %w", err)
	}
	return pauseAt(row.PausedAt, row.PausedUntil, now), nil
}

// EndPause ends userID's pause (fine when there is none).
func (m *Market) EndPause(ctx context.Context, userID string) error {
	if _, err := m.db.ExecContext(ctx, `UPDATE users SET paused_at = NULL, paused_until = NULL WHERE id = $1`,
		userID); err != nil {
		return fmt.Errorf("end pause: %w", err)
	}
	return nil
}

package moderation

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/lib/pq"

	"github.com/noaber/noaber/internal/domain"
)

// noticeActions are the actions against a person that they are told about.
var noticeActions = []Action{Hide, Warn, Suspend}

// Notice is a decision as the person concerned reads it: what was decided
// about which of their things, and the moderator's message to them; never
// the moderator's reason, nor who reported it.
type Notice struct {
	ID            string      `json:"id" db:"id"`
	Action        Action      `json:"action" db:"action"`
	SubjectType   SubjectType `json:"subjectType" db:"subject_type"`
	SubjectID     string      `json:"subjectId" db:"subject_id"`
	MessageToUser *string     `json:"messageToUser" db:"message_to_user"`
	CreatedAt     time.Time   `json:"createdAt" db:"created_at"`
}

// Notice is decision id as the person concerned, userID, reads it; for
// anybody else (and for decisions they were not told about) it is
// domain.ErrNotFound.
func (m *Moderation) Notice(ctx context.Context, userID, id string) (Notice, error) {
	var n Notice
	if !domain.IsUUID(id) {
		return n, domain.ErrNotFound
	}
	err := m.db.GetContext(ctx, &n, `SELECT id, action, subject_type, subject_id, message_to_user, created_at
		FROM moderation_decisions WHERE id = $1 AND person_id = $2 AND action = ANY($3)`,
		id, userID, noticeActionStrings())
	if errors.Is(err, sql.ErrNoRows) {
		return n, fmt.Errorf("notice %s: %w", id, domain.ErrNotFound)
	}
	if err != nil {
		return n, fmt.Errorf("read notice %s: %w", id, err)
	}
	n.CreatedAt = n.CreatedAt.UTC()
	return n, nil
}

func noticeActionStrings() any {
	s := make([]string, len(noticeActions))
	for i, a := range noticeActions {
		s[i] = string(a)
	}
	return pq.Array(s)
}

package moderation

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/domain"
)

// NewReport is a report as a person makes it.
type NewReport struct {
	Subject   SubjectType
	SubjectID string
	Reason    Reason
	Note      string
}

func (in *NewReport) check() error {
	var check domain.Checker
	check.Check(slices.Contains([]SubjectType{SubjectPost, SubjectMessage, SubjectUser}, in.Subject),
		"subject", "must be post, message or user")
	check.Check(in.SubjectID != "", "subjectId", "is required")
	check.Check(slices.Contains(personReasons, in.Reason), "reason",
		"must be spam, commercial, offensive, unsafe, personal-data or other")
	in.Note = domain.PlainText(&check, "note", in.Note, 0, 500)
	return check.Err()
}

// ownSubject is the invalid input of reporting oneself or one's own words.
func ownSubject() error {
	return &domain.InvalidError{Fields: []domain.FieldError{{Name: "subjectId",
		Reason: "is you or something you wrote: you cannot report that"}}}
}

// Create records reporterID's report. Only what the reporter can see can
// be reported (else domain.ErrNotFound): a post visible to them, a message
// in their own conversation, a person with a public profile. A second
// report on the same subject while the first is open is not a new one:
// created is false and the open report is returned, so that a double tap
// or a retry never adds work for the broker.
func (m *Moderation) Create(ctx context.Context, reporterID string, in NewReport) (r Report, created bool, err error) {
	if err := in.check(); err != nil {
		return Report{}, false, err
	}
	if !domain.IsUUID(in.SubjectID) {
		return Report{}, false, fmt.Errorf("report subject %q: %w", in.SubjectID, domain.ErrNotFound)
	}
	err = database.WithTx(ctx, m.db, func(tx *sqlx.Tx) error {
		now := m.nowUTC()
		personID, err := visibleSubject(ctx, tx, reporterID, in.Subject, in.SubjectID, now)
		if err != nil {
			return err
		}
		if personID == reporterID {
			return ownSubject()
		}
		var id string
		err = tx.GetContext(ctx, &id, `
			INSERT INTO reports (reporter_id, subject_type, subject_id, reason, note, created_at)
			VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (reporter_id, subject_type, subject_id) WHERE status = 'open' AND reporter_id IS NOT NULL
			DO NOTHING RETURNING id`, reporterID, in.Subject, in.SubjectID, in.Reason, optional(in.Note), now)
		created = err == nil
		if errors.Is(err, sql.ErrNoRows) {
			err = tx.GetContext(ctx, &id, `SELECT id FROM reports WHERE reporter_id = $1 AND subject_type = $2
				AND subject_id = $3 AND status = 'open'`, reporterID, in.Subject, in.SubjectID)
		}
		if err != nil {
			return fmt.Errorf("insert report: %w", err)
		}
		r, err = m.get(ctx, tx, Viewer{UserID: reporterID}, id)
		return err
	})
	return r, created, err
}

// visibleSubject is the person concerned with a subject that userID can
// see at now; anything else is domain.ErrNotFound. The post rule is the
// marketplace's (market.visibleTo), repeated here because market imports
// moderation and not the other way round.
func visibleSubject(ctx context.Context, tx *sqlx.Tx, userID string, typ SubjectType, id string, now time.Time) (string, error) {
	var query string
	switch typ {
	case SubjectPost:
		query = `SELECT p.author_id FROM posts p JOIN users u ON u.id = p.author_id WHERE p.id = $2
			AND (p.author_id = $1 OR (p.status = 'open' AND p.expires_at > $3 AND p.hidden_at IS NULL
			     AND u.deleted_at IS NULL AND u.disabled_at IS NULL
			     AND NOT EXISTS (SELECT 1 FROM blocks bl WHERE (bl.blocker_id = $1 AND bl.blocked_id = p.author_id)
			                                              OR (bl.blocker_id = p.author_id AND bl.blocked_id = $1))))`
	case SubjectMessage:
		query = `SELECT m.sender_id FROM messages m JOIN conversations c ON c.id = m.conversation_id
			WHERE m.id = $2 AND $1 IN (c.author_id, c.responder_id) AND m.hidden_at IS NULL AND $3::timestamptz IS NOT NULL`
	default:
		query = `SELECT u.id FROM users u WHERE u.id = $2 AND u.deleted_at IS NULL AND u.disabled_at IS NULL
			AND $1::uuid IS NOT NULL AND $3::timestamptz IS NOT NULL`
	}
	var personID string
	err := tx.GetContext(ctx, &personID, query, userID, id, now)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("report %s %s: %w", typ, id, domain.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("find %s %s: %w", typ, id, err)
	}
	return personID, nil
}

// FlagPost runs the detector on a new or edited post inside the market's
// transaction tx and, when something matches, opens an automatic flag for
// the brokers of its area (or updates the kinds of the open one). Only the
// kinds are kept, never the matched text. The post stays visible.
func FlagPost(ctx context.Context, tx *sqlx.Tx, postID, title, body string, now time.Time) error {
	flags := Detect(title + "\n" + body)
	if len(flags) == 0 {
		return nil
	}
	kinds := make([]string, len(flags))
	for i, f := range flags {
		kinds[i] = string(f)
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO reports (reporter_id, subject_type, subject_id, reason, flags, created_at)
		VALUES (NULL, 'post', $1, 'auto-flag', $2, $3)
		ON CONFLICT (subject_type, subject_id) WHERE status = 'open' AND reporter_id IS NULL
		DO UPDATE SET flags = EXCLUDED.flags`, postID, pq.Array(kinds), now)
	if err != nil {
		return fmt.Errorf("flag post %s (%s): %w", postID, strings.Join(kinds, ","), err)
	}
	return nil
}

package accounts

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/domain"
)

// DeleteMe removes a person's personal data (AVG article 17). The row stays,
// anonymised, so that counts in the statistics stay consistent; roles,
// sessions, second factor and assignments go.
func (a *Accounts) DeleteMe(ctx context.Context, caller Caller) error {
	return database.WithTx(ctx, a.db, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `
			UPDATE users SET email = 'deleted-' || id || '@deleted.invalid', password_hash = NULL,
			       display_name = 'Verwijderd account', postcode = NULL, house_number = NULL, phone = NULL,
			       totp_secret = NULL, totp_enabled_at = NULL, organisation_id = NULL, deleted_at = $2
			WHERE id = $1 AND deleted_at IS NULL`, caller.UserID, a.now())
		if err != nil {
			return fmt.Errorf("anonymise account: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return domain.ErrNotFound
		}
		for _, q := range []string{
			`DELETE FROM user_roles WHERE user_id = $1`,
			`DELETE FROM broker_areas WHERE user_id = $1`,
			`DELETE FROM recovery_codes WHERE user_id = $1`,
			`DELETE FROM sessions WHERE user_id = $1`,
			`DELETE FROM push_subscriptions WHERE user_id = $1`,
			`DELETE FROM notifications WHERE user_id = $1`,
			`DELETE FROM notification_settings WHERE user_id = $1`,
			`UPDATE area_team_neighbourhoods SET contact_id = NULL WHERE contact_id = $1`,
			`UPDATE area_team_neighbourhoods SET backup_id = NULL WHERE backup_id = $1`,
			`UPDATE area_teams SET coordinator_id = NULL WHERE coordinator_id = $1`,
			`UPDATE users SET paused_at = NULL, paused_until = NULL WHERE id = $1`,
			`DELETE FROM blocks WHERE blocker_id = $1`,
			`DELETE FROM idempotency_keys WHERE user_id = $1`,
			`DELETE FROM suggestion_asks WHERE user_id = $1`,
			// Kept rankings are derived; the next read ranks without the person.
			`DELETE FROM resident_suggestions WHERE user_id = $1`,
			`DELETE FROM request_suggestions
			 WHERE post_id IN (SELECT id FROM posts WHERE author_id = $1)
			    OR post_id IN (SELECT post_id FROM request_suggestion_items WHERE user_id = $1)`,
			// The broker's workbench: notes and flags on the person's posts
			// go; a broker's own work stays for their colleagues, unsigned.
			`DELETE FROM broker_notes WHERE post_id IN (SELECT id FROM posts WHERE author_id = $1)`,
			`DELETE FROM broker_follow_ups WHERE post_id IN (SELECT id FROM posts WHERE author_id = $1)`,
			`UPDATE broker_notes SET author_id = NULL WHERE author_id = $1`,
			`UPDATE broker_follow_ups SET flagged_by = NULL WHERE flagged_by = $1`,
			`UPDATE managed_residents SET managed_by = NULL WHERE managed_by = $1`,
			`DELETE FROM managed_residents WHERE user_id = $1`,
			`DELETE FROM keyfigure_invitations WHERE user_id = $1`,
			`UPDATE keyfigure_invitations SET invited_by = NULL WHERE invited_by = $1`,
			`UPDATE posts SET created_by = NULL WHERE created_by = $1`,
			`UPDATE messages SET sent_by_broker = NULL WHERE sent_by_broker = $1`,
			// The marketplace keeps the rows other people's history and the
			// reciprocity counts stand on, without the person's words.
			`UPDATE posts SET status = CASE WHEN status = 'open' THEN 'withdrawn' ELSE status END,
			        title = 'Verwijderd', body = 'Verwijderd', moment_text = NULL WHERE author_id = $1`,
			`UPDATE messages SET body = 'Dit bericht is verwijderd.' WHERE sender_id = $1`,
			`UPDATE exchanges SET status = 'cancelled', cancelled_by = $1, updated_at = now()
			 WHERE status = 'agreed' AND $1 IN (helper_id, receiver_id)`,
			`UPDATE exchanges SET thanks = 'Verwijderd' WHERE receiver_id = $1 AND thanks IS NOT NULL`,
			`UPDATE exchanges SET cancel_reason = NULL WHERE cancelled_by = $1`,
			// Moderation: the person's reports stay for the record of what
			// was decided, without their words; decisions are append-only.
			`UPDATE reports SET note = NULL WHERE reporter_id = $1`,
			// Facilities are public organisation data: they stay, without their author.
			`UPDATE facilities SET created_by = NULL WHERE created_by = $1`,
		} {
			if _, err := tx.ExecContext(ctx, q, caller.UserID); err != nil {
				return fmt.Errorf("delete account data: %w", err)
			}
		}
		return nil
	})
}

// Export is all personal data Noaber holds about a person (AVG articles 15
// and 20), in a machine-readable form.
type Export struct {
	ExportedAt    time.Time       `json:"exportedAt"`
	Account       Me              `json:"account"`
	Roles         []exportRole    `json:"roles"`
	Sessions      []exportSession `json:"sessions"`
	BrokerAreas   []string        `json:"brokerAreas"`
	RecoveryCodes struct {
		Total int `json:"total" db:"total"`
		Used  int `json:"used" db:"used"`
	} `json:"recoveryCodes"`
	AreaTeamRoles []exportTeamRole `json:"areaTeamRoles"`
	// PushSubscriptions are the browsers that receive push (the push
	// service's host only: the full endpoint is a secret capability).
	PushSubscriptions []exportPush `json:"pushSubscriptions"`
	Notifications     []exportNote `json:"notifications"`
	// SignalsReported are the worries the person reported as a key figure:
	// what happened to them, not what they say about someone else.
	SignalsReported []exportSignal `json:"signalsReported"`
	Marketplace     exportMarket   `json:"marketplace"`
	// FacilitiesCreated are the social map entries the person entered.
	FacilitiesCreated json.RawMessage `json:"facilitiesCreated"`
	// KeyfigureInvitations are the invitations that made the person a key
	// figure (JSON built by PostgreSQL).
	KeyfigureInvitations json.RawMessage `json:"keyfigureInvitations"`
}

type exportSignal struct {
	ID        string    `json:"id" db:"id"`
	Status    string    `json:"status" db:"status"`
	Urgency   string    `json:"urgency" db:"urgency"`
	CreatedAt time.Time `json:"createdAt" db:"created_at"`
}

// exportMarket is the person's part of the marketplace. Rows are exported as
// JSON built by PostgreSQL (json_agg): they are only passed through.
type exportMarket struct {
	Pause         json.RawMessage `json:"pause" db:"pause"`
	Posts         json.RawMessage `json:"posts" db:"posts"`
	Conversations json.RawMessage `json:"conversations" db:"conversations"`
	Exchanges     json.RawMessage `json:"exchanges" db:"exchanges"`
	Reciprocity   json.RawMessage `json:"reciprocity" db:"reciprocity"`
	Blocks        json.RawMessage `json:"blocks" db:"blocks"`
	// Suggestions are the requests the person was asked to help with or
	// said no to.
	Suggestions json.RawMessage `json:"suggestions" db:"suggestions"`
	// MatchProposals are the matches a broker proposed with the person as
	// helper, or that the person proposed as a broker. DeleteMe keeps them:
	// they hold only ids and an outcome, like the exchanges they lead to.
	MatchProposals json.RawMessage `json:"matchProposals" db:"match_proposals"`
	// Reports are what the person reported (moderation) and the outcome.
	Reports json.RawMessage `json:"reports" db:"reports"`
	// ModerationNotices are the moderators' decisions about the person's
	// posts, messages or account, as the person was told them (not the
	// moderators' internal reason, nor who decided or reported).
	ModerationNotices json.RawMessage `json:"moderationNotices" db:"moderation_notices"`
}

// exportMarketQuery collects exportMarket for user $1; every list is [] when
// empty.
const exportMarketQuery = `
SELECT
  (SELECT json_build_object('pausedAt', paused_at, 'pausedUntil', paused_until) FROM users WHERE id = $1) AS pause,
  (SELECT coalesce(json_agg(json_build_object('id', id, 'kind', kind, 'category', category_code, 'title', title,
          'body', body, 'momentText', moment_text, 'momentAt', moment_at, 'recurrence', recurrence,
          'radiusKm', radius_km, 'status', status, 'expiresAt', expires_at, 'createdAt', created_at)
          ORDER BY created_at), '[]') FROM posts WHERE author_id = $1) AS posts,
  (SELECT coalesce(json_agg(json_build_object('id', c.id, 'postId', c.post_id, 'createdAt', c.created_at,
          'messages', (SELECT coalesce(json_agg(json_build_object('mine', m.sender_id = $1, 'body', m.body,
                       'createdAt', m.created_at) ORDER BY m.created_at), '[]')
                       FROM messages m WHERE m.conversation_id = c.id))
          ORDER BY c.created_at), '[]')
     FROM conversations c WHERE $1 IN (c.author_id, c.responder_id)) AS conversations,
  (SELECT coalesce(json_agg(json_build_object('id', id, 'postId', post_id,
          'role', CASE WHEN helper_id = $1 THEN 'helper' ELSE 'receiver' END, 'status', status,
          'momentAt', moment_at, 'hours', hours, 'thanks', thanks, 'cancelReason', cancel_reason,
          'createdAt', created_at) ORDER BY created_at), '[]')
     FROM exchanges WHERE $1 IN (helper_id, receiver_id)) AS exchanges,
  (SELECT coalesce(json_agg(json_build_object('exchangeId', exchange_id,
          'role', CASE WHEN giver_id = $1 THEN 'gave' ELSE 'received' END, 'category', category_code,
          'hours', hours, 'completedAt', completed_at) ORDER BY completed_at), '[]')
     FROM reciprocity_entries WHERE $1 IN (giver_id, receiver_id)) AS reciprocity,
  (SELECT coalesce(json_agg(json_build_object('userId', blocked_id, 'createdAt', created_at)
          ORDER BY created_at), '[]') FROM blocks WHERE blocker_id = $1) AS blocks,
  (SELECT coalesce(json_agg(json_build_object('postId', post_id, 'askedAt', asked_at, 'declinedAt', declined_at)
          ORDER BY post_id), '[]') FROM suggestion_asks WHERE user_id = $1) AS suggestions,
  (SELECT coalesce(json_agg(json_build_object('postId', post_id, 'conversationId', conversation_id,
          'role', CASE WHEN helper_id = $1 THEN 'helper' ELSE 'broker' END, 'outcome', outcome,
          'createdAt', created_at, 'decidedAt', decided_at) ORDER BY created_at), '[]')
     FROM match_proposals WHERE $1 IN (helper_id, broker_id)) AS match_proposals,
  (SELECT coalesce(json_agg(json_build_object('id', r.id, 'subject', r.subject_type, 'subjectId', r.subject_id,
          'reason', r.reason, 'note', r.note, 'status', r.status, 'outcome', d.action, 'createdAt', r.created_at)
          ORDER BY r.created_at), '[]')
     FROM reports r LEFT JOIN moderation_decisions d ON d.id = r.decision_id WHERE r.reporter_id = $1) AS reports,
  (SELECT coalesce(json_agg(json_build_object('id', id, 'action', action, 'subject', subject_type,
          'subjectId', subject_id, 'messageToUser', message_to_user, 'createdAt', created_at)
          ORDER BY created_at), '[]') FROM moderation_decisions WHERE person_id = $1) AS moderation_notices`

type exportPush struct {
	Host      string    `json:"host" db:"host"`
	CreatedAt time.Time `json:"createdAt" db:"created_at"`
}

type exportNote struct {
	Type      string     `json:"type" db:"type"`
	SubjectID string     `json:"subjectId" db:"subject_id"`
	CreatedAt time.Time  `json:"createdAt" db:"created_at"`
	ReadAt    *time.Time `json:"readAt" db:"read_at"`
}

type exportRole struct {
	Role      string    `json:"role" db:"role"`
	GrantedAt time.Time `json:"grantedAt" db:"granted_at"`
}

type exportSession struct {
	CreatedAt    time.Time  `json:"createdAt" db:"created_at"`
	ExpiresAt    time.Time  `json:"expiresAt" db:"expires_at"`
	RevokedAt    *time.Time `json:"revokedAt" db:"revoked_at"`
	SecondFactor bool       `json:"secondFactor" db:"second_factor"`
}

type exportTeamRole struct {
	Team          string `json:"team" db:"team"`
	Neighbourhood string `json:"neighbourhood" db:"neighbourhood"`
	As            string `json:"as" db:"as_role"`
}

// ExportMe collects the caller's data in one consistent snapshot.
func (a *Accounts) ExportMe(ctx context.Context, caller Caller) (Export, error) {
	e := Export{Roles: []exportRole{}, Sessions: []exportSession{}, BrokerAreas: []string{}, AreaTeamRoles: []exportTeamRole{},
		PushSubscriptions: []exportPush{}, Notifications: []exportNote{}, SignalsReported: []exportSignal{}}
	err := database.WithTx(ctx, a.db, func(tx *sqlx.Tx) error {
		var err error
		if e.Account, err = loadMe(ctx, tx.StmtxContext(ctx, a.meStmt), caller); err != nil {
			return err
		}
		e.ExportedAt = a.now().UTC()
		id := caller.UserID
		steps := []func() error{
			func() error {
				return tx.SelectContext(ctx, &e.Roles, `SELECT role, granted_at FROM user_roles WHERE user_id = $1 ORDER BY role`, id)
			},
			func() error {
				return tx.SelectContext(ctx, &e.Sessions, `
					SELECT created_at, expires_at, revoked_at, second_factor FROM sessions WHERE user_id = $1 ORDER BY created_at`, id)
			},
			func() error {
				return tx.SelectContext(ctx, &e.BrokerAreas, `SELECT area_code FROM broker_areas WHERE user_id = $1 ORDER BY 1`, id)
			},
			func() error {
				return tx.GetContext(ctx, &e.RecoveryCodes, `
					SELECT count(*) AS total, count(used_at) AS used FROM recovery_codes WHERE user_id = $1`, id)
			},
			func() error {
				return tx.SelectContext(ctx, &e.AreaTeamRoles, `
					SELECT t.name AS team, atn.neighbourhood_code AS neighbourhood,
					       CASE WHEN atn.contact_id = $1 THEN 'contact' ELSE 'backup' END AS as_role
					FROM area_team_neighbourhoods atn JOIN area_teams t ON t.id = atn.team_id
					WHERE $1 IN (atn.contact_id, atn.backup_id)
					UNION ALL
					SELECT name, '', 'coordinator' FROM area_teams WHERE coordinator_id = $1
					ORDER BY 1, 2`, id)
			},
			func() error {
				return tx.SelectContext(ctx, &e.PushSubscriptions, `
					SELECT substring(endpoint from '^https://([^/]+)') AS host, created_at
					FROM push_subscriptions WHERE user_id = $1 ORDER BY created_at`, id)
			},
			func() error {
				return tx.SelectContext(ctx, &e.Notifications, `
					SELECT type, subject_id, created_at, read_at FROM notifications WHERE user_id = $1
					ORDER BY created_at`, id)
			},
			func() error {
				return tx.SelectContext(ctx, &e.SignalsReported, `
					SELECT id, status, urgency, created_at FROM signals WHERE reporter_id = $1 ORDER BY created_at`, id)
			},
			func() error { return tx.GetContext(ctx, &e.Marketplace, exportMarketQuery, id) },
			func() error {
				return tx.GetContext(ctx, &e.FacilitiesCreated, `
					SELECT coalesce(json_agg(json_build_object('id', id, 'name', name, 'createdAt', created_at)
					       ORDER BY created_at), '[]') FROM facilities WHERE created_by = $1`, id)
			},
			func() error {
				return tx.GetContext(ctx, &e.KeyfigureInvitations, `
					SELECT coalesce(json_agg(json_build_object('email', email, 'name', name, 'areaId', area_code,
					       'organisationId', organisation_id, 'createdAt', created_at, 'usedAt', used_at)
					       ORDER BY created_at), '[]') FROM keyfigure_invitations WHERE user_id = $1`, id)
			},
		}
		for _, step := range steps {
			if err := step(); err != nil {
				return fmt.Errorf("export: %w", err)
			}
		}
		return nil
	})
	return e, err
}

package signals

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/noaber/noaber/internal/notify"
)

// assignee is the professional a signal is routed to.
type assignee struct {
	ID          string `db:"user_id"`
	DisplayName string `db:"display_name"`
}

// route finds who receives a new signal for neighbourhood code: the contact
// of the area team serving it or, without one, the team's coordinator
// (that gap shows in the admin's list of areas without a contact). routed
// is false when no team serves the neighbourhood, or nobody in it holds the
// contact role any more.
func route(ctx context.Context, tx *sqlx.Tx, code string) (a assignee, routed bool, err error) {
	err = tx.GetContext(ctx, &a, `
		SELECT c.user_id, u.display_name FROM area_contacts c JOIN users u ON u.id = c.user_id
		WHERE c.neighbourhood_code = $1 AND c.role IN ('contact', 'coordinator')
		ORDER BY c.rank LIMIT 1`, code)
	if errors.Is(err, sql.ErrNoRows) {
		return assignee{}, false, nil
	}
	if err != nil {
		return assignee{}, false, fmt.Errorf("route signal: %w", err)
	}
	return a, true, nil
}

// escalationTarget is who a signal at level escalates to: the backup at
// level 1, the coordinator at level 2. A level whose person is missing, or
// is the current assignee already, is skipped. ok is false when nobody is
// left to escalate to.
func escalationTarget(ctx context.Context, tx *sqlx.Tx, code, current string, level int) (to string, newLevel int, ok bool, err error) {
	var rows []struct {
		UserID string `db:"user_id"`
		Rank   int    `db:"rank"`
	}
	err = tx.SelectContext(ctx, &rows, `
		SELECT user_id, rank FROM area_contacts
		WHERE neighbourhood_code = $1 AND role IN ('backup', 'coordinator') AND rank > $2 + 1
		ORDER BY rank`, code, level)
	if err != nil {
		return "", 0, false, fmt.Errorf("find escalation target: %w", err)
	}
	for _, r := range rows {
		if r.UserID != current {
			return r.UserID, r.Rank - 1, true, nil
		}
	}
	return "", 0, false, nil
}

// teamMember is the SQL condition "user $N may work on signal s": they are
// the contact, backup or coordinator of the area team serving the signal's
// neighbourhood now (area_contacts only holds live accounts with the contact
// role), or the signal's current assignee while they still hold that role.
func teamMember(param string) string {
	return `(EXISTS (SELECT 1 FROM area_contacts ac WHERE ac.neighbourhood_code = s.neighbourhood_code AND ac.user_id = ` + param + `)
		OR (s.assignee_id = ` + param + ` AND EXISTS (SELECT 1 FROM user_roles ur JOIN users uu ON uu.id = ur.user_id
			WHERE ur.user_id = ` + param + ` AND ur.role = 'contact' AND uu.deleted_at IS NULL AND uu.disabled_at IS NULL)))`
}

// notifyAssignee tells the new assignee about a signal; urgent signals pass
// quiet hours.
func notifyAssignee(ctx context.Context, tx *sqlx.Tx, now time.Time, userID, signalID string, u Urgency) error {
	return notify.Enqueue(ctx, tx, now, notify.Notification{UserID: userID, Type: notify.SignalAssigned,
		SubjectID: signalID, Urgent: u == Urgent})
}

// alertAdmins tells every administrator, urgently, that a signal could not
// be routed: nobody else would know it is waiting. The notification is as
// generic as every other; admins see only the signal's metadata.
func alertAdmins(ctx context.Context, tx *sqlx.Tx, now time.Time, signalID string) error {
	var admins []string
	err := tx.SelectContext(ctx, &admins, `
		SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'admin'
		WHERE u.deleted_at IS NULL AND u.disabled_at IS NULL ORDER BY u.id`)
	if err != nil {
		return fmt.Errorf("find admins: %w", err)
	}
	for _, id := range admins {
		if err := notify.Enqueue(ctx, tx, now, notify.Notification{UserID: id, Type: notify.SignalAssigned,
			SubjectID: signalID, Urgent: true}); err != nil {
			return err
		}
	}
	return nil
}

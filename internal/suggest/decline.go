package suggest

import (
	"context"
	"fmt"

	"github.com/noaber/noaber/internal/domain"
)

// Decline records that userID will not help with a request: they are never
// suggested for it again, never asked for it by the proactive job, and it
// is left out of their own suggestions. Declining again changes nothing.
// Only a request the person could see in the feed can be declined (open,
// visible, someone else's, no block either way); anything else is
// domain.ErrNotFound. A broker's open proposal of this person for the
// request is declined in the same statement.
func (s *Suggest) Decline(ctx context.Context, userID, postID string) error {
	if err := checkID(postID); err != nil {
		return err
	}
	now := s.nowUTC()
	var n int
	err := s.db.GetContext(ctx, &n, `
		WITH declined AS (`+declineInsert+` RETURNING post_id),
		proposals AS (
		    UPDATE match_proposals SET outcome = 'declined', decided_at = $3
		    WHERE post_id IN (SELECT post_id FROM declined) AND helper_id = $2 AND outcome = 'open'
		)
		SELECT count(*) FROM declined`, postID, userID, now)
	if err != nil {
		return fmt.Errorf("decline %s: %w", postID, err)
	}
	if n == 0 {
		return fmt.Errorf("decline %s: %w", postID, domain.ErrNotFound)
	}
	return nil
}

// declineInsert records the decline of request $1 by $2 at $3, when $2
// could see it in the feed.
const declineInsert = `
		INSERT INTO suggestion_asks (post_id, user_id, declined_at)
		SELECT p.id, $2, $3
		FROM posts p
		JOIN users a ON a.id = p.author_id
		WHERE p.id = $1 AND p.kind = 'request' AND p.status = 'open' AND p.hidden_at IS NULL
		  AND p.expires_at > $3 AND p.author_id <> $2
		  AND a.deleted_at IS NULL AND a.disabled_at IS NULL
		  AND NOT EXISTS (SELECT 1 FROM blocks b
		                  WHERE (b.blocker_id = p.author_id AND b.blocked_id = $2)
		                     OR (b.blocker_id = $2 AND b.blocked_id = p.author_id))
		ON CONFLICT (post_id, user_id)
		DO UPDATE SET declined_at = COALESCE(suggestion_asks.declined_at, EXCLUDED.declined_at)`

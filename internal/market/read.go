package market

import (
	"context"
	"fmt"

	"github.com/noaber/noaber/internal/domain"
)

// distanceSQL is the great-circle (haversine) distance in km between the
// centroids of areas ra and pa; the same formula as in feed.sql.
const distanceSQL = `2 * 6371.0 * asin(least(1, sqrt(
	power(sin(radians(pa.latitude - ra.latitude) / 2), 2) +
	cos(radians(ra.latitude)) * cos(radians(pa.latitude)) * power(sin(radians(pa.longitude - ra.longitude) / 2), 2))))`

// postSelect reads posts p as reader $1 sees them: proximity and
// distance from the reader's neighbourhood ra to the post's pa, the
// reader's conversation on it and, for the author only, the number of
// responses. A reader without a neighbourhood sees "nearby" at distance 0.
const postSelect = `
	SELECT p.id, p.author_id, u.display_name AS author_name, p.neighbourhood_code, pa.name AS neighbourhood_name,
	       p.organisation_id, o.name AS organisation_name, p.kind, p.category_code, p.title, p.body,
	       p.moment_text, p.moment_at, p.recurrence, p.radius_km, p.status,
	       CASE WHEN ra.code = pa.code THEN 0
	            WHEN EXISTS (SELECT 1 FROM area_borders b WHERE b.area_code = least(ra.code, pa.code)
	                         AND b.neighbour_code = greatest(ra.code, pa.code)) THEN 1
	            ELSE 2 END AS rank,
	       CASE WHEN ra.code = pa.code THEN 0 ELSE COALESCE(` + distanceSQL + `, 0) END AS distance_km,
	       (SELECT c.id FROM conversations c WHERE c.post_id = p.id AND c.responder_id = $1) AS my_conversation_id,
	       CASE WHEN p.author_id = $1 THEN (SELECT count(*) FROM conversations c WHERE c.post_id = p.id) END
	           AS response_count,
	       p.expires_at, p.created_at, p.updated_at
	FROM posts p
	JOIN users u ON u.id = p.author_id
	JOIN areas pa ON pa.code = p.neighbourhood_code
	LEFT JOIN organisations o ON o.id = p.organisation_id
	LEFT JOIN users r ON r.id = $1
	LEFT JOIN areas ra ON ra.code = r.neighbourhood_code`

// visibleTo is who may see post p at $2: reader $1 if they are its author; anybody else only
// while it is open, unexpired and not hidden, its author active, and no
// block between the two either way. (A paused author's post drops out of
// the feed but stays reachable through its link.)
const visibleTo = `(p.author_id = $1 OR (p.status = 'open' AND p.expires_at > $2 AND p.hidden_at IS NULL
	AND u.deleted_at IS NULL AND u.disabled_at IS NULL
	AND NOT EXISTS (SELECT 1 FROM blocks bl WHERE (bl.blocker_id = $1 AND bl.blocked_id = p.author_id)
	                                          OR (bl.blocker_id = p.author_id AND bl.blocked_id = $1))))`

// PostPage is one page of posts.
type PostPage struct {
	Items []Post
	Next  string
}

// MyPosts lists the author's own posts, newest first, in every status or
// only in status (as readers see it: an open post past expiry is expired).
func (m *Market) MyPosts(ctx context.Context, authorID string, status Status, cursor domain.Cursor, limit int) (PostPage, error) {
	if status != "" && !status.Valid() {
		return PostPage{}, &domain.InvalidError{Fields: []domain.FieldError{{Name: "status",
			Reason: "must be open, closed, withdrawn or expired"}}}
	}
	now := m.nowUTC()
	var rows []postRow
	err := m.db.SelectContext(ctx, &rows, postSelect+`
		WHERE p.author_id = $1
		  AND ($3 = '' OR $3 = CASE WHEN p.status = 'open' AND p.expires_at <= $2 THEN 'expired' ELSE p.status END)
		  AND ($4::timestamptz IS NULL OR (p.created_at, p.id) < ($4, $5::uuid))
		ORDER BY p.created_at DESC, p.id DESC LIMIT $6`,
		authorID, now, string(status), cursor.AtOrNil(), cursor.IDOrNil(), limit+1)
	if err != nil {
		return PostPage{}, fmt.Errorf("list my posts: %w", err)
	}
	var page PostPage
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[limit-1]
		page.Next = domain.Cursor{At: last.CreatedAt, ID: last.ID}.String()
	}
	page.Items = make([]Post, len(rows))
	for i, r := range rows {
		page.Items[i] = r.post(authorID, now)
	}
	return page, nil
}

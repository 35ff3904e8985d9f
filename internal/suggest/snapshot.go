package suggest

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/jmoiron/sqlx/types"

	"github.com/noaber/noaber/internal/database"
	"github.com/noaber/noaber/internal/domain"
	"github.com/noaber/noaber/matching"
)

// Computed suggestions are kept for a while (migration 00013 says what
// waits and what is checked again on every read). SnapshotSize is what is
// kept: the largest page.
const (
	DefaultTTL   = 5 * time.Minute
	SnapshotSize = 100
)

// helperItem is one kept suggestion for a request.
type helperItem struct {
	N       int               `json:"n"`
	ID      string            `json:"id"`
	OfferID string            `json:"offerId,omitempty"`
	Score   float64           `json:"score"`
	Reasons []matching.Reason `json:"reasons"`
}

// requestItem is one kept suggestion for a resident.
type requestItem struct {
	N       int               `json:"n"`
	ID      string            `json:"id"`
	Km      float64           `json:"km"`
	Score   float64           `json:"score"`
	Reasons []matching.Reason `json:"reasons"`
}

// requestKeptQuery is requestQuery ($1 the request, $2 the viewer, $3
// broker, $4 now, $5 system) with, when a ranking made no earlier than $6
// of the request as it is now is kept, its items that may be shown now
// (at most $7, walked in order): one row per item, or one row without a
// helper. No row: the viewer may not see the request's suggestions.
var requestKeptQuery = `
	WITH req AS MATERIALIZED (` + requestQuery + `)
	SELECT req.*, s.post_id IS NOT NULL AS kept, h.helper_id, h.helper_name, h.helper_neighbourhood_code,
	       h.helper_neighbourhood_name, h.offer_id, h.score, h.reasons
	FROM req
	LEFT JOIN request_suggestions s
	       ON s.post_id = req.id AND s.post_updated_at = req.updated_at AND s.computed_at > $6
	LEFT JOIN LATERAL (
	    SELECT i.n, i.user_id AS helper_id, u.display_name AS helper_name,
	           COALESCE(u.neighbourhood_code, '') AS helper_neighbourhood_code,
	           COALESCE(a.name, '') AS helper_neighbourhood_name, i.offer_id, i.score, i.reasons
	    FROM request_suggestion_items i
	    JOIN users u ON u.id = i.user_id
	    LEFT JOIN areas a ON a.code = u.neighbourhood_code
	    WHERE i.post_id = s.post_id
	      AND u.deleted_at IS NULL AND u.disabled_at IS NULL
	      AND (u.paused_at IS NULL OR u.paused_until <= $4)
	      AND NOT EXISTS (SELECT 1 FROM blocks b
	                      WHERE (b.blocker_id = req.author_id AND b.blocked_id = u.id)
	                         OR (b.blocker_id = u.id AND b.blocked_id = req.author_id))
	      AND NOT EXISTS (SELECT 1 FROM suggestion_asks k
	                      WHERE k.post_id = s.post_id AND k.user_id = u.id AND k.declined_at IS NOT NULL)
	      AND (i.offer_id IS NULL OR EXISTS (
	          SELECT 1 FROM posts o
	          WHERE o.id = i.offer_id AND o.status = 'open' AND o.hidden_at IS NULL AND o.expires_at > $4))
	    ORDER BY i.n
	    LIMIT $7
	) h ON s.post_id IS NOT NULL
	ORDER BY h.n`

// requestKeptRow is a row of requestKeptQuery.
type requestKeptRow struct {
	requestRow
	Kept                    bool               `db:"kept"`
	HelperID                sql.NullString     `db:"helper_id"`
	HelperName              sql.NullString     `db:"helper_name"`
	HelperNeighbourhoodCode sql.NullString     `db:"helper_neighbourhood_code"`
	HelperNeighbourhoodName sql.NullString     `db:"helper_neighbourhood_name"`
	OfferID                 sql.NullString     `db:"offer_id"`
	Score                   sql.NullFloat64    `db:"score"`
	Reasons                 types.NullJSONText `db:"reasons"`
}

// requestWithKept reads the request the viewer may see the suggestions of,
// with the kept helpers that may be shown now if a fresh ranking is kept.
func (s *Suggest) requestWithKept(ctx context.Context, viewer Viewer, postID string, now time.Time, limit int) (requestRow, []Helper, bool, error) {
	st, err := s.stmt(ctx, requestKeptQuery)
	if err != nil {
		return requestRow{}, nil, false, err
	}
	var rows []requestKeptRow
	if err := st.SelectContext(ctx, &rows, postID, viewer.UserID, viewer.Broker, now, false,
		now.Add(-s.ttl), limit); err != nil {
		return requestRow{}, nil, false, fmt.Errorf("load request %s: %w", postID, err)
	}
	if len(rows) == 0 {
		return requestRow{}, nil, false, fmt.Errorf("request %s: %w", postID, domain.ErrNotFound)
	}
	req := rows[0].requestRow
	if !rows[0].Kept {
		return req, nil, false, nil
	}
	labels := categoryLabels{req.Category: {nl: req.CategoryNL, en: req.CategoryEN}}
	out := make([]Helper, 0, len(rows))
	for _, r := range rows {
		if !r.HelperID.Valid {
			continue
		}
		reasons, err := decodeReasons(r.Reasons)
		if err != nil {
			return req, nil, false, fmt.Errorf("kept reasons of %s: %w", req.ID, err)
		}
		h := Helper{Person: UserRef{ID: r.HelperID.String, DisplayName: r.HelperName.String,
			Neighbourhood: AreaRef{ID: r.HelperNeighbourhoodCode.String, Name: r.HelperNeighbourhoodName.String}},
			Score: r.Score.Float64, Reasons: render(reasons, req.Language, labels)}
		if r.OfferID.Valid {
			id := r.OfferID.String
			h.OfferID = &id
		}
		out = append(out, h)
	}
	return req, out, true, nil
}

// ranking is a fresh ranking, best first, with the rows it was made from.
type ranking[R any] struct {
	rows   []R
	ranked []matching.Suggestion
}

// top is the best limit of r.
func (r ranking[R]) top(limit int) []matching.Suggestion { return r.ranked[:min(limit, len(r.ranked))] }

// shared runs rank once for all readers of key who find nothing kept at the
// same moment (say, the first reads after the TTL), and gives each the
// result. The ranking outlives a reader who gives up: the others wait for it.
func shared[R any](ctx context.Context, s *Suggest, key string, rank func(context.Context) (ranking[R], error)) (ranking[R], error) {
	v, err, _ := s.flight.Do(key, func() (any, error) { return rank(context.WithoutCancel(ctx)) })
	if err != nil {
		return ranking[R]{}, err
	}
	return v.(ranking[R]), nil
}

// decodeReasons reads kept reasons.
func decodeReasons(kept types.NullJSONText) ([]matching.Reason, error) {
	var reasons []matching.Reason
	err := json.Unmarshal(kept.JSONText, &reasons)
	return reasons, err
}

// keepHelpers stores the ranking of req made at now.
func (s *Suggest) keepHelpers(ctx context.Context, req requestRow, now time.Time, ranked []matching.Suggestion) error {
	items := make([]helperItem, len(ranked))
	for i, sg := range ranked {
		items[i] = helperItem{N: i, ID: sg.ID, OfferID: sg.OfferID, Score: roundScore(sg.Score), Reasons: sg.Reasons}
	}
	return s.keep(ctx, items, req.ID, `
		INSERT INTO request_suggestions (post_id, post_updated_at, computed_at) VALUES ($1, $2, $3)
		ON CONFLICT (post_id) DO UPDATE
		SET post_updated_at = EXCLUDED.post_updated_at, computed_at = EXCLUDED.computed_at`,
		[]any{req.ID, req.UpdatedAt, now}, `
		DELETE FROM request_suggestion_items WHERE post_id = $1`, `
		INSERT INTO request_suggestion_items (post_id, n, user_id, offer_id, score, reasons)
		SELECT $1, i.n, i.id, i."offerId", i.score, i.reasons
		FROM jsonb_to_recordset($2) AS i (n int, id uuid, "offerId" uuid, score float8, reasons jsonb)`)
}

// residentKeptQuery reads, for resident $1 at $3, whether they can get
// suggestions now (live, not paused, with a neighbourhood) and their
// language, with, when a ranking made no earlier than $2 is kept, its
// requests that are still open to them (at most $4, walked in order): one
// row per request, or one row without a request. No row: no such resident.
const residentKeptQuery = `
	SELECT me.language,
	       (me.deleted_at IS NULL AND me.disabled_at IS NULL AND me.neighbourhood_code IS NOT NULL
	        AND NOT (me.paused_at IS NOT NULL AND (me.paused_until IS NULL OR me.paused_until > $3))) AS available,
	       s.user_id IS NOT NULL AS kept,
	       r.id, r.author_id, r.author_name, r.kind, r.category_code, r.category_nl, r.category_en, r.title,
	       r.neighbourhood_code, r.neighbourhood_name, r.km, r.created_at, r.score, r.reasons, r.offer_id
	FROM users me
	LEFT JOIN resident_suggestions s ON s.user_id = me.id AND s.computed_at > $2
	LEFT JOIN LATERAL (
	    SELECT i.n, p.id, p.author_id, u.display_name AS author_name, p.kind, p.category_code,
	           c.label_nl AS category_nl, c.label_en AS category_en, p.title,
	           p.neighbourhood_code, a.name AS neighbourhood_name, i.km, p.created_at, i.score, i.reasons,
	           -- The resident's own offer in the category, the widest (as helperQuery).
	           (SELECT o.id FROM posts o
	            WHERE o.author_id = $1 AND o.kind = 'offer' AND o.category_code = p.category_code
	              AND o.status = 'open' AND o.hidden_at IS NULL AND o.expires_at > $3
	            ORDER BY o.radius_km DESC, o.id LIMIT 1) AS offer_id
	    FROM resident_suggestion_items i
	    JOIN posts p ON p.id = i.post_id
	    JOIN users u ON u.id = p.author_id
	    JOIN areas a ON a.code = p.neighbourhood_code
	    JOIN categories c ON c.code = p.category_code
	    WHERE i.user_id = s.user_id
	      AND p.status = 'open' AND p.hidden_at IS NULL AND p.expires_at > $3
	      AND u.deleted_at IS NULL AND u.disabled_at IS NULL
	      AND NOT EXISTS (SELECT 1 FROM blocks b
	                      WHERE (b.blocker_id = $1 AND b.blocked_id = p.author_id)
	                         OR (b.blocker_id = p.author_id AND b.blocked_id = $1))
	      AND NOT EXISTS (SELECT 1 FROM suggestion_asks k
	                      WHERE k.post_id = p.id AND k.user_id = $1 AND k.declined_at IS NOT NULL)
	    ORDER BY i.n
	    LIMIT $4
	) r ON s.user_id IS NOT NULL
	WHERE me.id = $1
	ORDER BY r.n`

// residentKeptRow is a row of residentKeptQuery.
type residentKeptRow struct {
	Language          string             `db:"language"`
	Available         bool               `db:"available"`
	Kept              bool               `db:"kept"`
	ID                sql.NullString     `db:"id"`
	AuthorID          sql.NullString     `db:"author_id"`
	AuthorName        sql.NullString     `db:"author_name"`
	Kind              sql.NullString     `db:"kind"`
	Category          sql.NullString     `db:"category_code"`
	CategoryNL        sql.NullString     `db:"category_nl"`
	CategoryEN        sql.NullString     `db:"category_en"`
	Title             sql.NullString     `db:"title"`
	NeighbourhoodCode sql.NullString     `db:"neighbourhood_code"`
	NeighbourhoodName sql.NullString     `db:"neighbourhood_name"`
	Km                sql.NullFloat64    `db:"km"`
	CreatedAt         sql.NullTime       `db:"created_at"`
	Score             sql.NullFloat64    `db:"score"`
	Reasons           types.NullJSONText `db:"reasons"`
	OfferID           sql.NullString     `db:"offer_id"`
}

// keptRequests returns the kept suggestions of resident userID as they may
// be shown now, and whether that is the answer: true also when the
// resident can get no suggestions now (an empty list), false when a fresh
// ranking must be made.
func (s *Suggest) keptRequests(ctx context.Context, userID string, now time.Time, limit int) ([]Request, bool, error) {
	st, err := s.stmt(ctx, residentKeptQuery)
	if err != nil {
		return nil, false, err
	}
	var rows []residentKeptRow
	if err := st.SelectContext(ctx, &rows, userID, now.Add(-s.ttl), now, limit); err != nil {
		return nil, false, fmt.Errorf("kept suggestions of %s: %w", userID, err)
	}
	if len(rows) == 0 || !rows[0].Available {
		return []Request{}, true, nil
	}
	if !rows[0].Kept {
		return nil, false, nil
	}
	out := make([]Request, 0, len(rows))
	for _, r := range rows {
		if !r.ID.Valid {
			continue
		}
		reasons, err := decodeReasons(r.Reasons)
		if err != nil {
			return nil, false, fmt.Errorf("kept reasons of %s: %w", userID, err)
		}
		labels := categoryLabels{r.Category.String: {nl: r.CategoryNL.String, en: r.CategoryEN.String}}
		req := Request{
			Post: PostSummary{ID: r.ID.String, Kind: r.Kind.String, Category: r.Category.String, Title: r.Title.String,
				Author: UserRef{ID: r.AuthorID.String, DisplayName: r.AuthorName.String,
					Neighbourhood: AreaRef{ID: r.NeighbourhoodCode.String, Name: r.NeighbourhoodName.String}},
				DistanceKm: r.Km.Float64, CreatedAt: r.CreatedAt.Time},
			Score: r.Score.Float64, Reasons: render(reasons, r.Language, labels),
		}
		if r.OfferID.Valid {
			id := r.OfferID.String
			req.OfferID = &id
		}
		out = append(out, req)
	}
	return out, true, nil
}

// keepRequests stores the ranking for helper h made at now; km is the
// distance to each request by id.
func (s *Suggest) keepRequests(ctx context.Context, h helperRow, now time.Time, ranked []matching.Suggestion, km map[string]float64) error {
	items := make([]requestItem, len(ranked))
	for i, sg := range ranked {
		items[i] = requestItem{N: i, ID: sg.ID, Km: roundHalfKm(km[sg.ID]), Score: roundScore(sg.Score), Reasons: sg.Reasons}
	}
	return s.keep(ctx, items, h.ID, `
		INSERT INTO resident_suggestions (user_id, computed_at) VALUES ($1, $2)
		ON CONFLICT (user_id) DO UPDATE SET computed_at = EXCLUDED.computed_at`,
		[]any{h.ID, now}, `
		DELETE FROM resident_suggestion_items WHERE user_id = $1`, `
		INSERT INTO resident_suggestion_items (user_id, n, post_id, km, score, reasons)
		SELECT $1, i.n, i.id, i.km, i.score, i.reasons
		FROM jsonb_to_recordset($2) AS i (n int, id uuid, km float8, score float8, reasons jsonb)`)
}

// keep replaces the kept ranking of subject by items in one transaction:
// head (with headArgs) stamps the ranking and locks its row, so that two
// rankings of the same subject at once are stored one after the other;
// clear ($1 subject) deletes the old items and fill ($1 subject, $2 the
// items as JSON) adds the new.
func (s *Suggest) keep(ctx context.Context, items any, subject, head string, headArgs []any, clear, fill string) error {
	data, err := json.Marshal(items)
	if err != nil {
		return fmt.Errorf("keep suggestions of %s: %w", subject, err)
	}
	err = database.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, head, headArgs...); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, clear, subject); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, fill, subject, data)
		return err
	})
	if err != nil {
		return fmt.Errorf("keep suggestions of %s: %w", subject, err)
	}
	return nil
}

// purgeKept deletes what is kept longer than the TTL.
func (s *Suggest) purgeKept(ctx context.Context) error {
	before := s.nowUTC().Add(-s.ttl)
	for _, table := range []string{"request_suggestions", "resident_suggestions"} {
		if _, err := s.db.ExecContext(ctx, `DELETE FROM `+table+` WHERE computed_at <= $1`, before); err != nil {
			return fmt.Errorf("purge %s: %w", table, err)
		}
	}
	return nil
}

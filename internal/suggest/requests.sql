-- Open requests a resident could answer, with the facts the ranker
-- (package matching) needs about each request, its author and the pair.
--
-- Parameters:
--   $1  uuid         the helper (users.id)
--   $2  timestamptz  now
--   $3  int          the most requests in the helper's categories (offered or helped in before)
--   $4  int          the most requests of any category from the nearest neighbourhoods
--   $5  float8       the largest radius a request can have, in km
--   $6  text[]       the helper's categories (offered or helped in before)
--
-- A request qualifies when it is open, visible and not expired, not the
-- helper's own, its author is live and not blocked either way, the helper
-- did not decline it, and the helper's neighbourhood lies within its
-- radius. Two sources, each nearest first and capped: requests in the
-- helper's categories (posts_match_idx, per neighbourhood in reach), and
-- the newest requests of any category in the 9 nearest neighbourhoods
-- (posts_feed_idx). Facts are counted only for what is left.
WITH me AS (
    SELECT u.id, u.neighbourhood_code, a.latitude, a.longitude
    FROM users u
    JOIN areas a ON a.code = u.neighbourhood_code
    WHERE u.id = $1::uuid
),
blocked AS (
    SELECT ARRAY(
        SELECT b.blocked_id FROM blocks b WHERE b.blocker_id = $1::uuid
        UNION ALL
        SELECT b.blocker_id FROM blocks b WHERE b.blocked_id = $1::uuid
    ) AS ids
),
declined AS (
    SELECT ARRAY(
        SELECT s.post_id FROM suggestion_asks s WHERE s.user_id = $1::uuid AND s.declined_at IS NOT NULL
    ) AS ids
),
distances AS (
    SELECT h.code,
           CASE WHEN h.code = m.neighbourhood_code THEN 0::float8
                ELSE 2 * 6371.0 * asin(least(1, sqrt(
                    power(sin(radians(h.latitude - m.latitude) / 2), 2) +
                    cos(radians(m.latitude)) * cos(radians(h.latitude)) *
                    power(sin(radians(h.longitude - m.longitude) / 2), 2))))
           END AS km,
           h.code = m.neighbourhood_code AS same
    FROM me m
    JOIN areas h ON h.kind = 'neighbourhood'
),
hoods AS (
    SELECT d.code, d.km,
           NOT d.same AND EXISTS (
               SELECT 1 FROM area_borders ab
               WHERE ab.area_code = least(d.code, m.neighbourhood_code)
                 AND ab.neighbour_code = greatest(d.code, m.neighbourhood_code)) AS bordering,
           CASE WHEN d.same THEN 0 ELSE 1 END AS same_rank
    FROM distances d, me m
    WHERE d.same OR d.km <= $5::float8
),
-- Nearest first: the order in which neighbourhoods are walked.
ordered AS (
    SELECT h.code, h.km, h.bordering,
           row_number() OVER (ORDER BY h.same_rank, h.bordering DESC, h.km, h.code) AS n
    FROM hoods h
),
-- Per neighbourhood, nearest first, and per category of the helper, the
-- newest requests; the outer LIMIT stops the walk once $3 are found (the
-- outer order is the walk's own, so no sort over every neighbourhood in
-- reach). One category at a time makes every lookup an equality on
-- posts_match_idx, also in the generic plan of the prepared statement (an
-- array of unknown size made the planner walk posts_feed_idx instead).
fit AS (
    SELECT p.id, h.code, h.km, h.bordering
    FROM (SELECT o.code, o.km, o.bordering, o.n FROM ordered o ORDER BY o.n) h
    CROSS JOIN unnest($6::text[]) AS c (code)
    CROSS JOIN LATERAL (
        SELECT p.id, p.created_at
        FROM posts p
        JOIN users u ON u.id = p.author_id
        WHERE p.category_code = c.code AND p.kind = 'request'
          AND p.neighbourhood_code = h.code AND p.status = 'open' AND p.hidden_at IS NULL
          AND p.expires_at > $2::timestamptz AND p.radius_km >= h.km
          AND p.author_id <> $1::uuid
          AND p.author_id <> ALL ((SELECT ids FROM blocked)::uuid[])
          AND p.id <> ALL ((SELECT ids FROM declined)::uuid[])
          AND u.deleted_at IS NULL AND u.disabled_at IS NULL
        ORDER BY p.created_at DESC, p.id
        LIMIT $3::int
    ) p
    ORDER BY h.n
    LIMIT $3::int
),
-- The newest requests of any category in the 9 nearest neighbourhoods,
-- walked the same way.
nearby AS (
    SELECT p.id, h.code, h.km, h.bordering
    FROM (SELECT o.code, o.km, o.bordering, o.n FROM ordered o ORDER BY o.n LIMIT 9) h
    CROSS JOIN LATERAL (
        SELECT p.id, p.created_at
        FROM posts p
        JOIN users u ON u.id = p.author_id
        WHERE p.neighbourhood_code = h.code AND p.status = 'open' AND p.hidden_at IS NULL
          AND p.kind = 'request'
          AND p.expires_at > $2::timestamptz AND p.radius_km >= h.km
          AND p.author_id <> $1::uuid
          AND p.author_id <> ALL ((SELECT ids FROM blocked)::uuid[])
          AND p.id <> ALL ((SELECT ids FROM declined)::uuid[])
          AND u.deleted_at IS NULL AND u.disabled_at IS NULL
        ORDER BY p.created_at DESC, p.id
        LIMIT $4::int
    ) p
    ORDER BY h.n
    LIMIT $4::int
),
picked AS (
    SELECT id, code, km, bordering FROM fit
    UNION
    SELECT id, code, km, bordering FROM nearby
)
SELECT p.id, p.author_id, u.display_name AS author_name, p.kind, p.category_code,
       c.label_nl AS category_nl, c.label_en AS category_en, p.title,
       k.code AS neighbourhood_code, a.name AS neighbourhood_name, COALESCE(a.parent_code, '') AS district,
       k.km, k.bordering, p.radius_km::float8 AS radius_km, p.moment_at, p.created_at,
       g.given, g.gave_to_helper, rc.received, rc.got_from_helper,
       (SELECT count(*) FROM conversations cv WHERE cv.post_id = p.id) AS responses
FROM picked k
JOIN posts p ON p.id = k.id
JOIN users u ON u.id = p.author_id
JOIN areas a ON a.code = k.code
JOIN categories c ON c.code = p.category_code
CROSS JOIN LATERAL (
    SELECT count(*) AS given,
           count(*) FILTER (WHERE r.receiver_id = $1::uuid) AS gave_to_helper
    FROM reciprocity_entries r WHERE r.giver_id = p.author_id
) g
CROSS JOIN LATERAL (
    SELECT count(*) AS received,
           count(*) FILTER (WHERE r.giver_id = $1::uuid) AS got_from_helper
    FROM reciprocity_entries r WHERE r.receiver_id = p.author_id
) rc

-- The feed: the open posts a reader may see, nearest first.
--
-- Parameters (all positional, all given; '' or NULL means "no filter"):
--   $1  uuid         reader (users.id); their own posts never show
--   $2  float8       reader's radius in km (the API defaults to 5, at most 15)
--   $3  text         kind: 'request', 'offer' or '' for both
--   $4  text         category code or '' for all
--   $5  tsquery      the search, made from the words by searchQuery (internal/market/feed.go), or NULL
--   $6  timestamptz  now
--   $7  int          cursor: proximity rank of the last row seen (NULL on the first page)
--   $8  numeric      cursor: its rounded distance in km
--   $9  timestamptz  cursor: its created_at
--   $10 uuid         cursor: its id
--   $11 int          how many rows to return (page size + 1, to know whether there is a next page)
-- Example for pgbench (first page):
--   $1 = a resident's id, $2 = 5, $3 = '', $4 = '', $5 = NULL, $6 = now(),
--   $7..$10 = NULL, $11 = 21
--
-- Order: proximity rank (0 same neighbourhood, 1 bordering, 2 nearby), then
-- the distance between the two neighbourhood centroids rounded to 0.5 km,
-- then newest first (created_at DESC, id ASC as in posts_feed_idx).
--
-- Shape, for speed: the candidate neighbourhoods come first from
-- neighbourhood_distances (within the reader's radius, same neighbourhood
-- always in);
-- then, per candidate, at most $11 posts in index order from the partial
-- index posts_feed_idx (neighbourhood_code, created_at DESC, id) WHERE
-- status = 'open' AND hidden_at IS NULL, with every exclusion applied
-- before that LIMIT; the union of those small lists is sorted once. Blocks
-- both ways are read once into an array.
WITH reader AS (
    SELECT u.neighbourhood_code AS code
    FROM users u
    WHERE u.id = $1::uuid
),
blocked AS (
    SELECT CASE WHEN b.blocker_id = $1::uuid THEN b.blocked_id ELSE b.blocker_id END AS id
    FROM blocks b
    WHERE b.blocker_id = $1::uuid OR b.blocked_id = $1::uuid
),
-- Neighbourhoods within the reader's radius, from the precomputed
-- neighbourhood_distances (migration 00012); the reader's own is distance 0.
candidates AS (
    SELECT d.to_code AS code, d.km,
           (round((d.km * 2)::numeric) / 2)::numeric(6, 1) AS rounded_km,
           d.rank
    FROM reader r
    JOIN neighbourhood_distances d ON d.from_code = r.code
    WHERE d.km <= $2::float8
),
page AS (
    SELECT p.id, p.author_id, p.author_name, p.neighbourhood_code, p.organisation_id, p.kind,
           p.category_code, p.title, p.body, p.moment_text, p.moment_at, p.recurrence, p.radius_km,
           p.status, c.rank, c.rounded_km, p.expires_at, p.created_at, p.updated_at
    FROM (SELECT c.code, c.km, c.rounded_km, c.rank FROM candidates c
          WHERE $7::int IS NULL OR (c.rank, c.rounded_km) >= ($7::int, $8::numeric)
          ORDER BY c.rank, c.rounded_km) c
    CROSS JOIN LATERAL (
        SELECT p.id, p.author_id, u.display_name AS author_name, p.neighbourhood_code, p.organisation_id,
               p.kind, p.category_code, p.title, p.body, p.moment_text, p.moment_at, p.recurrence,
               p.radius_km, p.status, p.expires_at, p.created_at, p.updated_at
        FROM posts p
        JOIN users u ON u.id = p.author_id
        WHERE p.neighbourhood_code = c.code
          AND p.status = 'open' AND p.hidden_at IS NULL
          AND p.expires_at > $6::timestamptz
          AND p.radius_km >= c.km
          AND p.author_id <> $1::uuid
          AND p.author_id <> ALL (ARRAY(SELECT id FROM blocked))
          AND ($3::text = '' OR p.kind = $3::text)
          AND ($4::text = '' OR p.category_code = $4::text)
          AND ($5::tsquery IS NULL OR p.search @@ $5::tsquery)
          AND u.deleted_at IS NULL AND u.disabled_at IS NULL
          -- vakantiestand pauses a helper's offers; their requests stay
          AND (p.kind = 'request' OR u.paused_at IS NULL OR u.paused_until <= $6::timestamptz)
          AND ($7::int IS NULL OR (c.rank, c.rounded_km) > ($7::int, $8::numeric)
               OR p.created_at < $9::timestamptz
               OR (p.created_at = $9::timestamptz AND p.id > $10::uuid))
        ORDER BY p.created_at DESC, p.id
        LIMIT $11::int
    ) p
    ORDER BY c.rank, c.rounded_km, p.created_at DESC, p.id
    LIMIT $11::int
)
SELECT pg.id, pg.author_id, pg.author_name, pg.neighbourhood_code, a.name AS neighbourhood_name,
       pg.organisation_id, o.name AS organisation_name, pg.kind, pg.category_code, pg.title, pg.body,
       pg.moment_text, pg.moment_at, pg.recurrence, pg.radius_km, pg.status, pg.rank,
       pg.rounded_km AS distance_km,
       (SELECT cv.id FROM conversations cv WHERE cv.post_id = pg.id AND cv.responder_id = $1::uuid)
           AS my_conversation_id,
       NULL::int AS response_count,
       pg.expires_at, pg.created_at, pg.updated_at
FROM page pg
JOIN areas a ON a.code = pg.neighbourhood_code
LEFT JOIN organisations o ON o.id = pg.organisation_id
ORDER BY pg.rank, pg.rounded_km, pg.created_at DESC, pg.id

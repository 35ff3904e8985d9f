-- Candidates for a request: the people who could help, with the facts the
-- ranker (package matching) needs about each of them and about the pair.
--
-- Parameters:
--   $1  uuid         the request (posts.id, kind request)
--   $2  timestamptz  now
--   $3  int          the most candidates to return (nearest first)
--   $4  bool         also leave out everyone already asked (the proactive job)
--
-- A candidate is a live, unpaused resident who is not the requester, not
-- blocked either way, did not decline the request, and either
--   - has an open, visible offer in the request's category whose
--     neighbourhood lies within both the request's and the offer's radius, or
--   - helped in that category before (a ledger entry as giver) around here
--     and lives within the request's radius.
-- "Around here" means the help was given in a neighbourhood within the
-- request's radius (reciprocity_entries.neighbourhood_code): help is local,
-- and it keeps the lookup to the index reciprocity_entries_category_idx.
--
-- Shape, for speed: the neighbourhoods in reach come first from the small
-- areas table, as in the feed (internal/market/feed.sql); offers and past
-- helpers are found per neighbourhood through posts_match_idx and
-- reciprocity_entries_category_idx; the exclusions are applied before the
-- cap $3 (nearest first), and only then are the facts counted, with index
-- lookups per candidate (giver, receiver, helper).
WITH req AS (
    SELECT p.id, p.author_id, p.category_code, p.neighbourhood_code, a.parent_code AS district,
           p.radius_km::float8 AS radius_km, a.latitude, a.longitude
    FROM posts p
    JOIN areas a ON a.code = p.neighbourhood_code
    WHERE p.id = $1::uuid
),
excluded AS (
    SELECT ARRAY(
        SELECT b.blocked_id FROM blocks b WHERE b.blocker_id = (SELECT author_id FROM req)
        UNION ALL
        SELECT b.blocker_id FROM blocks b WHERE b.blocked_id = (SELECT author_id FROM req)
        UNION ALL
        SELECT s.user_id FROM suggestion_asks s WHERE s.post_id = $1::uuid AND (s.declined_at IS NOT NULL OR $4::bool)
        UNION ALL
        SELECT author_id FROM req
    ) AS ids
),
distances AS (
    SELECT h.code, h.parent_code AS district,
           CASE WHEN h.code = r.neighbourhood_code THEN 0::float8
                ELSE 2 * 6371.0 * asin(least(1, sqrt(
                    power(sin(radians(h.latitude - r.latitude) / 2), 2) +
                    cos(radians(r.latitude)) * cos(radians(h.latitude)) *
                    power(sin(radians(h.longitude - r.longitude) / 2), 2))))
           END AS km,
           h.code = r.neighbourhood_code AS same
    FROM req r
    JOIN areas h ON h.kind = 'neighbourhood'
),
hoods AS (
    SELECT d.code, d.district, d.km,
           NOT d.same AND EXISTS (
               SELECT 1 FROM area_borders ab
               WHERE ab.area_code = least(d.code, r.neighbourhood_code)
                 AND ab.neighbour_code = greatest(d.code, r.neighbourhood_code)) AS bordering,
           CASE WHEN d.same THEN 0 ELSE 1 END AS same_rank,
           d.district IS NOT DISTINCT FROM r.district AS same_district
    FROM distances d, req r
    WHERE d.same OR d.km <= r.radius_km
),
ordered AS (
    SELECT h.code, h.district, h.km, h.bordering,
           row_number() OVER (ORDER BY h.same_rank, h.bordering DESC, h.same_district DESC, h.km, h.code) AS n
    FROM hoods h
),
-- Per neighbourhood, nearest first, the eligible people found there: the
-- authors of offers in it, and those who helped in the category in it
-- (who are placed where they live, which must be in reach too). The outer
-- LIMIT stops the walk once enough are found.
found AS (
    SELECT f.id, f.display_name, f.created_at, f.code, f.offer_id, f.offer_radius, h.n
    FROM (SELECT o.code, o.km, o.n FROM ordered o ORDER BY o.n) h
    CROSS JOIN LATERAL (
        (SELECT u.id, u.display_name, u.created_at, h.code, p.id AS offer_id, p.radius_km::float8 AS offer_radius
         FROM posts p
         JOIN users u ON u.id = p.author_id
         WHERE p.category_code = (SELECT category_code FROM req) AND p.kind = 'offer'
           AND p.neighbourhood_code = h.code AND p.status = 'open' AND p.hidden_at IS NULL
           AND p.expires_at > $2::timestamptz AND p.radius_km >= h.km
           AND u.deleted_at IS NULL AND u.disabled_at IS NULL
           AND (u.paused_at IS NULL OR u.paused_until <= $2::timestamptz)
           AND u.id <> ALL ((SELECT ids FROM excluded)::uuid[])
         ORDER BY p.radius_km DESC, p.id
         LIMIT $3::int)
        UNION ALL
        (SELECT u.id, u.display_name, u.created_at, u.neighbourhood_code, NULL::uuid, 0::float8
         FROM (SELECT DISTINCT r.giver_id FROM reciprocity_entries r
               WHERE r.category_code = (SELECT category_code FROM req) AND r.neighbourhood_code = h.code) g
         JOIN users u ON u.id = g.giver_id
         WHERE u.neighbourhood_code IN (SELECT code FROM hoods)
           AND u.deleted_at IS NULL AND u.disabled_at IS NULL
           AND (u.paused_at IS NULL OR u.paused_until <= $2::timestamptz)
           AND u.id <> ALL ((SELECT ids FROM excluded)::uuid[])
         LIMIT $3::int)
    ) f
    ORDER BY h.n
    LIMIT 2 * $3::int
),
-- One row per person: their offer (the widest) if they have one, else
-- where they live.
people AS (
    SELECT DISTINCT ON (f.id) f.id, f.display_name, f.created_at, f.code, f.offer_id, f.offer_radius
    FROM found f
    ORDER BY f.id, f.offer_id IS NULL, f.offer_radius DESC, f.n
),
near AS (
    SELECT pe.id, pe.display_name, pe.created_at, pe.code, pe.offer_id, pe.offer_radius,
           h.district, h.km, h.bordering
    FROM people pe
    JOIN ordered h ON h.code = pe.code
    ORDER BY h.n, pe.id
    LIMIT $3::int
)
SELECT n.id, n.display_name, n.code AS neighbourhood_code, a.name AS neighbourhood_name,
       COALESCE(n.district, '') AS district, n.km, n.bordering, n.offer_id, n.offer_radius,
       n.created_at AS member_since,
       g.given, g.helped_requester, COALESCE(g.helped_in, false) AS helped_in,
       rc.received, rc.helped_by_requester,
       x.open_commitments, x.recent, x.completed, x.thanks
FROM near n
JOIN areas a ON a.code = n.code
CROSS JOIN req
CROSS JOIN LATERAL (
    SELECT count(*) AS given,
           count(*) FILTER (WHERE r.receiver_id = req.author_id) AS helped_requester,
           bool_or(r.category_code = req.category_code) AS helped_in
    FROM reciprocity_entries r WHERE r.giver_id = n.id
) g
CROSS JOIN LATERAL (
    SELECT count(*) AS received,
           count(*) FILTER (WHERE r.giver_id = req.author_id) AS helped_by_requester
    FROM reciprocity_entries r WHERE r.receiver_id = n.id
) rc
CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE x.status = 'agreed') AS open_commitments,
           count(*) FILTER (WHERE x.status IN ('agreed', 'completed')
                              AND x.created_at >= $2::timestamptz - interval '30 days') AS recent,
           count(*) FILTER (WHERE x.status = 'completed') AS completed,
           count(*) FILTER (WHERE x.thanked_at IS NOT NULL) AS thanks
    FROM exchanges x WHERE x.helper_id = n.id
) x

#!/usr/bin/env bash
# Load test of matching (issue 6) on the synthetic city. Builds the binary,
# generates Proefstad with `noaber seed synthetic` on a fresh embedded
# database (or uses the city already at NOABER_DATABASE_URL, when
# NOABER_BENCH_SEEDED=1), adds a resident in the busiest neighbourhood who
# posts a request, and measures, each with the same connections and duration:
#   GET /healthz                        the baseline of the HTTP stack
#   GET /api/v1/posts                   the feed, the baseline of bench/feed.sh
#   GET /api/v1/posts/{id}/suggestions  helpers for that request (as its author)
#   GET /api/v1/me/suggestions          requests that resident could answer
# The two suggestion endpoints are measured twice: as served (a ranking is
# kept for NOABER_SUGGESTIONS_TTL, so nearly every read shows a kept one),
# and with NOABER_SUGGESTIONS_TTL=0s, where every read ranks afresh (the
# cost of the first read after the TTL). Prints requests/s, p50 and p99 in
# one table. EXPLAIN (ANALYZE, BUFFERS) of both ranking queries goes to
# test-output/bench/suggestions-plan.txt.
#   bench/suggestions.sh [connections] [seconds]        (default 32 and 20)
# Needs Go, wrk, psql, pgbench and curl (apt-get install wrk postgresql-client).
# A smaller city: NOABER_BENCH_SYNTHETIC="--residents 20000 --posts 10000 --exchanges 100000".
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_init suggestions 32 18092 "$@"
bench_city
bench_resident "Bench Vrager"
start_server
# A freshly loaded city is vacuumed first: else autovacuum does it during
# the runs below (1,000,000 exchanges and ledger rows) and takes the CPU.
echo "== vacuum"
psql "$pg" -X -q -c 'VACUUM (ANALYZE)'
login
post=$(curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"kind":"request","category":"klussen","title":"Plank ophangen","body":"Wie helpt mij met een plank?","radiusKm":3}' \
  "$base/api/v1/posts" | sed -E 's/^\{"id":"([^"]+)".*/\1/')
user=$(psql "$pg" -XAtc "SELECT id FROM users WHERE email = '$email'")
n=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$base/api/v1/posts/$post/suggestions" | grep -o '"person"' | wc -l)
m=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$base/api/v1/me/suggestions" | grep -o '"post"' | wc -l)
echo "== a request in $postcode (klussen, 3 km): $n suggested helpers; $m suggested requests for its author"

auth=(-H "Authorization: Bearer $TOKEN")
run_wrk "GET /healthz (baseline)" "$base/healthz"
run_wrk "GET /posts (feed baseline)" "${auth[@]}" "$base/api/v1/posts"
run_wrk "GET /posts/{id}/suggestions" "${auth[@]}" "$base/api/v1/posts/$post/suggestions"
run_wrk "GET /me/suggestions" "${auth[@]}" "$base/api/v1/me/suggestions"
stop_server
start_server NOABER_SUGGESTIONS_TTL=0s
run_wrk "  the same, ranked on every read (TTL 0)" "${auth[@]}" "$base/api/v1/posts/$post/suggestions"
run_wrk "  the same, ranked on every read (TTL 0)" "${auth[@]}" "$base/api/v1/me/suggestions"

# Ranking afresh for many different subjects: with one request or resident
# hammered, concurrent reads share one ranking (singleflight), so the TTL 0
# rows above flatter the cost of a first read. pgbench runs the two
# ranking queries, prepared as the server prepares them, each time for
# another of 1,000 open requests and 1,000 residents in the 20 busiest
# neighbourhoods (the Go ranking of 200 candidates adds about 0.1 ms).
psql "$pg" -X -q -v ON_ERROR_STOP=1 <<'SQL'
SET client_min_messages = warning;
DROP TABLE IF EXISTS bench_subjects;
CREATE UNLOGGED TABLE bench_subjects AS
WITH busy AS (
    SELECT neighbourhood_code FROM posts WHERE status = 'open'
    GROUP BY 1 ORDER BY count(*) DESC LIMIT 20
), requests AS (
    SELECT p.id, row_number() OVER (ORDER BY md5(p.id::text)) AS n
    FROM posts p JOIN busy USING (neighbourhood_code)
    WHERE p.kind = 'request' AND p.status = 'open' AND p.expires_at > now()
), residents AS (
    SELECT u.id, row_number() OVER (ORDER BY md5(u.id::text)) AS n
    FROM users u JOIN busy USING (neighbourhood_code)
    WHERE u.deleted_at IS NULL
)
SELECT q.n, q.id AS post_id, r.id AS user_id,
       ARRAY(SELECT DISTINCT e.category_code FROM reciprocity_entries e WHERE e.giver_id = r.id) AS categories
FROM requests q JOIN residents r USING (n)
WHERE q.n <= 1000;
SQL
subject() { echo "(SELECT $1 FROM bench_subjects WHERE n = :n)"; }
{ echo '\set n random(1, 1000)'
  sed -E -e "s/\\\$1::uuid/$(subject post_id)/g" -e 's/\$2::timestamptz/now()/g' -e 's/\$3::int/200/g' \
    -e 's/\$4::bool/false/g' internal/suggest/candidates.sql | grep -v '^--'; echo ';'; } >"$work/candidates.pgb"
{ echo '\set n random(1, 1000)'
  sed -E -e "s/\\\$1::uuid/$(subject user_id)/g" -e 's/\$2::timestamptz/now()/g' -e 's/\$3::int/300/g' \
    -e 's/\$4::int/200/g' -e 's/\$5::float8/15/g' -e "s/\\\$6::text\[\]/$(subject categories)/g" \
    internal/suggest/requests.sql | grep -v '^--'; echo ';'; } >"$work/requests.pgb"
pgbench_row "candidates.sql, 1,000 requests (pgbench)" -f "$work/candidates.pgb"
pgbench_row "requests.sql, 1,000 residents (pgbench)" -f "$work/requests.pgb"
psql "$pg" -X -q -c 'DROP TABLE bench_subjects'

# plan prints EXPLAIN (ANALYZE, BUFFERS) of a query file with its $n bound.
plan() { # file, then sed expressions
  local file=$1
  shift
  { echo 'SET client_min_messages = warning;'; echo 'EXPLAIN (ANALYZE, BUFFERS)'; sed -E "$@" "$file"; echo ';'; } |
    psql "$pg" -X -q -At -v ON_ERROR_STOP=1
}
{
  echo "-- $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "-- internal/suggest/candidates.sql for request $post (cap 200)"
  plan internal/suggest/candidates.sql -e "s/\\\$1::uuid/'$post'::uuid/g" -e 's/\$2::timestamptz/now()/g' \
    -e 's/\$3::int/200/g' -e 's/\$4::bool/false/g'
  echo "-- internal/suggest/requests.sql for resident $user, as if they offered klussen"
  plan internal/suggest/requests.sql -e "s/\\\$1::uuid/'$user'::uuid/g" -e 's/\$2::timestamptz/now()/g' \
    -e 's/\$3::int/300/g' -e 's/\$4::int/200/g' -e 's/\$5::float8/15/g' -e "s/\\\$6::text\[\]/'{klussen}'::text[]/g"
} >"$outdir/suggestions-plan.txt"

print_summary
echo "Query plans: $outdir/suggestions-plan.txt"

#!/usr/bin/env bash
# Load test of the marketplace on a synthetic city (issue 4). Builds the
# binary, generates Proefstad with `noaber seed synthetic` on a fresh
# embedded database (or the empty one at NOABER_DATABASE_URL), adds a
# resident in the busiest neighbourhood and measures, each with the same
# connections and duration:
#   GET /healthz                  the baseline of the HTTP stack
#   GET /api/v1/posts             the feed, first page, as that resident
#   GET /api/v1/posts (varied)    category, kind + 15 km, full-text search
#   feed.sql in pgbench           the feed's SQL straight in PostgreSQL
#                                 (internal/market/feed.sql, -M prepared)
#   POST /api/v1/posts            creating posts, a new Idempotency-Key each
# and prints requests/s, p50, p99 and errors (non-2xx answers, socket
# errors and timeouts) in one table. The feed query's
# EXPLAIN (ANALYZE, BUFFERS) goes to test-output/bench/feed-plan.txt.
#   bench/feed.sh [connections] [seconds]        (default 64 and 20)
# Needs Go, wrk, psql and pgbench (apt-get install wrk postgresql-client).
# A smaller city: NOABER_BENCH_SYNTHETIC="--residents 20000 --posts 10000 --exchanges 100000".
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_init feed 64 18091 "$@"
bench_city
bench_resident "Bench Bewoner"
start_server
login
RUN_ID=$(date +%s%N)
export RUN_ID
reader=$(psql "$pg" -XAtc "SELECT id FROM users WHERE email = '$email'")
status=$(curl -s -o "$work/page.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$base/api/v1/posts")
echo "== the feed answers $status for a resident of $postcode: $(grep -o '"kind"' "$work/page.json" | wc -l) posts on the first page"

run_wrk "GET /healthz (baseline)" "$base/healthz"
run_wrk "GET /api/v1/posts (feed)" -s bench/feed.lua "$base/api/v1/posts"
FEED_VARY=1 run_wrk "GET /api/v1/posts (varied filters)" -s bench/feed.lua "$base/api/v1/posts"

# bind replaces $1…$11 of the feed query on stdin with the arguments.
bind() {
  local -a vals=("$@") expr=()
  local i
  for ((i = ${#vals[@]}; i >= 1; i--)); do
    expr+=(-e "s/\\\$${i}([^0-9]|\$)/${vals[i - 1]}\\1/g")
  done
  sed -E "${expr[@]}"
}
# The feed's parameters ($n in feed.sql's header): reader, radius, kind,
# category, q, now, four cursor columns (first page: NULL), page size + 1.
# pgbench cannot define an empty variable: "-" stands for "no filter";
# no search is a NULL tsquery.
sql=$(sed -E -e '/^[[:space:]]*--/d' -e 's/[[:space:]]+--[[:space:]].*$//' internal/market/feed.sql |
  bind :feed_reader :feed_radius "replace(:feed_kind, '-', '')" "replace(:feed_category, '-', '')" \
    NULL 'now()' NULL NULL NULL NULL :feed_limit)
# As the server runs it without free text: a generic plan, set per
# transaction (see selectFeed in internal/market/feed.go).
{
  echo '\set feed_radius 5'
  echo '\set feed_limit 21'
  echo 'BEGIN;'
  echo 'SET LOCAL plan_cache_mode = force_generic_plan;'
  printf '%s;\n' "${sql%;}"
  echo 'COMMIT;'
} >"$work/feed.pgbench"
pgbench_row "feed.sql in pgbench" -f "$work/feed.pgbench" \
  -D feed_reader="$reader" -D feed_kind=- -D feed_category=-

# The plan the server uses: the prepared statement's generic plan.
explain() {
  {
    echo 'SET client_min_messages = warning;'
    echo 'SET plan_cache_mode = force_generic_plan;'
    echo 'PREPARE feed(uuid, float8, text, text, tsquery, timestamptz, int, numeric, timestamptz, uuid, int) AS'
    sed -E '/^[[:space:]]*--/d' internal/market/feed.sql
    echo ';'
    echo "EXPLAIN (ANALYZE, BUFFERS) EXECUTE feed('$reader', 5, '', '', NULL, now(), NULL, NULL, NULL, NULL, 21);"
  } | psql "$pg" -X -q -At -v ON_ERROR_STOP=1
}
explain >/dev/null # warm
{
  echo "-- The feed (internal/market/feed.sql), first page for a resident of $postcode, radius 5 km."
  grep -E '^(Synthetic|Busiest|Generating)' "$work/seed.txt" | sed 's/^/-- /'
  echo "-- $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  explain
} >"$outdir/feed-plan.txt"

# Last: the posts it creates land in the reader's neighbourhood.
run_wrk "POST /api/v1/posts" -s bench/post.lua "$base/api/v1/posts"

print_summary
echo "Feed query plan: $outdir/feed-plan.txt"

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
cd "$(dirname "$0")/.."
conns=${1:-64}
secs=${2:-20}
port=${NOABER_BENCH_PORT:-18091}
outdir=test-output/bench
mkdir -p "$outdir"
work=$(mktemp -d /tmp/noaber-feed.XXXXXX)
chmod 755 "$work"
pid=""
cleanup() { [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" || true; rm -rf "$work"; }
trap cleanup EXIT

export NOABER_ADDR="127.0.0.1:$port" NOABER_LOG_LEVEL=warn
if [ -n "${NOABER_DATABASE_URL:-}" ]; then
  pg=$NOABER_DATABASE_URL
else
  export NOABER_DATA_DIR="$work/data"
  mkdir -m 755 "$NOABER_DATA_DIR"
  pg="host=$NOABER_DATA_DIR/postgres/run port=5432 user=noaber dbname=noaber"
fi
for tool in wrk psql pgbench curl go; do
  command -v "$tool" >/dev/null || { echo "feed.sh: $tool is missing" >&2; exit 1; }
done

echo "== build"
bin="$work/noaber"
go build -o "$bin" ./cmd/noaber

echo "== seed synthetic ${NOABER_BENCH_SYNTHETIC:-}"
# shellcheck disable=SC2086 # the flags are meant to split
"$bin" seed synthetic ${NOABER_BENCH_SYNTHETIC:-} | tee "$work/seed.txt"
postcode=$(sed -nE 's/^Busiest neighbourhood: .*postcode ([0-9A-Z]+),.*/\1/p' "$work/seed.txt")
email=bench.bewoner@example.nl
password=bench-wachtwoord-2026
printf '%s\n' "$password" | "$bin" users add --email "$email" --name "Bench Bewoner" \
  --postcode "$postcode" --house-number 1 >/dev/null

"$bin" serve 2>"$work/serve.log" &
pid=$!
base="http://127.0.0.1:$port"
until curl -fsS "$base/readyz" >/dev/null 2>&1; do
  kill -0 "$pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.2
done
TOKEN=$(curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" \
  "$base/api/v1/auth/login" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
RUN_ID=$(date +%s%N)
export TOKEN RUN_ID
reader=$(psql "$pg" -XAtc "SELECT id FROM users WHERE email = '$email'")
status=$(curl -s -o "$work/page.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$base/api/v1/posts")
echo "== the feed answers $status for a resident of $postcode: $(grep -o '"kind"' "$work/page.json" | wc -l) posts on the first page"

summary="$work/summary.tsv"
# ms converts a wrk duration (812.00us, 3.21ms, 1.02s) to milliseconds.
to_ms='function ms(v) { x = v + 0; if (v ~ /us$/) return x / 1000; if (v ~ /ms$/) return x; if (v ~ /s$/) return x * 1000; return x }'

run_wrk() { # name, then wrk arguments
  local name=$1
  shift
  echo "== $name ($conns connections, ${secs}s)"
  wrk -t2 -c"$conns" -d"${secs}s" --latency "$@" >"$work/wrk.txt"
  grep -E 'Requests/sec|  50%|  99%|Non-2xx|Socket errors' "$work/wrk.txt" || true
  awk -v name="$name" "$to_ms"'
    /Requests\/sec/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx/ { bad += $NF }
    /Socket errors/ { gsub(",", ""); bad += $4 + $6 + $8 + $10 }
    END { printf "%s\t%s\t%.2f\t%.2f\t%d\n", name, rps, p50, p99, bad }' "$work/wrk.txt" >>"$summary"
}

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
echo "== feed.sql in pgbench ($conns clients, 2 threads, ${secs}s, -M prepared)"
(cd "$work" && pgbench -n -c "$conns" -j 2 -T "$secs" -M prepared -f feed.pgbench \
  -D feed_reader="$reader" -D feed_kind=- -D feed_category=- \
  --log --log-prefix=pgb "$pg" >pgbench.txt 2>&1) || { cat "$work/pgbench.txt" >&2; exit 1; }
grep -E '^(tps|latency average|number of failed)' "$work/pgbench.txt" || true
tps=$(sed -nE 's/^tps = ([0-9.]+).*/\1/p' "$work/pgbench.txt" | head -1)
cat "$work"/pgb.* | awk '{ print $3 / 1000 }' | sort -n | awk -v tps="$tps" '
  { a[NR] = $1 }
  END { printf "feed.sql in pgbench\t%s\t%.2f\t%.2f\t0\n", tps, a[int(NR * 0.5) + 1], a[int(NR * 0.99) + 1] }' >>"$summary"

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

echo
echo "== summary: $conns connections, ${secs}s each, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
awk -F'\t' 'BEGIN { printf "%-36s %10s %9s %9s %8s\n", "", "req/s", "p50 ms", "p99 ms", "errors" }
  { printf "%-36s %10.0f %9.2f %9.2f %8d\n", $1, $2, $3, $4, $5 }' "$summary"
echo "Feed query plan: $outdir/feed-plan.txt"

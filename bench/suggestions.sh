#!/usr/bin/env bash
# Load test of matching (issue 6) on the synthetic city. Builds the binary,
# generates Proefstad with `noaber seed synthetic` on a fresh embedded
# database (or uses the city already at NOABER_DATABASE_URL, when
# NOABER_BENCH_SEEDED=1), adds a resident in the busiest neighbourhood who
# posts a request, and measures, each with the same connections and duration:
#   GET /healthz                        the baseline of the HTTP stack
#   GET /api/v1/posts/{id}/suggestions  helpers for that request (as its author)
#   GET /api/v1/me/suggestions          requests that resident could answer
# and prints requests/s, p50 and p99 in one table. EXPLAIN (ANALYZE, BUFFERS)
# of both queries goes to test-output/bench/suggestions-plan.txt.
#   bench/suggestions.sh [connections] [seconds]        (default 32 and 20)
# Needs Go, wrk, psql and curl (apt-get install wrk postgresql-client).
# A smaller city: NOABER_BENCH_SYNTHETIC="--residents 20000 --posts 10000 --exchanges 100000".
set -euo pipefail
cd "$(dirname "$0")/.."
conns=${1:-32}
secs=${2:-20}
port=${NOABER_BENCH_PORT:-18092}
outdir=test-output/bench
mkdir -p "$outdir"
work=$(mktemp -d /tmp/noaber-suggestions.XXXXXX)
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
for tool in wrk psql curl go; do
  command -v "$tool" >/dev/null || { echo "suggestions.sh: $tool is missing" >&2; exit 1; }
done

echo "== build"
bin="$work/noaber"
go build -o "$bin" ./cmd/noaber

if [ "${NOABER_BENCH_SEEDED:-}" = 1 ]; then
  "$bin" migrate up >/dev/null
  postcode=$(psql "$pg" -XAtc "
    SELECT pc.postcode FROM posts p JOIN postcodes pc ON pc.neighbourhood_code = p.neighbourhood_code
    WHERE p.status = 'open' AND length(pc.postcode) = 6 GROUP BY pc.postcode ORDER BY count(*) DESC, pc.postcode LIMIT 1")
else
  echo "== seed synthetic ${NOABER_BENCH_SYNTHETIC:-}"
  # shellcheck disable=SC2086 # the flags are meant to split
  "$bin" seed synthetic ${NOABER_BENCH_SYNTHETIC:-} | tee "$work/seed.txt"
  postcode=$(sed -nE 's/^Busiest neighbourhood: .*postcode ([0-9A-Z]+),.*/\1/p' "$work/seed.txt")
fi
email=bench.vrager.$RANDOM@example.nl
password=bench-wachtwoord-2026
printf '%s\n' "$password" | "$bin" users add --email "$email" --name "Bench Vrager" \
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
post=$(curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"kind":"request","category":"klussen","title":"Plank ophangen","body":"Wie helpt mij met een plank?","radiusKm":3}' \
  "$base/api/v1/posts" | sed -E 's/^\{"id":"([^"]+)".*/\1/')
user=$(psql "$pg" -XAtc "SELECT id FROM users WHERE email = '$email'")
n=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$base/api/v1/posts/$post/suggestions" | grep -o '"person"' | wc -l)
m=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$base/api/v1/me/suggestions" | grep -o '"post"' | wc -l)
echo "== a request in $postcode (klussen, 3 km): $n suggested helpers; $m suggested requests for its author"

summary="$work/summary.tsv"
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
    /Non-2xx/ { bad = $NF }
    END { printf "%s\t%s\t%.2f\t%.2f\t%d\n", name, rps, p50, p99, bad }' "$work/wrk.txt" >>"$summary"
}
auth=(-H "Authorization: Bearer $TOKEN")
run_wrk "GET /healthz (baseline)" "$base/healthz"
run_wrk "GET /posts/{id}/suggestions" "${auth[@]}" "$base/api/v1/posts/$post/suggestions"
run_wrk "GET /me/suggestions" "${auth[@]}" "$base/api/v1/me/suggestions"

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
  echo "-- internal/suggest/requests.sql for resident $user"
  plan internal/suggest/requests.sql -e "s/\\\$1::uuid/'$user'::uuid/g" -e 's/\$2::timestamptz/now()/g' \
    -e 's/\$3::int/300/g' -e 's/\$4::int/200/g' -e 's/\$5::float8/15/g'
} >"$outdir/suggestions-plan.txt"

echo
echo "== summary: $conns connections, ${secs}s each, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
awk -F'\t' 'BEGIN { printf "%-36s %10s %9s %9s %8s\n", "", "req/s", "p50 ms", "p99 ms", "non-2xx" }
  { printf "%-36s %10.0f %9.2f %9.2f %8d\n", $1, $2, $3, $4, $5 }' "$summary"
echo "Query plans: $outdir/suggestions-plan.txt"

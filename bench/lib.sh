# Shared by the load tests on the synthetic city (bench/feed.sh,
# bench/suggestions.sh); source it, then call bench_init first.
#
# After bench_init NAME CONNS PORT [connections] [seconds]:
#   conns secs port outdir work bin pg base   as their names say
# bench_city seeds Proefstad (or, with NOABER_BENCH_SEEDED=1, uses the city
# at NOABER_DATABASE_URL) and sets postcode to the busiest neighbourhood's.
# bench_resident NAME adds a resident there (email, password); login sets
# TOKEN. start_server [VAR=value ...] and stop_server run the binary.
# run_wrk and pgbench_row add rows to the summary; print_summary prints it.

bench_init() { # name, default connections, default port, then the script's arguments
  local name=$1
  conns=${4:-$2}
  secs=${5:-20}
  port=${NOABER_BENCH_PORT:-$3}
  cd "$(dirname "${BASH_SOURCE[0]}")/.."
  outdir=test-output/bench
  mkdir -p "$outdir"
  work=$(mktemp -d "/tmp/noaber-$name.XXXXXX")
  chmod 755 "$work"
  summary="$work/summary.tsv"
  pid=""
  trap 'stop_server; rm -rf "$work"' EXIT

  export NOABER_ADDR="127.0.0.1:$port" NOABER_LOG_LEVEL=warn
  base="http://127.0.0.1:$port"
  if [ -n "${NOABER_DATABASE_URL:-}" ]; then
    pg=$NOABER_DATABASE_URL
  else
    export NOABER_DATA_DIR="$work/data"
    mkdir -m 755 "$NOABER_DATA_DIR"
    pg="host=$NOABER_DATA_DIR/postgres/run port=5432 user=noaber dbname=noaber"
  fi
  local tool
  for tool in wrk psql pgbench curl go; do
    command -v "$tool" >/dev/null || { echo "$name.sh: $tool is missing" >&2; exit 1; }
  done
  echo "== build"
  bin="$work/noaber"
  go build -o "$bin" ./cmd/noaber
}

bench_city() {
  if [ "${NOABER_BENCH_SEEDED:-}" = 1 ]; then
    "$bin" migrate up >/dev/null
    postcode=$(psql "$pg" -XAtc "
      SELECT pc.postcode FROM posts p JOIN postcodes pc ON pc.neighbourhood_code = p.neighbourhood_code
      WHERE p.status = 'open' AND length(pc.postcode) = 6 GROUP BY pc.postcode ORDER BY count(*) DESC, pc.postcode LIMIT 1")
    : >"$work/seed.txt"
  else
    echo "== seed synthetic ${NOABER_BENCH_SYNTHETIC:-}"
    # shellcheck disable=SC2086 # the flags are meant to split
    "$bin" seed synthetic ${NOABER_BENCH_SYNTHETIC:-} | tee "$work/seed.txt"
    postcode=$(sed -nE 's/^Busiest neighbourhood: .*postcode ([0-9A-Z]+),.*/\1/p' "$work/seed.txt")
  fi
}

bench_resident() { # display name
  email=bench.$RANDOM.$RANDOM@example.nl
  password=bench-wachtwoord-2026
  printf '%s\n' "$password" | "$bin" users add --email "$email" --name "$1" \
    --postcode "$postcode" --house-number 1 >/dev/null
}

# start_server runs the binary with the environment given (VAR=value ...)
# and waits until it is ready.
start_server() {
  env "$@" "$bin" serve 2>>"$work/serve.log" &
  pid=$!
  until curl -fsS "$base/readyz" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
    sleep 0.2
  done
}
stop_server() {
  [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" || true
  pid=""
}

login() {
  TOKEN=$(curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" \
    "$base/api/v1/auth/login" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
  export TOKEN
}

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

# pgbench_row runs pgbench (-M prepared, conns clients, secs) with the
# arguments given and adds a row: transactions/s, and p50 and p99 from the
# per-transaction log (its third field is the latency in microseconds).
pgbench_row() { # name, then pgbench arguments
  local name=$1 tps
  shift
  echo "== $name ($conns clients, 2 threads, ${secs}s)"
  pgbench -n -M prepared -c "$conns" -j 2 -T "$secs" --log --log-prefix="$work/pgblog" "$@" "$pg" \
    >"$work/pgbench.txt" 2>&1 || { cat "$work/pgbench.txt" >&2; exit 1; }
  grep -E '^(tps|latency average|number of failed)' "$work/pgbench.txt" || true
  tps=$(sed -nE 's/^tps = ([0-9.]+).*/\1/p' "$work/pgbench.txt" | head -1)
  cat "$work"/pgblog.* | awk '{ print $3 / 1000 }' | sort -n |
    awk -v name="$name" -v tps="$tps" '{ v[NR] = $1 } END {
      printf "%s\t%s\t%.2f\t%.2f\t0\n", name, tps, v[int(NR * 0.5) + 1], v[int(NR * 0.99) + 1] }' >>"$summary"
  rm -f "$work"/pgblog.*
}

print_summary() {
  echo
  echo "== summary: $conns connections, ${secs}s each, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  awk -F'\t' 'BEGIN { printf "%-44s %10s %9s %9s %8s\n", "", "req/s", "p50 ms", "p99 ms", "errors" }
    { printf "%-44s %10.0f %9.2f %9.2f %8d\n", $1, $2, $3, $4, $5 }' "$summary"
}

#!/usr/bin/env bash
# Load test of the running binary on loopback: /healthz (the baseline) and an
# authenticated GET /api/v1/me, in the same run, with wrk.
#   bench/http.sh [connections] [seconds]
# Needs `make build` and wrk (apt-get install wrk). Stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
conns=${1:-64}
secs=${2:-10}
port=${NOABER_BENCH_PORT:-18090}
data=$(mktemp -d /tmp/noaber-bench.XXXXXX)
chmod 755 "$data"
export NOABER_DATA_DIR="$data" NOABER_ADDR="127.0.0.1:$port" NOABER_LOG_LEVEL=warn
unset NOABER_DATABASE_URL
pid=""
cleanup() { [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" || true; rm -rf "$data"; }
trap cleanup EXIT

bin/noaber seed demo >/dev/null
bin/noaber serve 2>"$data/serve.log" &
pid=$!
until curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do sleep 0.1; done

base="http://127.0.0.1:$port"
echo "== login latency (argon2id), 10 sequential logins"
for _ in $(seq 10); do
  curl -s -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/json' \
    -d '{"email":"bewoner@noaberveen.nl","password":"demo-wachtwoord-bewoner"}' "$base/api/v1/auth/login"
done | sort -n | awk '{a[NR]=$1} END {printf "p50 %.1f ms, max %.1f ms\n", a[int((NR+1)/2)]*1000, a[NR]*1000}'

token=$(curl -fsS -H 'Content-Type: application/json' \
  -d '{"email":"bewoner@noaberveen.nl","password":"demo-wachtwoord-bewoner"}' "$base/api/v1/auth/login" |
  sed -E 's/.*"accessToken":"([^"]+)".*/\1/')

echo "== GET /healthz ($conns connections, ${secs}s)"
wrk -t2 -c"$conns" -d"${secs}s" --latency "$base/healthz" | grep -E 'Requests/sec|50%|99%|Non-2xx'
echo "== GET /api/v1/me, authenticated ($conns connections, ${secs}s)"
wrk -t2 -c"$conns" -d"${secs}s" --latency -H "Authorization: Bearer $token" "$base/api/v1/me" | grep -E 'Requests/sec|50%|99%|Non-2xx'

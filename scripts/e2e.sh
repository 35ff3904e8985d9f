#!/usr/bin/env bash
# Runs the browser tests against the real binary: a fresh data directory
# (embedded PostgreSQL), the demo data, then `npm run e2e` in webapp/.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${NOABER_BIN:-bin/noaber}
port=${NOABER_E2E_PORT:-18080}
data=$(mktemp -d /tmp/noaber-e2e.XXXXXX)
chmod 755 "$data" # the embedded PostgreSQL runs as an unprivileged user when we are root
log="$data/noaber.log"
export NOABER_DATA_DIR="$data" NOABER_ADDR="127.0.0.1:$port" NOABER_LOG_FORMAT=json
# A "fast clock" for the escalation journey: urgent signals are due after
# one minute (the shortest deadline the configuration accepts) and the
# scheduler looks every second.
export NOABER_SIGNAL_DEADLINE_URGENT=1m NOABER_SIGNAL_SCHEDULER_INTERVAL=1s
unset NOABER_DATABASE_URL

pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    wait "$pid" || true
  fi
  rm -rf "$data"
}
trap cleanup EXIT

"$bin" seed demo
"$bin" serve >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || { echo "Noaber did not become ready:"; cat "$log"; exit 1; }

status=0
(cd webapp && NOABER_E2E_URL="http://127.0.0.1:$port" npm run --silent e2e) || status=$?
[ $status -eq 0 ] || { echo "--- server log ---"; tail -n 50 "$log"; }
exit $status

#!/usr/bin/env bash
# Installs what Noaber needs on a Debian 12 machine and is not there yet:
# the PostgreSQL server binaries (for the embedded database and the tests),
# and, with --browser, Chromium for the browser tests. Node packages are
# installed by the Makefile from the lock files.
set -euo pipefail

want_browser=false
[ "${1:-}" = "--browser" ] && want_browser=true

missing=()
have_pg() { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; }
have_pg || missing+=(postgresql-15)
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
if $want_browser; then
  command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
  fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

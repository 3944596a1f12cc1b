#!/usr/bin/env bash
# Browser tests of the default theme. Installs the npm packages (playwright-core,
# axe-core, vnu-jar) when missing or out of date, builds guidebook, runs every test
# file under test/ (or the files given as arguments) in Debian's Chromium, and ends
# with one line: "browser: N passed, N failed, N skipped".
# Needs: Node 20+, Java (for vnu.jar), /usr/bin/chromium (apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")"
repo="$(cd ../.. && pwd)"

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "browser tests: Chromium not found at ${CHROMIUM_PATH:-/usr/bin/chromium} (apt-get install chromium)" >&2
  exit 2
fi
if ! command -v java >/dev/null 2>&1; then
  echo "browser tests: java not found (apt-get install default-jre-headless)" >&2
  exit 2
fi
# --ignore-scripts: vnu-jar's install script would try to download a Java runtime.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --ignore-scripts --no-audit --no-fund
fi
if [ -z "${GUIDEBOOK_BIN:-}" ]; then
  (cd "$repo" && cargo build --quiet --bin guidebook)
fi

tap="$(mktemp)"
trap 'rm -f "$tap"' EXIT
status=0
node --test --test-concurrency=1 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$tap" \
  "$@" || status=$?

count() { sed -n "s/^# $1 \([0-9][0-9]*\)$/\1/p" "$tap" | tail -1; }
pass="$(count pass)"; fail="$(count fail)"; skipped="$(count skipped)"; cancelled="$(count cancelled)"
fail=$(( ${fail:-0} + ${cancelled:-0} ))
echo "browser: ${pass:-0} passed, ${fail} failed, ${skipped:-0} skipped"
if [ "$status" -eq 0 ] && [ "${pass:-0}" -eq 0 ]; then
  echo "browser tests: no test ran" >&2
  exit 1
fi
exit "$status"

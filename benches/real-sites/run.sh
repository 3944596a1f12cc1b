#!/usr/bin/env bash
# benches/real-sites/run.sh DIR... — build real sites of other generators (Hugo,
# Jekyll, MkDocs) as bare folders with guidebook, and report for each: exit code,
# Markdown files, pages built, the report's length in lines (and how many of them are
# errors), wall time, peak memory, and whether search finds a word of the site.
#
# Fetches nothing: each DIR is a folder of Markdown you already have (a Hugo site's
# content/ or content/en/, a Jekyll site's root, an MkDocs site's docs/). The name of
# a site in the table is its path with / replaced by _, so give paths that say what
# they are, e.g. `cd /tmp/sites && benches/real-sites/run.sh hugoDocs/content/en`.
#
# Environment (all optional):
#   GUIDEBOOK_BIN=    use this binary instead of building target/release/guidebook
#   WORK=/tmp/guidebook-real-sites   outputs and reports
#   RUN_TIMEOUT=600   seconds before one build is killed
set -euo pipefail

[ $# -gt 0 ] || { echo "usage: benches/real-sites/run.sh DIR..." >&2; exit 2; }
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${WORK:-/tmp/guidebook-real-sites}
RUN_TIMEOUT=${RUN_TIMEOUT:-600}
mkdir -p "$WORK"

if [ -z "${GUIDEBOOK_BIN:-}" ]; then
    (cd "$ROOT" && cargo build --release --quiet --bin guidebook)
    GUIDEBOOK_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/guidebook"
fi
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }

# Markdown files guidebook reads as pages: not in hidden folders or node_modules.
md_files() {
    find "$1" \( -name '.*' -o -name node_modules -o -name target \) -prune -o \
        -type f \( -name '*.md' -o -name '*.markdown' \) -print | wc -l
}

# A word the site uses often (7 letters or more), to search for.
common_word() {
    find "$1" \( -name '.*' -o -name node_modules \) -prune -o -type f -name '*.md' -print0 \
        | xargs -0 cat 2>/dev/null | tr -cs 'A-Za-z' '\n' | tr 'A-Z' 'a-z' \
        | awk 'length($0) >= 7' | sort | uniq -c | sort -rn | awk 'NR==1 {print $2}'
}

printf '| site | exit | Markdown files | pages built | report lines | of which errors | wall s | peak MiB | search |\n'
printf '| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n'
for dir in "$@"; do
    name=$(echo "${dir%/}" | tr '/' '_')
    out="$WORK/$name"
    rm -rf "$out"
    set +e
    timeout "$RUN_TIMEOUT" /usr/bin/time -f '%e %M' -o "$WORK/$name.time" \
        "$GUIDEBOOK_BIN" build "$dir" --out "$out" >"$WORK/$name.out" 2>"$WORK/$name.report"
    code=$?
    set -e
    read -r wall kib <"$WORK/$name.time" || { wall=-; kib=0; }
    lines=$(cat "$WORK/$name.out" "$WORK/$name.report" | wc -l)
    errors=$(grep -c '^error' "$WORK/$name.report" || true)
    pages=$(sed -n 's/^Built \([0-9]*\) pages.*/\1/p' "$WORK/$name.report")
    word=$(common_word "$dir")
    hits=$("$GUIDEBOOK_BIN" search "$word" --site "$out" --limit 1 2>/dev/null \
        | sed -n 's/^\([0-9]*\) pages\{0,1\} match.*/\1/p' || true)
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | "%s": %s pages |\n' \
        "$name" "$code" "$(md_files "$dir")" "${pages:--}" "$lines" "$errors" "$wall" \
        "$((kib / 1024))" "$word" "${hits:-0}"
done
echo "reports: $WORK/<site>.report" >&2

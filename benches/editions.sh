#!/usr/bin/env bash
# benches/editions.sh [N] [E] — the editions cache: does a site with E archived
# editions of N pages each build in under twice the time of the same site with no
# edition, once the cache is warm?
#
# Generates the N-page benchmark corpus (benches/corpus/generate.py), copies it twice
# and, in the second copy, cuts E editions with `guidebook edition cut`, editing a few
# pages between cuts (so the editions differ, as real ones do). Both sites are built
# once to warm up. Then, RUNS times, alternating the two sites: edit one page of the
# current content (so the build cannot skip as "nothing changed", and the current
# site is rendered in full) and time `guidebook build`. Reports the median wall time,
# CPU time (user + sys) and peak RSS of each, their ratio, and the time of the first
# (cold) build of the site with editions, which renders every edition.
#
# Environment (all optional):
#   RUNS=5   SEED=1   WORK=/tmp/guidebook-bench-editions
#   GUIDEBOOK_BIN=   use this binary instead of building target/release/guidebook
set -euo pipefail

N=${1:-1000}
E=${2:-10}
RUNS=${RUNS:-5}
SEED=${SEED:-1}
WORK=${WORK:-/tmp/guidebook-bench-editions}
ROOT=$(cd "$(dirname "$0")/.." && pwd)

log() { printf '[editions] %s\n' "$*" >&2; }

[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
mkdir -p "$WORK"
src=${GUIDEBOOK_BIN:-}
if [ -z "$src" ]; then
    log "building guidebook (release)"
    (cd "$ROOT" && nice -n 19 cargo build --release --quiet) >&2
    src=$ROOT/target/release/guidebook
fi
GB=$WORK/guidebook-$$
cp "$src" "$GB"
trap 'rm -f "$GB"' EXIT

CORPUS=$WORK/corpus-$N-seed$SEED
if [ ! -d "$CORPUS/guidebook" ]; then
    log "generating $N pages (seed $SEED)"
    rm -rf "$CORPUS"
    python3 "$ROOT/benches/corpus/generate.py" --pages "$N" --seed "$SEED" \
        --out "$CORPUS" --formats guidebook >&2
fi

PLAIN=$WORK/plain-$N
EDS=$WORK/editions-$N-$E
rm -rf "$PLAIN" "$EDS"
cp -r "$CORPUS/guidebook" "$PLAIN"
cp -r "$CORPUS/guidebook" "$EDS"

# Five pages edited before each cut, a different five each time.
mapfile -t PAGES < <(cd "$EDS/content" && find . -name '*.md' ! -name '_index.md' | sort)
log "cutting $E editions of $N pages"
for i in $(seq 1 "$E"); do
    for k in 0 1 2 3 4; do
        p=${PAGES[$(( (i * 5 + k) % ${#PAGES[@]} ))]}
        printf '\nA sentence added for edition %d.\n' "$i" >> "$EDS/content/$p"
    done
    d=$(date -d "-$((E - i)) days" +%F)
    "$GB" edition cut "e$(printf %02d "$i")" --date "$d" --site "$EDS" >/dev/null
done

build() { # SITE LABEL RUN — time one build after editing one page
    local site=$1 label=$2 run=$3
    printf '\nA sentence added before run %s.\n' "$run" >> "$site/content/${PAGES[0]}"
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$GB" build "$site" --out "$site/public" \
        2> "$WORK/log" || { cat "$WORK/log" >&2; exit 1; }
    grep -q '(0 errors, 0 warnings)' "$WORK/log" || { cat "$WORK/log" >&2; exit 1; }
    read -r wall user sys rss < "$WORK/time"
    echo "$label $wall $(echo "$user + $sys" | bc) $rss" >> "$WORK/raw.tsv"
}

: > "$WORK/raw.tsv"
log "cold build with editions (renders all $E)"
build "$EDS" cold 0
build "$PLAIN" warmup 0
for r in $(seq 1 "$RUNS"); do
    log "round $r/$RUNS"
    build "$PLAIN" none "$r"
    build "$EDS" editions "$r"
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
col() { awk -v l="$1" -v c="$2" '$1==l {print $c}' "$WORK/raw.tsv" | median; }
none=$(col none 2); eds=$(col editions 2)
echo "## Editions"
echo
echo "$(date +%F), $(nproc) cores, $(cd "$ROOT" && git log -1 --format='%h'); corpus: $N pages (seed $SEED), $E editions of $N pages; median of $RUNS warm builds, each after editing one page of content/."
echo
echo "| site | wall (s) | CPU (s) | peak RSS (MB) |"
echo "| --- | --- | --- | --- |"
printf '| no edition | %s | %s | %d |\n' "$none" "$(col none 3)" "$(( $(col none 4) / 1024 ))"
printf '| %s editions, cache warm | %s | %s | %d |\n' "$E" "$eds" "$(col editions 3)" "$(( $(col editions 4) / 1024 ))"
printf '| %s editions, first build (cache cold) | %s | %s | %d |\n' "$E" "$(col cold 2)" "$(col cold 3)" "$(( $(col cold 4) / 1024 ))"
echo
echo "Ratio, warm, editions / none: $(echo "scale=2; $eds / $none" | bc) (target: under 2)."

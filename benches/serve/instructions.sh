#!/usr/bin/env bash
# Instructions `guidebook host` executes inside its search (`Searcher::search`) for a
# fixed list of varied queries, counted by valgrind's callgrind. Unlike requests a
# second, the count is the same from run to run for the same binary, index and
# queries, whatever else the machine is doing: use it to compare two binaries on a
# shared, noisy machine, and throughput.sh for what a client sees.
#
#   benches/serve/instructions.sh BIN SITE_OUT [QUERIES]
#
# Queries: QUERIES (default 100) of one to three words from varied-queries.lua, the
# same list every run (seeded), 10 hits each, asked one at a time. Prints the total
# and the callgrind file, for `callgrind_annotate --inclusive=yes FILE`.
# Needs valgrind (on every machine of this kind) and curl. Binds 127.0.0.1 only.
set -euo pipefail
bin="${1:?usage: instructions.sh BIN SITE_OUT [QUERIES]}"
out="${2:?usage: instructions.sh BIN SITE_OUT [QUERIES]}"
n="${3:-100}"
here="$(cd "$(dirname "$0")" && pwd)"
port=$((20000 + RANDOM % 10000))
file="$(mktemp /tmp/callgrind.XXXXXX)"
valgrind --tool=callgrind --callgrind-out-file="$file" \
  --toggle-collect='guidebook::search::query::Searcher::search' \
  "$bin" host "$out" --bind "127.0.0.1:$port" --quiet >/dev/null 2>"$file.log" &
pid=$!
trap 'kill -INT $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 200); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/robots.txt" 2>/dev/null && break
  sleep 0.5
done
python3 - "$port" "$n" "$here/varied-queries.lua" <<'PY'
import random, re, sys, urllib.parse, urllib.request
port, n, lua = sys.argv[1], int(sys.argv[2]), sys.argv[3]
words = re.findall(r'"([a-z]+)"', open(lua).read())
random.seed(11)
for _ in range(n):
    q = " ".join(random.choice(words) for _ in range(random.choice([1, 2, 2, 3])))
    url = f"http://127.0.0.1:{port}/_search/api?" + urllib.parse.urlencode({"q": q, "limit": "10"})
    urllib.request.urlopen(url).read()
PY
kill -INT "$pid"
wait "$pid" 2>/dev/null || true
trap - EXIT
total="$(callgrind_annotate "$file" 2>/dev/null | awk '/PROGRAM TOTALS/ {print $1}')"
echo "instructions_in_search $total queries=$n file=$file"

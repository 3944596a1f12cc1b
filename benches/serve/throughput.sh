#!/usr/bin/env bash
# `guidebook host` throughput with wrk on loopback, bounded in time.
#
#   benches/serve/throughput.sh BIN SITE_OUT [SECONDS] [CONNECTIONS]
#
# BIN is a release build of guidebook, SITE_OUT a site built by it (e.g. the 10,000-page
# corpus: python3 benches/corpus/generate.py --pages 10000 --seed 1 --out /tmp/c
# --formats guidebook && BIN build /tmp/c/guidebook --out /tmp/c/public).
# Prints the host's start-up time (until it prints its URL, and until the first search is
# answered), then for a static page, for one search query asked again and again (answered
# from the host's result cache after the first time), and for varied two-word queries
# (varied-queries.lua: nearly all new to the host): requests/s, p99 latency, the error
# counts wrk reports, the CPU seconds the host and wrk used (both share the machine),
# and the host threads' context switches a request.
# Needs wrk (apt-get install wrk) and GNU time (/usr/bin/time). Binds 127.0.0.1 only.
set -euo pipefail
bin="${1:?usage: throughput.sh BIN SITE_OUT [SECONDS] [CONNECTIONS]}"
out="${2:?usage: throughput.sh BIN SITE_OUT [SECONDS] [CONNECTIONS]}"
secs="${3:-10}"
conns="${4:-64}"
command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 2; }

log="$(mktemp)"
start=$(date +%s.%N)
"$bin" host "$out" --bind 127.0.0.1:0 --quiet >"$log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 1 200); do
  grep -q 'http://' "$log" && break
  sleep 0.01
done
ready=$(date +%s.%N)
url="$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1)"
[ -n "$url" ] || { echo "host did not start:"; cat "$log"; exit 1; }
printf 'startup_s %.3f\n' "$(echo "$ready - $start" | bc)"
for _ in $(seq 1 500); do
  curl -fsS -o /dev/null "$url/_search/api?q=research&limit=1" 2>/dev/null && break
  sleep 0.01
done
searchable=$(date +%s.%N)
printf 'first_search_answered_s %.3f\n' "$(echo "$searchable - $start" | bc)"

# A page from the middle of the site, and a two-word query.
page="$(cd "$out" && find guidance -name index.html | sort | sed -n '100p' | sed 's/index.html$//')"
query="_search/api?q=export+licence&limit=10"
curl -fsS -o /dev/null "$url/$page" || { echo "cannot fetch /$page"; exit 1; }
curl -fsS -o /dev/null "$url/$query" || { echo "cannot search"; exit 1; }

# CPU seconds (user + system) the host has used so far.
host_cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$pid/stat"; }
# Context switches (voluntary and not) of all the host's threads so far: each is a
# thread put to sleep or woken, which costs most on a virtual machine.
host_switches() { cat /proc/"$pid"/task/*/status 2>/dev/null | awk '/ctxt_switches/ {s += $2} END {print s + 0}'; }

run() {
  local name="$1" path="$2"; shift 2
  local r before after sw_before sw_after
  before="$(host_cpu)"
  sw_before="$(host_switches)"
  r="$(/usr/bin/time -f 'wrk_cpu %U %S' wrk -t2 -c"$conns" -d"${secs}s" --latency "$@" "$url/$path" 2>&1)"
  after="$(host_cpu)"
  sw_after="$(host_switches)"
  local rps p99 errors non2xx wrk_cpu requests switches
  rps="$(echo "$r" | awk '/Requests\/sec/ {print $2}')"
  requests="$(echo "$r" | awk '/requests in/ {print $1}')"
  switches="$(awk -v a="$sw_after" -v b="$sw_before" -v n="${requests:-0}" 'BEGIN {if (n > 0) printf "%.2f", (a - b) / n; else print "?"}')"
  p99="$(echo "$r" | awk '$1 == "99%" {print $2}')"
  errors="$(echo "$r" | awk '/Socket errors/ {print}' )"
  non2xx="$(echo "$r" | awk '/Non-2xx/ {print $NF}')"
  wrk_cpu="$(echo "$r" | awk '$1 == "wrk_cpu" {printf "%.2f", $2 + $3}')"
  echo "$name path=/$path requests_per_s=$rps p99=$p99 socket_errors=${errors:-none} non_2xx=${non2xx:-0}" \
    "host_cpu_s=$(echo "$after - $before" | bc) wrk_cpu_s=$wrk_cpu switches_per_request=$switches"
}
# A second before each run: the host allows 64 connections from one address
# (`--per-client`), and earlier connections (curl's above, the last run's) are
# counted until the host has seen them close, so a run's 64th could otherwise be
# turned away (wrk's read errors).
sleep 1
run static "$page"
sleep 1
run search "$query"
sleep 1
run search-varied "" -s "$(dirname "$0")/varied-queries.lua"

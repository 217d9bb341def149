#!/usr/bin/env bash
# HaiLong load benchmark, one run on one machine (see bench/README.md):
#   1. /healthz requests/s (no database),
#   2. rating POSTs/s, each on a fresh single-use ticket, durable (WAL, synchronous=FULL,
#      group commit) before the answer,
#   3. bytes on the wire of the rating page and its stylesheet.
# Usage: bench/run.sh [seconds per measurement, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
PORT=${PORT:-18080}

swift build -c release --product hailong >/dev/null
BIN=.build/release/hailong
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

"$BIN" serve --demo --port "$PORT" --data-dir "$work/data" 2>/dev/null >"$work/server.log" &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
export API_KEY=$(grep "API key tam-phuoc" "$work/server.log" | awk '{print $4}')
poster=$(grep -m1 " q1: " "$work/server.log" | awk '{print $2}')
export TOKENS_DIR="$work"

rps() { awk '/Requests\/sec/ {print $2}'; }
non2xx() { awk '/Non-2xx/ {print $5}'; }

echo "== /healthz, ${DURATION}s, $THREADS threads, $CONNECTIONS connections"
wrk -t"$THREADS" -c"$CONNECTIONS" -d2s "http://127.0.0.1:$PORT/healthz" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" "http://127.0.0.1:$PORT/healthz" | tee "$work/healthz.txt"
health=$(rps <"$work/healthz.txt")

echo "== issuing tickets through the API"
# Enough fresh tickets for the rating run: issuing is slower than rating.
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$((DURATION * 6))s" -s bench/issue-tickets.lua "http://127.0.0.1:$PORT" | tee "$work/tickets.txt"
issued=$(cat "$work"/tokens-*.txt | wc -l)
echo "tickets issued: $issued"

echo "== rating POSTs on fresh tickets, ${DURATION}s"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s bench/rate-tickets.lua "http://127.0.0.1:$PORT" | tee "$work/ratings.txt"
refused=$(non2xx <"$work/ratings.txt"); refused=${refused:-0}
recorded=$(sqlite3 "$work/data/hailong.sqlite" "SELECT COUNT(*) FROM responses")
seconds=$(awk '/requests in/ {gsub("s,", "", $4); print $4}' "$work/ratings.txt")
# Only ratings that were recorded count: a refused request (out of tickets) is not a rating.
ratings=$(awk -v n="$recorded" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }')

page=$(curl -s "$poster" | wc -c)
css=$(curl -s "http://127.0.0.1:$PORT/static/site.css" | wc -c)

echo
echo "== result"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r), $(date -u +%Y-%m-%d)"
echo "healthz req/s:        $health"
echo "rating POSTs/s:       $ratings  (non-2xx: $refused, responses in database: $recorded)"
awk -v r="$ratings" -v h="$health" 'BEGIN { printf "ratio ratings/healthz: %.1f%% (target >= 25%%)\n", 100 * r / h }'
echo "rating page bytes:    $page + stylesheet $css = $((page + css)) (target < 15360)"

#!/usr/bin/env bash
# Soak test (not part of `make test`): one release server on a fresh data directory with
# --demo, steady mixed traffic for an hour (bench/soak.py), one row per minute of requests,
# 5xx, p50/p99 latency, RSS, open descriptors, WAL and database size. Nothing may grow
# without bound; record the result in bench/README.md.
#
# Usage: bench/soak.sh [seconds, default 3600] [visits per second, default 20]
#   PORT=18090 OUT=bench/soak-YYYY-MM-DD.tsv BIN=.build/debug/hailong
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TOTAL=${1:-3600}
RATE=${2:-20}
PORT=${PORT:-18090}
OUT=${OUT:-bench/soak-$(date +%F).tsv}
BASE="http://127.0.0.1:$PORT"

# BIN=path uses an already built binary (a debug one for a quick check of the script).
if [ -z "${BIN:-}" ]; then swift build -c release --product hailong >/dev/null; BIN=.build/release/hailong; fi
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
"$BIN" serve --demo --port "$PORT" --data-dir "$work/data" \
    --poster-interval-minutes 0 --poster-per-address 1000000000 2>/dev/null >"$work/server.log" &
server=$!
for _ in $(seq 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.2; done
key=$(grep "API key tam-phuoc" "$work/server.log" | awk '{print $4}')
# Staff visits read the dashboard as the ward's director, signed in as a browser would (the
# login form's CSRF token is its cookie); the session stays alive while they keep reading.
password=soak-$(date +%s)-pass
echo "$password" | "$BIN" user add --data-dir "$work/data" --username soak --role director --unit tam-phuoc >/dev/null
jar="$work/cookies"
curl -s -c "$jar" -o /dev/null "$BASE/login"
login=$(awk '$6=="hl_login" {print $7}' "$jar")
curl -s -b "$jar" -c "$jar" -o /dev/null -d "_csrf=$login&username=soak&password=$password&next=%2Fadmin" "$BASE/login"
session=$(awk '$6=="hl_session" {print $7}' "$jar")
[ -n "$session" ] || { echo "soak: could not sign in the director" >&2; exit 1; }
echo "soak: $SECONDS_TOTAL s at $RATE visits/s against pid $server; rows in $OUT"
python3 bench/soak.py "$BASE" "$key" "$server" "$work/data" "$SECONDS_TOTAL" "$RATE" "$OUT" "hl_session=$session"

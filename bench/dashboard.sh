#!/usr/bin/env bash
# The director's dashboard and the indicators API over a large unit (issue 10): generates
# RESPONSES ratings (default 1,000,000) and FEEDBACK items (default 100,000) in tam-phuoc,
# spread over 01/5/2026-28/11/2026 (P1 and P2), through Storage (the gated test
# BenchDataGenerator: tickets issued and rated, a quarter with details; feedback received and
# handled), then serves them from a release build and times, REQUESTS times each (sequential,
# one connection, warm), the dashboard and the API for a month, a quarter, phase P2 and the
# whole campaign (01/5/2026-31/12/2030).
# Prints p50/p95 in ms per page and the server's RSS after the run.
#
# Usage: bench/dashboard.sh            RESPONSES=… FEEDBACK=… REQUESTS=200 PORT=18081
#        DATA=dir bench/dashboard.sh   reuse a directory generated before (kept with KEEP=1)
#        CONFIG=debug RESPONSES=2000 FEEDBACK=200 REQUESTS=5 bench/dashboard.sh   checks the script itself
set -euo pipefail
cd "$(dirname "$0")/.."
RESPONSES=${RESPONSES:-1000000}
FEEDBACK=${FEEDBACK:-100000}
REQUESTS=${REQUESTS:-200}
PORT=${PORT:-18081}
BASE="http://127.0.0.1:$PORT"
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; [ "${KEEP:-0}" = 1 ] || rm -rf "$work"' EXIT

data=${DATA:-}
if [ -z "$data" ]; then
    data="$work/data"
    echo "== generating $RESPONSES responses and $FEEDBACK feedback items in $data"
    start=$(date +%s)
    HAILONG_BENCH_DATA_DIR="$data" HAILONG_BENCH_RESPONSES="$RESPONSES" HAILONG_BENCH_FEEDBACK="$FEEDBACK" \
        swift test --filter BenchDataGenerator >"$work/generate.log" 2>&1 || { tail -20 "$work/generate.log"; exit 1; }
    echo "   took $(( $(date +%s) - start )) s"
fi

CONFIG=${CONFIG:-release}
swift build -c "$CONFIG" --product hailong >/dev/null
BIN=.build/$CONFIG/hailong
password=bench-$(date +%s)-pass
user=bench$(date +%s)
echo "$password" | "$BIN" user add --data-dir "$data" --username "$user" --role director --unit tam-phuoc >/dev/null 2>&1 || true
key=$("$BIN" apikey add --data-dir "$data" --name bench --unit tam-phuoc | tail -1)
"$BIN" serve --port "$PORT" --data-dir "$data" 2>/dev/null >"$work/server.log" &
server=$!
for _ in $(seq 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.2; done

# Sign in as the director, as a browser would (the login form's CSRF token is its cookie).
jar="$work/cookies"
curl -s -c "$jar" -o /dev/null "$BASE/login"
login=$(awk '$6=="hl_login" {print $7}' "$jar")
curl -s -b "$jar" -c "$jar" -o /dev/null -d "_csrf=$login&username=$user&password=$password&next=%2Fadmin" "$BASE/login"

# The whole campaign as Forms/campaign-2026.json defines it (P1-P5), and its phase P2.
month="period=2026-11"; quarter="period=2026-Q4"; campaign="from=2026-05-01&to=2030-12-31"
declare -A PAGES=(
    [dashboard-month]="/admin?unit=tam-phuoc&$month"
    [dashboard-quarter]="/admin?unit=tam-phuoc&$quarter"
    [dashboard-campaign]="/admin?unit=tam-phuoc&$campaign"
    [dashboard-phase]="/admin?unit=tam-phuoc&period=P2"
    [api-month]="/api/v1/indicators?unit=tam-phuoc&from=2026-11-01&to=2026-11-30"
    [api-quarter]="/api/v1/indicators?unit=tam-phuoc&from=2026-10-01&to=2026-12-31"
    [api-campaign]="/api/v1/indicators?unit=tam-phuoc&$campaign"
    [api-campaign-by-officer]="/api/v1/indicators?unit=tam-phuoc&$campaign&by=officer"
)
printf '%-26s %8s %8s %8s\n' page p50-ms p95-ms status
for name in dashboard-month dashboard-quarter dashboard-phase dashboard-campaign api-month api-quarter api-campaign api-campaign-by-officer; do
    path=${PAGES[$name]}
    auth=(-b "$jar")
    [[ $name == api-* ]] && auth=(-H "Authorization: Bearer $key")
    status=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" "$BASE$path")
    : >"$work/times"
    for _ in $(seq "$REQUESTS"); do
        curl -s -o /dev/null -w '%{time_total}\n' "${auth[@]}" "$BASE$path" >>"$work/times"
    done
    sort -n "$work/times" | awk -v name="$name" -v status="$status" '{t[NR]=$1} END {
        printf "%-26s %8.1f %8.1f %8s\n", name, t[int(NR*0.5+0.5)]*1000, t[int(NR*0.95+0.5)]*1000, status }'
done
echo "server RSS: $(( $(ps -o rss= -p "$server") / 1024 )) MiB"
echo "machine: $(nproc) cores, $(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | xargs); $(date -u +%Y-%m-%d)"

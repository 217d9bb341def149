#!/usr/bin/env bash
# The raw export over a large unit (issue 11): writes ROWS ratings (default 1,000,000) into a
# fresh demo database with bench/generate-responses.sql (sqlite3, one transaction), starts the
# release server on it, signs in an administrator and downloads /admin/exports/responses.csv
# and .xlsx for the whole range, RUNS times each (default 3). Prints, per download, the time,
# the size and the server's peak resident memory (VmHWM of /proc/PID/status) before and after:
# the export streams, so the peak should not grow with ROWS.
#
# Usage: bench/export.sh                 ROWS=… RUNS=3 PORT=18082
#        CONFIG=debug ROWS=20000 RUNS=1 bench/export.sh   checks the script itself
#        NO_BUILD=1 …                   uses the binary already built
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-3}
PORT=${PORT:-18082}
CONFIG=${CONFIG:-release}
BASE="http://127.0.0.1:$PORT"
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

[ "${NO_BUILD:-0}" = 1 ] || swift build -c "$CONFIG" --product hailong >/dev/null
BIN=.build/$CONFIG/hailong
data="$work/data"

# The demo structure and the forms: one start with --demo, then stop.
"$BIN" serve --demo --port "$PORT" --data-dir "$data" >"$work/demo.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.2; done
kill "$server"; wait "$server" 2>/dev/null || true; server=

echo "== generating $ROWS ratings"
start=$(date +%s.%N)
sed "s/__ROWS__/$ROWS/g" bench/generate-responses.sql | sqlite3 "$data/hailong.sqlite"
echo "   took $(awk "BEGIN {printf \"%.1f\", $(date +%s.%N) - $start}") s; database $(du -h "$data/hailong.sqlite" | cut -f1)"

password=bench-$(date +%s)-pass
echo "$password" | "$BIN" user add --data-dir "$data" --username bench --role admin >/dev/null
"$BIN" serve --port "$PORT" --data-dir "$data" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.2; done

jar="$work/cookies"
curl -s -c "$jar" -o /dev/null "$BASE/login"
login=$(awk '$6=="hl_login" {print $7}' "$jar")
curl -s -b "$jar" -c "$jar" -o /dev/null -d "_csrf=$login&username=bench&password=$password&next=%2Fadmin" "$BASE/login"

hwm() { awk '/VmHWM/ {print int($2/1024)}' "/proc/$server/status"; }
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$server/status"; }
range="unit=tam-phuoc&from=2026-05-01&to=2026-11-30"
# Warm-up: one day of each, so the baseline holds what every request allocates once.
for format in csv xlsx; do curl -s -b "$jar" -o /dev/null "$BASE/admin/exports/responses.$format?unit=tam-phuoc&from=2026-05-01&to=2026-05-01"; done
echo "== server peak RSS after warm-up: $(hwm) MiB"
printf '%-5s %-4s %10s %12s %10s %14s %14s\n' run fmt seconds bytes rows "peak MiB" "RSS after MiB"
for run in $(seq "$RUNS"); do
    for format in csv xlsx; do
        out="$work/out.$format"
        time=$(curl -s -b "$jar" -o "$out" -w '%{time_total}' "$BASE/admin/exports/responses.$format?$range")
        bytes=$(stat -c %s "$out")
        if [ "$format" = csv ]; then
            rows=$(( $(wc -l <"$out") - 1 ))
        else
            rows=$(python3 -c "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read('xl/worksheets/sheet1.xml').count(b'</row>') - 1)" "$out")
        fi
        printf '%-5s %-4s %10s %12s %10s %14s %14s\n' "$run" "$format" "$time" "$bytes" "$rows" "$(hwm)" "$(rss)"
    done
done

#!/usr/bin/env bash
# HaiLong load benchmark, one run on one machine against one release server started on a
# fresh data directory with --demo (see bench/README.md). At each connection count (8, 32,
# 64), RUNS times (default 3, interleaved so the machine's noise spreads over all):
#   healthz  GET /healthz (no database): the server's own ceiling, the 100% of the ratios
#   poster   GET /r/{posterToken}          the counter poster's rating page
#   ticket   GET /r/{ticketToken}          a ticket's rating page, the ticket issued through the
#            API just before (as a citizen scans what the counter just issued): from memory
#   ticketdb GET /r/{ticketToken}          a ticket's rating page where the server did not issue
#            the ticket (its row copied behind the server's back with sqlite3): read from the
#            database, as after a restart or for a ticket older than 16,384 others
#   details  GET /r/{token}?k={key}        the details page after a rating recorded just before
#   notfound GET /r/{unknownToken}         the 404 page
#   css      GET /static/site.css          the stylesheet
#   post     POST /r/{token}, each on a fresh single-use ticket, durable before the answer;
#            only ratings found in the database count
#   survey   GET rating page -> POST with its _k key -> GET the 303 Location, each on a fresh
#            ticket; only flows that reach the details page (200, details form) count
# Page requests send Accept-Encoding: gzip, as phones do. Then the bytes on the wire of the
# rating page with everything it loads, and of the details page, as curl --compressed sees them.
#
# Usage: bench/run.sh [seconds per measurement, default 10]
#   RUNS=3 CONNS="8 32 64" THREADS=2 PORT=18080 RESULTS=file.tsv (raw rows, kept)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
RUNS=${RUNS:-3}
CONNS=${CONNS:-8 32 64}
THREADS=${THREADS:-2}
PORT=${PORT:-18080}
BASE="http://127.0.0.1:$PORT"
export BENCH_DIR="$PWD/bench"

swift build -c release --product hailong >/dev/null
BIN=.build/release/hailong
work=$(mktemp -d)
RESULTS=${RESULTS:-$work/results.tsv}
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

# The poster limits (one rating per device per counter per 10 minutes, 60 per address) are
# switched off: no measurement here posts to a poster, and the survey flow's GETs of a poster
# would otherwise share one address. 0 minutes = no interval, no address window.
"$BIN" serve --demo --port "$PORT" --data-dir "$work/data" \
    --poster-interval-minutes 0 --poster-per-address 1000000000 2>/dev/null >"$work/server.log" &
server=$!
for _ in $(seq 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.2; done
export API_KEY=$(grep "API key tam-phuoc" "$work/server.log" | awk '{print $4}')
poster=$(grep -m1 " q1: " "$work/server.log" | awk '{print $2}')
poster=${poster#http://*/}; poster=/${poster}
db="$work/data/hailong.sqlite"
GZ=(-H "Accept-Encoding: gzip")

issue_one() {
    curl -sf -X POST "$BASE/api/v1/tickets" -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' \
        -d '{"counter":"q1","procedure":"1.004227"}' | sed 's/.*"token":"\([A-Za-z0-9]*\)".*/\1/'
}
# The ticket and the recorded rating whose pages are measured: fresh before each round, as
# a citizen's are (the round's own POSTs and surveys issue thousands more).
fresh_pages() {
    ticket=$(issue_one)
    local rated
    rated=$(issue_one)
    details=$(curl -s -o /dev/null -D - -X POST "$BASE/r/$rated" -d 'overall=3' | awk 'tolower($1)=="location:" {print $2}' | tr -d '\r')
    PATHS[ticket]=/r/$ticket
    PATHS[details]=$details
}
unknown=ZZZZZZZZZZZZZZZZZZZZZZ
# A ticket this server did not issue: a copy of an issued one under another token, written
# by sqlite3 (another process), so the server knows it only from the database.
ticketdb=DBDBDBDBDBDBDBDBDBDBDB
sqlite3 "$db" "PRAGMA busy_timeout = 10000; INSERT INTO tickets (token, unitId, counterId, officerId, procedureId, sectorId, issuedAt, issuedDay, expiresAt)
  SELECT '$ticketdb', unitId, counterId, officerId, procedureId, sectorId, issuedAt, issuedDay, expiresAt FROM tickets WHERE token = '$(issue_one)'" >/dev/null

declare -A PATHS=([healthz]=/healthz [poster]=$poster [ticketdb]=/r/$ticketdb [notfound]=/r/$unknown [css]=/static/site.css)
declare -A EXPECT=([healthz]=200 [poster]=200 [ticket]=200 [ticketdb]=200 [details]=200 [notfound]=404 [css]=200)
GETS="healthz poster ticket ticketdb details notfound css"
fresh_pages

echo "== what each GET answers (Accept-Encoding: gzip)"
for name in $GETS; do
    got=$(curl -s -o /dev/null -D "$work/h" "${GZ[@]}" -w '%{http_code} %{size_download}' "$BASE${PATHS[$name]}")
    enc=$(awk 'tolower($1)=="content-encoding:" {print $2}' "$work/h" | tr -d '\r')
    printf '%-9s %-60s -> %s bytes, %s\n' "$name" "${PATHS[$name]}" "$got" "${enc:-identity}"
    [ "${got%% *}" = "${EXPECT[$name]}" ] || { echo "unexpected status for $name (want ${EXPECT[$name]})" >&2; exit 1; }
done

rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
seconds() { awk '/requests in/ {gsub("s,", "", $4); print $4}' "$1"; }
non2xx() { awk '/Non-2xx/ {print $5}' "$1"; }
responses() { sqlite3 "$db" "SELECT COUNT(*) FROM responses"; }
load() { cut -d' ' -f1 /proc/loadavg; }

# Fresh tickets into $1/tokens-<thread>.txt, about $2 of them: issued through the API with
# as many connections as the measurement will use; wrk is stopped once every thread has its
# share (each thread stops itself; SIGINT ends wrk's own timer), or after 300 s at most.
issue() {
    local dir=$1 want=$2 per
    per=$(( (want + THREADS - 1) / THREADS ))
    rm -rf "$dir"; mkdir -p "$dir"
    TOKENS_DIR=$dir TICKETS_PER_THREAD=$per wrk -t"$THREADS" -c32 -d300s -s bench/issue-tickets.lua "$BASE" >"$work/issue.txt" &
    local pid=$! t
    while kill -0 "$pid" 2>/dev/null; do
        local done_threads=0
        for t in $(seq "$THREADS"); do
            [ -f "$dir/tokens-$t.txt" ] && [ "$(wc -l <"$dir/tokens-$t.txt")" -ge "$per" ] && done_threads=$((done_threads + 1))
        done
        [ "$done_threads" -eq "$THREADS" ] && kill -INT "$pid" 2>/dev/null
        sleep 0.2
    done
    wait "$pid" || true
    cat "$dir"/tokens-*.txt | wc -l
}

declare -A LAST
record() { # rep conns name rps extra
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$(load)" "$5" | tee -a "$RESULTS"
}

echo "== warming up (2 s each)"
for name in $GETS; do wrk -t"$THREADS" -c32 -d2s "${GZ[@]}" "$BASE${PATHS[$name]}" >/dev/null; done

printf 'rep\tconns\tendpoint\treq_per_s\tload1\tnote\n' >"$RESULTS"
echo "== measurements: ${DURATION}s each, $THREADS wrk threads, connections: $CONNS, $RUNS runs"
for rep in $(seq "$RUNS"); do
    for c in $CONNS; do
        fresh_pages
        for name in $GETS; do
            headers=("${GZ[@]}"); [ "$name" = healthz ] && headers=()
            wrk -t"$THREADS" -c"$c" -d"${DURATION}s" "${headers[@]}" "$BASE${PATHS[$name]}" >"$work/out.txt"
            bad=$(non2xx "$work/out.txt"); bad=${bad:-0}
            note=""
            if [ "${EXPECT[$name]}" = 200 ] && [ "$bad" != 0 ]; then note="non-2xx: $bad"; fi
            record "$rep" "$c" "$name" "$(rps "$work/out.txt")" "$note"
            [ "$name" = healthz ] && health=$(rps "$work/out.txt")
        done

        # Rating POSTs, each on a fresh ticket. Tickets: 1.5x the last run's ratings at these
        # connections, or 35% of /healthz's rate when there is no last run yet.
        want=${LAST[post-$c]:-$(awk -v h="$health" -v d="$DURATION" 'BEGIN { printf "%d", h * 0.35 * d }')}
        issued=$(issue "$work/tickets" "$want")
        export TOKENS_DIR="$work/tickets"
        before=$(responses)
        wrk -t"$THREADS" -c"$c" -d"${DURATION}s" -s bench/rate-tickets.lua "$BASE" >"$work/out.txt"
        recorded=$(( $(responses) - before ))
        bad=$(non2xx "$work/out.txt"); bad=${bad:-0}
        rate=$(awk -v n="$recorded" -v s="$(seconds "$work/out.txt")" 'BEGIN { printf "%.0f", n / s }')
        note="recorded $recorded of $issued tickets"; [ "$bad" != 0 ] && note="$note; non-2xx $bad (out of tickets: a lower bound)"
        record "$rep" "$c" post "$rate" "$note"
        LAST[post-$c]=$(awk -v r="$rate" -v d="$DURATION" 'BEGIN { printf "%d", r * d * 1.5 + 1000 }')

        # Completed surveys, each on a fresh ticket.
        want=${LAST[survey-$c]:-$(awk -v h="$health" -v d="$DURATION" 'BEGIN { printf "%d", h * 0.12 * d }')}
        issued=$(issue "$work/tickets" "$want")
        before=$(responses)
        wrk -t"$THREADS" -c"$c" -d"${DURATION}s" -s bench/survey.lua "$BASE" >"$work/out.txt"
        recorded=$(( $(responses) - before ))
        done_n=$(awk '/surveys completed/ {print $3}' "$work/out.txt")
        rate=$(awk -v n="$done_n" -v s="$(seconds "$work/out.txt")" 'BEGIN { printf "%.1f", n / s }')
        fails=$(awk '/^failed at|without a fresh/ {printf "%s; ", $0}' "$work/out.txt")
        record "$rep" "$c" survey "$rate" "completed $done_n, ratings recorded $recorded, of $issued tickets; $fails"
        LAST[survey-$c]=$(awk -v r="$rate" -v d="$DURATION" 'BEGIN { printf "%d", r * d * 1.5 + 500 }')
    done
done

echo
echo "== bytes on the wire (curl --compressed: body bytes as sent, gzip where the server gzips)"
size() { curl -s --compressed -o /dev/null -w '%{size_download}' "$BASE$1"; }
page_bytes=$(size "$poster")
total=$page_bytes
echo "rating page $poster: $page_bytes"
# What the page loads, and /favicon.ico, which every browser asks for
# (<link href>, src=), not the links a citizen may follow.
for asset in $( (curl -s --compressed "$BASE$poster" | grep -o '<link [^>]*href="/[^"]*"\|src="/[^"]*"' | sed 's/.*="\(.*\)"/\1/'; echo /favicon.ico) | sort -u); do
    b=$(size "$asset"); total=$((total + b)); echo "  loads $asset: $b"
done
echo "rating page with everything it loads: $total bytes (target < 15360)"
fresh_pages
ticket_page=$(size "/r/$ticket")
echo "ticket rating page: $ticket_page bytes"
d_gz=$(size "$details")
d_plain=$(curl -s -o /dev/null -w '%{size_download}' "$BASE$details")
echo "details page: $d_gz bytes gzipped ($d_plain uncompressed) (target < 4096)"

echo
echo "== result"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -h | awk '/Mem:/ {print $2}') RAM, $(uname -r), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/summarize.py "$RESULTS"

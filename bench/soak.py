#!/usr/bin/env python3
"""Soak driver (bench/soak.sh): steady, mixed, realistic traffic against one server for a
long time, sampling every minute what must not grow without bound.

Each second it starts RATE visits spread over the second, in threads: most are citizens
(ticket -> rating page -> rating -> details page), some file feedback through the API and
read its tracking page, a few are staff reading the dashboard (month, quarter, phase), the
monthly report and its XLSX, the public page and its CSV, and the indicators API. Every
minute it writes one row: requests, errors, p50/p99 latency of that minute, the server's RSS
and open file descriptors, the WAL and database sizes, and from /metrics the C allocator's
bytes in use and held free and SQLite's own heap: a leak grows the bytes in use; memory the
allocator keeps for reuse grows only its free bytes.

Usage: soak.py BASE_URL API_KEY PID DATA_DIR SECONDS RATE OUT_TSV [ADMIN_COOKIE]
"""
import http.client, json, os, random, sys, threading, time, urllib.parse

base, api_key, pid, data_dir, seconds, rate, out = sys.argv[1:8]
cookie = sys.argv[8] if len(sys.argv) > 8 else ""
seconds, rate, pid = int(seconds), float(rate), int(pid)
host = urllib.parse.urlparse(base)
lock = threading.Lock()
latencies, errors, requests = [], [0], [0]
# The monthly report a director prints and downloads (product.md's URL), and the raw export.
REPORTS = ["/admin/reports/monthly?unit=tam-phuoc&period={month}", "/admin/reports/monthly?unit=tam-phuoc&period={month}&format=xlsx"]


def call(method, path, body=None, headers=None):
    start = time.monotonic()
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        status = response.status
        location = response.getheader("Location")
    except Exception:
        status, data, location = 599, b"", None
    finally:
        connection.close()
    with lock:
        latencies.append(time.monotonic() - start)
        requests[0] += 1
        if status >= 500:
            errors[0] += 1
    return status, data, location


def citizen():
    status, data, _ = call("POST", "/api/v1/tickets", json.dumps({"counter": "q1", "procedure": "1.004227"}),
                           {"Authorization": "Bearer " + api_key, "Content-Type": "application/json"})
    if status != 201:
        return
    token = json.loads(data)["token"]
    status, page, _ = call("GET", "/r/" + token, headers={"Accept-Encoding": "gzip"})
    key = ""
    marker = b'name="_k" value="'
    if marker in page:
        key = page.split(marker, 1)[1].split(b'"', 1)[0].decode()
    level = random.choices([1, 2, 3], weights=[3, 12, 85])[0]
    body = urllib.parse.urlencode({"_k": key, "overall": level})
    status, _, location = call("POST", "/r/" + token, body, {"Content-Type": "application/x-www-form-urlencoded"})
    if status == 303 and location:
        call("GET", urllib.parse.urlparse(location).path + "?" + urllib.parse.urlparse(location).query)


def feedback():
    body = {"kind": random.choice(["gop-y", "phan-anh", "kien-nghi"]), "category": random.choice(["cham-tre", "co-so", "thu-tuc"]),
            "description": "Soak: hồ sơ chờ lâu", "unit": "tam-phuoc", "channel": "hotline"}
    status, data, _ = call("POST", "/api/v1/feedback", json.dumps(body), {"Authorization": "Bearer " + api_key, "Content-Type": "application/json"})
    if status == 201:
        call("GET", "/track/" + json.loads(data)["code"], headers={"Accept": "application/json"})


def staff():
    today = time.strftime("%Y-%m-%d")
    month = time.strftime("%Y-%m-01")
    call("GET", f"/api/v1/indicators?unit=tam-phuoc&from={month}&to={today}&by=counter", headers={"Authorization": "Bearer " + api_key})
    call("GET", "/public", headers={"Accept-Encoding": "gzip"})
    call("GET", "/public.csv")
    if cookie:
        period = random.choice(["", "&period=" + time.strftime("%Y-Q") + str((int(time.strftime("%m")) - 1) // 3 + 1), "&period=P2"])
        call("GET", "/admin?unit=tam-phuoc" + period, headers={"Cookie": cookie, "Accept-Encoding": "gzip"})
        for path in REPORTS:
            call("GET", path.format(month=time.strftime("%Y-%m")), headers={"Cookie": cookie})


def visit():
    roll = random.random()
    (citizen if roll < 0.85 else feedback if roll < 0.95 else staff)()


def sample():
    try:
        with open(f"/proc/{pid}/status") as status:
            rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
        fds = len(os.listdir(f"/proc/{pid}/fd"))
    except (FileNotFoundError, StopIteration):
        rss, fds = -1, -1
    size = lambda name: os.path.getsize(os.path.join(data_dir, name)) if os.path.exists(os.path.join(data_dir, name)) else 0
    gauges = {}
    status, text, _ = call("GET", "/metrics")
    if status == 200:
        for line in text.decode().splitlines():
            name, _, value = line.partition(" ")
            if name in MEMORY:
                gauges[name] = int(float(value)) // 1024
    return (rss, fds, size("hailong.sqlite-wal"), size("hailong.sqlite")) + tuple(gauges.get(name, -1) for name in MEMORY)


# /metrics' memory figures, in KiB in the table (-1 where a server has none).
MEMORY = ["hailong_malloc_in_use_bytes", "hailong_malloc_free_bytes", "hailong_sqlite_memory_used_bytes"]


# A server built before the reports existed answers them 404: leave them out, and say so.
if cookie:
    REPORTS = [path for path in REPORTS if call("GET", path.format(month=time.strftime("%Y-%m")), headers={"Cookie": cookie})[0] == 200]
print("soak: report paths in the mix:", REPORTS or "none (the server has no reports)", flush=True)

with open(out, "w") as table:
    table.write("minute\trequests\terrors_5xx\tp50_ms\tp99_ms\trss_kib\tfds\twal_bytes\tdb_bytes\tmalloc_in_use_kib\tmalloc_free_kib\tsqlite_kib\n")
    start = time.monotonic()
    next_minute = start + 60
    minute = 0
    threads = []
    while time.monotonic() - start < seconds:
        second = time.monotonic()
        for i in range(int(rate)):
            thread = threading.Thread(target=visit, daemon=True)
            thread.start()
            threads.append(thread)
            time.sleep(max(0, second + (i + 1) / rate - time.monotonic()))
        threads = [t for t in threads if t.is_alive()]
        if time.monotonic() >= next_minute:
            minute += 1
            next_minute += 60
            with lock:
                window = sorted(latencies)
                latencies.clear()
                count, failed = requests[0], errors[0]
                requests[0] = errors[0] = 0
            p = lambda q: window[min(len(window) - 1, int(q * len(window)))] * 1000 if window else 0
            rss, fds, wal, db, in_use, free, sqlite = sample()
            table.write(f"{minute}\t{count}\t{failed}\t{p(0.5):.1f}\t{p(0.99):.1f}\t{rss}\t{fds}\t{wal}\t{db}\t{in_use}\t{free}\t{sqlite}\n")
            table.flush()
            print(f"minute {minute}: {count} requests, {failed} 5xx, p99 {p(0.99):.1f} ms, RSS {rss} KiB, fds {fds}, WAL {wal},"
                  f" malloc {in_use}+{free} KiB free, SQLite {sqlite} KiB", flush=True)

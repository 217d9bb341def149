#!/usr/bin/env python3
"""Kill -9 durability check: every rating the server acknowledged survives a crash.

Starts the release server on a fresh data directory, issues tickets through the API, rates
them from many threads, kills the server with SIGKILL in the middle of the load, then opens
the database and checks that each acknowledged rating (HTTP 200 received) is there.
A process crash is what can be tested here; power loss relies on synchronous=FULL, which a
test reads back from the database (OperationsTests, StorageTests).
"""
import os, signal, sqlite3, subprocess, sys, tempfile, threading, time, urllib.request, json

PORT = int(os.environ.get("PORT", "18081"))
BIN = os.path.join(os.path.dirname(__file__), "..", ".build", "release", "hailong")
TICKETS = 3000
THREADS = 32
BASE = f"http://127.0.0.1:{PORT}"


def post(path, body, headers):
    request = urllib.request.Request(BASE + path, data=body, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status, response.read()


def main():
    work = tempfile.mkdtemp()
    log = open(os.path.join(work, "server.log"), "w+")
    server = subprocess.Popen([BIN, "serve", "--demo", "--port", str(PORT), "--data-dir", os.path.join(work, "data")],
                              stdout=log, stderr=subprocess.DEVNULL, cwd=os.path.join(os.path.dirname(__file__), ".."))
    for _ in range(100):
        try:
            urllib.request.urlopen(BASE + "/healthz", timeout=1)
            break
        except Exception:
            time.sleep(0.1)
    log.seek(0)
    key = next(line.split()[3] for line in log if "API key tam-phuoc" in line)
    auth = {"Authorization": "Bearer " + key, "Content-Type": "application/json"}
    tokens = [json.loads(post("/api/v1/tickets", b'{"counter":"q1"}', auth)[1])["token"] for _ in range(TICKETS)]

    acknowledged, lock = [], threading.Lock()

    def rate(chunk):
        for token in chunk:
            try:
                status, _ = post("/r/" + token, b"overall=3", {"Content-Type": "application/x-www-form-urlencoded"})
                if status == 200:
                    with lock:
                        acknowledged.append(token)
            except Exception:
                return  # the server is gone

    workers = [threading.Thread(target=rate, args=(tokens[i::THREADS],)) for i in range(THREADS)]
    for worker in workers:
        worker.start()
    while len(acknowledged) < TICKETS // 3:
        time.sleep(0.005)
    server.send_signal(signal.SIGKILL)
    with lock:
        acked = set(acknowledged)  # a 200 received after this point was sent before the kill too
    for worker in workers:
        worker.join()
    acked |= set(acknowledged)
    server.wait()

    db = sqlite3.connect(os.path.join(work, "data", "hailong.sqlite"))
    stored = {row[0] for row in db.execute(
        "SELECT t.token FROM responses r JOIN tickets t ON t.id = r.ticketId")}
    lost = acked - stored
    print(f"acknowledged before/around SIGKILL: {len(acked)}, stored: {len(stored)}, lost: {len(lost)}")
    print("durability: 1 passed, 0 failed" if not lost else "durability: 0 passed, 1 failed")
    sys.exit(1 if lost else 0)


if __name__ == "__main__":
    main()

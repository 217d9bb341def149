#!/usr/bin/env python3
"""Summarises bench/run.sh's raw rows (rep, conns, endpoint, req/s, load, note) as a Markdown
table: per endpoint and connection count the median req/s and its range over the runs, and
the ratio to /healthz of the same run and connection count (median and range)."""
import csv
import statistics
import sys
from collections import defaultdict

TARGETS = {"poster": 0.50, "ticket": 0.50, "ticketdb": 0.50, "notfound": 0.50, "css": 0.50, "details": 0.35, "post": 0.25, "survey": 0.10}
ORDER = ["healthz", "poster", "ticket", "ticketdb", "details", "notfound", "css", "post", "survey"]
LABELS = {
    "healthz": "`GET /healthz`",
    "poster": "poster rating page",
    "ticket": "ticket rating page (just issued)",
    "ticketdb": "ticket rating page (from the database)",
    "details": "details page",
    "notfound": "404 page",
    "css": "`/static/site.css` (gzip)",
    "post": "rating POSTs (fresh tickets)",
    "survey": "completed surveys (GET, POST, GET)",
}


def main(path):
    rows = list(csv.DictReader(open(path), delimiter="\t"))
    rate = {}
    loads = []
    for row in rows:
        rate[(row["rep"], int(row["conns"]), row["endpoint"])] = float(row["req_per_s"])
        loads.append(float(row["load1"]))
    reps = sorted({r for r, _, _ in rate})
    conns = sorted({c for _, c, _ in rate})
    values = defaultdict(list)
    ratios = defaultdict(list)
    for (rep, c, name), value in rate.items():
        values[(name, c)].append(value)
        health = rate.get((rep, c, "healthz"))
        if health:
            ratios[(name, c)].append(value / health)

    def fmt(v):
        return f"{v:,.0f}" if v >= 100 else f"{v:,.1f}"

    print(f"{len(reps)} runs; load average (1 min) during the measurements: "
          f"{min(loads):.1f}-{max(loads):.1f}, median {statistics.median(loads):.1f}\n")
    print("| endpoint | conns | req/s median (range) | ratio to /healthz median (range) | target | met |")
    print("|---|---:|---|---|---|---|")
    verdicts = []
    for name in ORDER:
        for c in conns:
            v = values.get((name, c))
            if not v:
                continue
            rv = ratios[(name, c)]
            target = TARGETS.get(name)
            if name == "healthz":
                ratio, verdict, goal = "100%", "", ""
            else:
                med = statistics.median(rv)
                ratio = f"{100 * med:.1f}% ({100 * min(rv):.1f}-{100 * max(rv):.1f}%)"
                goal = f">= {100 * target:.0f}%"
                if min(rv) >= target:
                    verdict = "yes"
                elif med >= target:
                    verdict = "at the median, not in every run"
                else:
                    verdict = "**no**"
                verdicts.append((name, c, verdict))
            print(f"| {LABELS[name]} | {c} | {fmt(statistics.median(v))} ({fmt(min(v))}-{fmt(max(v))}) | {ratio} | {goal} | {verdict} |")
    print()
    missed = [f"{LABELS[n]} at {c}" for n, c, v in verdicts if v == "**no**"]
    print("targets missed at the median: " + (", ".join(missed) if missed else "none"))


if __name__ == "__main__":
    main(sys.argv[1])

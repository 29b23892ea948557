#!/usr/bin/env python3
"""Prints one benchmark size: each run's wall, CPU and peak RSS, the ratio retention ÷ DuckDB of
each alternating pair, and the report's stage timings (mean over the runs).

  summary.py ORDERS DATA_DIR RESULTS.jsonl TIMINGS.txt..."""
import json
import os
import re
import sys

orders, data, results, *timings = sys.argv[1:]
runs = [json.loads(line) for line in open(results)]
size = sum(os.path.getsize(os.path.join(data, f)) for f in os.listdir(data) if f.endswith(".csv"))
print(f"\n== {int(orders):,} orders ({size / 1e6:.0f} MB of CSV) ==")
print(f"{'run':<10} {'wall s':>8} {'CPU s':>8} {'peak RSS MiB':>13}")
for r in runs:
    print(f"{r['label']:<10} {r['wall']:>8.2f} {r['cpu']:>8.2f} {r['rss_mib']:>13.1f}")
ours = [r for r in runs if r["label"] == "retention"]
peer = [r for r in runs if r["label"] == "duckdb"]
for i, (a, b) in enumerate(zip(ours, peer), 1):
    print(f"pair {i}: wall ratio {a['wall'] / b['wall']:.2f}, CPU ratio {a['cpu'] / b['cpu']:.2f}, "
          f"RSS ratio {a['rss_mib'] / b['rss_mib']:.2f}")
stages = {}
for path in timings:
    for line in open(path):
        m = re.match(r"timing: (.*?) ([0-9.]+)s(?: cpu ([0-9.]+)s)?(?: peak ([0-9]+) MiB)?(?: rss [0-9]+ MiB)?$", line.strip())
        if m:
            stages.setdefault(m[1], []).append((float(m[2]), float(m[3] or "nan"), float(m[4] or "nan")))
if stages:
    print(f"stage timings (mean of runs)     {'wall s':>8} {'CPU s':>8} {'peak MiB':>9}")
    for name, values in stages.items():
        wall = sum(v[0] for v in values) / len(values)
        cpu = sum(v[1] for v in values) / len(values)
        peak = max(v[2] for v in values)
        print(f"  {name:<30} {wall:8.3f} {cpu:8.3f} {peak:9.0f}")

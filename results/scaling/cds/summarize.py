#!/usr/bin/env python3
"""Medians and spread of ab.sh's CSV, config B over config A (default: on over off), as a Markdown table."""
import csv
import statistics
import sys
from collections import defaultdict

path = sys.argv[1] if len(sys.argv) > 1 else "ab.csv"
a_name = sys.argv[2] if len(sys.argv) > 2 else "off"
b_name = sys.argv[3] if len(sys.argv) > 3 else "on"
rows = [r for r in csv.DictReader(open(path)) if r["exit"] == "0"]
by = defaultdict(list)
for r in rows:
    by[(r["case"], r["np"], r["config"])].append(r)
loads = [float(r["load1"]) for r in rows]


def stat(rs, key):
    v = [float(r[key]) for r in rs if r[key] not in ("", None)]
    if not v:
        return None
    return statistics.median(v), min(v), max(v), len(v)


def fmt(s):
    return "" if s is None else f"{s[0]:.2f} ({s[1]:.2f}–{s[2]:.2f})"


print(f"{path}: {len(rows)} runs, 1-minute load average {min(loads):.1f}–{max(loads):.1f} "
      f"(median {statistics.median(loads):.1f}); medians (min–max) of {b_name} vs {a_name}, runs interleaved\n")
print(f"| case | np | metric | {a_name} | {b_name} | ratio {b_name}/{a_name} |")
print("|---|---|---|---|---|---|")
cases = []
for r in rows:
    if (r["case"], r["np"]) not in cases:
        cases.append((r["case"], r["np"]))
for case, np in cases:
    for key in ("startup_s", "pre_jvm_s", "cpu_s", "wall_s"):
        sa, sb = stat(by[(case, np, a_name)], key), stat(by[(case, np, b_name)], key)
        if sa is None or sb is None:
            continue
        ratio = f"×{sb[0] / sa[0]:.2f}" if sa[0] > 0 else ""
        print(f"| {case} | {np} | {key} | {fmt(sa)} | {fmt(sb)} | {ratio} |")

#!/usr/bin/env python3
"""Collapse times of nbody --integrator hermite runs (diagnostics.csv per seed) in units of t_rh(0).

Criterion: the minimum of the running median (window W rows) of r_lag_1 and of the CH85 core radius.
usage: analyse.py WINDOW DIR_SEED1 SUMMARY1.json [DIR SUMMARY ...]
"""
import csv, json, statistics, sys

w = int(sys.argv[1])
print("| seed | t_rh(0) | t_end / t_rh | t_cc (r_1%% min) / t_rh | t_cc (core min) / t_rh | r_core start → min | max abs dE/E |")
print("|---|---|---|---|---|---|---|")
args = sys.argv[2:]
for d, js in zip(args[0::2], args[1::2]):
    rows = list(csv.DictReader(open(d + "/diagnostics.csv")))
    s = json.load(open(js))
    trh = s["results"]["t_rh_initial"]
    t = [float(r["time"]) for r in rows]
    def runmed(key):
        v = [float(r[key]) for r in rows]
        return [statistics.median(v[max(0, i - w // 2):i + w // 2 + 1]) for i in range(len(v))]
    r1 = runmed("r_lag_1")
    rc = runmed("core_radius")
    i1 = min(range(len(r1)), key=r1.__getitem__)
    ic = min(range(len(rc)), key=rc.__getitem__)
    de = max(abs(float(r["rel_energy_error"])) for r in rows)
    print(f"| {s['parameters']['seed']} | {trh:.3f} | {t[-1]/trh:.1f} | {t[i1]/trh:.1f} | {t[ic]/trh:.1f} | "
          f"{rc[0]:.3f} → {rc[ic]:.4f} | {de:.1e} |")

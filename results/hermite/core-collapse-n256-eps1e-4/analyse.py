#!/usr/bin/env python3
"""Collapse times of nbody --integrator hermite runs (DIR/diagnostics.csv per seed) in units of t_rh(0).

t_rh(0) = 0.138 N r_h^1.5 / ln(0.11 N) (Spitzer 1987, G = M = 1, r_h = first row's r_lag_50, as nbody's
t_rh_initial). Criterion: the time of the minimum of the running median (WINDOW rows) of r_lag_1 and of
the CH85 core radius, over the rows written so far.
usage: analyse.py N WINDOW DIR_OR_CSV...
"""
import csv, math, statistics, sys

n, w = int(sys.argv[1]), int(sys.argv[2])
print("| run | t_rh(0) | t reached / t_rh | t(min r_1%) / t_rh | t(min r_core) / t_rh | r_core start → min | max \\|dE/E\\| |")
print("|---|---|---|---|---|---|---|")
for d in sys.argv[3:]:
    rows = list(csv.DictReader(open(d if d.endswith(".csv") else d + "/diagnostics.csv")))
    trh = 0.138 * n * float(rows[0]["r_lag_50"]) ** 1.5 / math.log(0.11 * n)
    t = [float(r["time"]) for r in rows]
    def runmed(key):
        v = [float(r[key]) for r in rows]
        return [statistics.median(v[max(0, i - w // 2):i + w // 2 + 1]) for i in range(len(v))]
    r1, rc = runmed("r_lag_1"), runmed("core_radius")
    i1 = min(range(len(r1)), key=r1.__getitem__)
    ic = min(range(len(rc)), key=rc.__getitem__)
    de = max(abs(float(r["rel_energy_error"])) for r in rows)
    print(f"| {d.rstrip('/').split('/')[-1]} | {trh:.3f} | {t[-1]/trh:.1f} | {t[i1]/trh:.1f} | {t[ic]/trh:.1f} | "
          f"{rc[0]:.3f} → {rc[ic]:.4f} | {de:.1e} |")

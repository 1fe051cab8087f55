#!/usr/bin/env python3
"""Core collapse in nbody --integrator hermite runs (DIR/diagnostics.csv per run), in units of t_rh(0).

t_rh(0) = 0.138 N r_h^1.5 / ln(0.11 N)  (Spitzer 1987 eq. 2-63, G = M = 1, r_h = first row's r_lag_50,
as nbody's summary key t_rh_initial). The CH85 core radius is noisy at N = 1024 (a few dozen stars in the
core), so it is smoothed by a running median over WINDOW rows. Reported per run: the first time the smoothed
core radius is below 1/10 and below 1/100 of its initial value (the latter is the collapse time used here: the
core density jumps by ~10^4 within about one t_rh around it), the time of its minimum (after collapse the CH85
radius keeps shrinking onto the binaries that form, so this moves with the run's length), the minimum and the
contraction factor, the largest |dE/E|, and how far the run got.
usage: analyse.py N WINDOW DIR_OR_CSV...
"""
import csv, math, statistics, sys

n, w = int(sys.argv[1]), int(sys.argv[2])
print("| run | t_rh(0) | t reached / t_rh | t(r_core < r_core(0)/10) / t_rh | t(r_core < r_core(0)/100) / t_rh "
      "| t(min r_core) / t_rh "
      "| t(min r_1%) / t_rh | r_core start → min (factor) | max \\|dE/E\\| |")
print("|---|---|---|---|---|---|---|---|---|")
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
    i10 = next((i for i in range(len(rc)) if rc[i] < rc[0] / 10), None)
    t10 = f"{t[i10] / trh:.1f}" if i10 is not None else "not reached"
    i100 = next((i for i in range(len(rc)) if rc[i] < rc[0] / 100), None)
    t100 = f"{t[i100] / trh:.1f}" if i100 is not None else "not reached"
    de = max(abs(float(r["rel_energy_error"])) for r in rows)
    print(f"| {d.rstrip('/').split('/')[-1]} | {trh:.2f} | {t[-1] / trh:.1f} | {t10} | {t100} | {t[ic] / trh:.1f} | "
          f"{t[i1] / trh:.1f} | {rc[0]:.3f} → {rc[ic]:.4f} ({rc[0] / rc[ic]:.0f}×) | {de:.1e} |")

#!/usr/bin/env python3
"""SciPy baseline for the pair-count benchmark (Debian python3-scipy): uniform points in a box
L = 1000, the teaching text's cKDTree.query_pairs(rmax) plus a histogram of the separations, and
cKDTree.count_neighbors on the bin edges (cumulative counts, differenced). Prints best-of-3 wall
times; tree construction is included, as in Orrery's figures (cell lists are built every run)."""
import sys
import time

import numpy as np
from scipy.spatial import cKDTree

L = 1000.0


def best(f, repeat=3):
    t = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = f()
        t.append(time.perf_counter() - t0)
    return min(t), out


def main():
    ns = [int(float(a)) for a in sys.argv[1:]] or [100_000, 1_000_000]
    print(f"{'N':>9} {'bins':<15} {'periodic':<8} {'method':<22} {'best_s':>8} {'pairs':>12}")
    for n in ns:
        rng = np.random.default_rng(42)
        p = rng.random((n, 3)) * L
        for periodic in (True, False):
            box = L if periodic else None
            for name, edges in (("lin 1..21 x20", np.linspace(1, 21, 21)), ("log 0.5..30 x15", np.geomspace(0.5, 30, 16))):
                rmax = edges[-1]

                def qp():
                    t = cKDTree(p, boxsize=box)
                    pairs = t.query_pairs(rmax, output_type="ndarray")
                    d = p[pairs[:, 0]] - p[pairs[:, 1]]
                    if periodic:
                        d -= L * np.round(d / L)
                    r = np.sqrt((d * d).sum(axis=1))
                    return np.histogram(r, bins=edges)[0].sum()

                def cn():
                    t = cKDTree(p, boxsize=box)
                    c = t.count_neighbors(t, edges)
                    return int((np.diff(c) // 2).sum())

                s, k = best(qp)
                print(f"{n:>9} {name:<15} {'yes' if periodic else 'no':<8} {'query_pairs+histogram':<22} {s:8.3f} {k:>12}", flush=True)
                s, k = best(cn)
                print(f"{n:>9} {name:<15} {'yes' if periodic else 'no':<8} {'count_neighbors':<22} {s:8.3f} {k:>12}", flush=True)


if __name__ == "__main__":
    main()

"""The 150 000-point weighted sky catalog of the weights benchmark (docs/paircount-survey.md, Weights).
Usage: python3 make_weights_catalog.py OUT.txt   (numpy only)"""
import sys

import numpy as np

rng = np.random.default_rng(5)
n = 150000
ra = rng.uniform(150, 200, n)
dec = np.degrees(np.arcsin(rng.uniform(np.sin(np.radians(-5)), np.sin(np.radians(25)), n)))
d = rng.uniform(400, 700, n)
m = n // 2  # the second half: close companions of the first
ra[m:] = ra[:n - m] + rng.normal(0, 0.1, n - m)
dec[m:] = dec[:n - m] + rng.normal(0, 0.1, n - m)
d[m:] = d[:n - m] + rng.normal(0, 2, n - m)
ra = np.mod(ra, 360)
dec = np.clip(dec, -89, 89)
w = rng.uniform(0.2, 2.2, n)
np.savetxt(sys.argv[1], np.column_stack([ra, dec, d, w]), fmt="%.10g")

"""Weighted reference counts from Corrfunc (pair_product) for CorrfuncWeightedTest.

Usage: PYTHONPATH=<Corrfunc build>:<stand-ins> python3 gen_weighted_reference.py src/test/resources/corrfunc
(see README.md in this directory for the Corrfunc build and the two stand-in modules). Reads sky.txt and the
edge files that gen_reference.py wrote; writes sky_weights.txt and DD{rppi,smu,theta}_mocks_weighted.txt.
"""
import sys

import numpy as np
from Corrfunc.mocks.DDrppi_mocks import DDrppi_mocks
from Corrfunc.mocks.DDsmu_mocks import DDsmu_mocks
from Corrfunc.mocks.DDtheta_mocks import DDtheta_mocks

out = sys.argv[1]
sky = np.loadtxt(f"{out}/sky.txt")
RA, DEC, D = (sky[:, k].copy() for k in range(3))
rng = np.random.default_rng(20261203 + 14)
# FKP-like weights in [0.2, 2.2), every 50th 0 (masked), none exactly representable in few bits
w = rng.uniform(0.2, 2.2, len(RA))
w[::50] = 0.0
np.savetxt(f"{out}/sky_weights.txt", w, fmt="%.17g")
rbins = np.loadtxt(f"{out}/rp_edges.txt")
sbins = np.loadtxt(f"{out}/s_edges.txt")
tbins = np.loadtxt(f"{out}/theta_edges.txt")


def save(name, res, cols):
    np.savetxt(f"{out}/{name}.txt", np.column_stack([res[k] for k in cols]),
               fmt=["%.17g"] * (len(cols) - 2) + ["%d", "%.17g"], header=" ".join(cols))


kw = dict(weights1=w, weight_type="pair_product")
save("DDrppi_mocks_weighted",
     DDrppi_mocks(1, 1, 1, 12.0, rbins * 2, RA, DEC, D, is_comoving_dist=True, **kw),
     ["rmin", "rmax", "pimax", "npairs", "weightavg"])
save("DDsmu_mocks_weighted",
     DDsmu_mocks(1, 1, 1, 1.0, 10, sbins[1:] * 2, RA, DEC, D, is_comoving_dist=True, **kw),
     ["smin", "smax", "mumax", "npairs", "weightavg"])
save("DDtheta_mocks_weighted", DDtheta_mocks(1, 1, tbins, RA, DEC, **kw),
     ["thetamin", "thetamax", "npairs", "weightavg"])

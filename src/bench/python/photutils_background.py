#!/usr/bin/python3
"""Times photutils' Background2D on one FITS image, for BackgroundBench (same image, same run).

Usage: /usr/bin/python3 photutils_background.py FILE BOX REPEATS
Prints one JSON line: {"photutils": version, "seconds": [...], "bkg_median": ...}; writes the
background map to FILE.photutils_bkg.fits for BackgroundBench to compare.
Parameters: box_size=BOX, filter_size=3, SigmaClip(sigma=3, maxiters=10), SExtractorBackground,
StdBackgroundRMS, edge_method='pad', exclude_percentile=10 (photutils 1.6 defaults), on float64
data, plus the subtraction data - background, as Orrery's Background2D.compute + subtract.
"""
import json
import sys
import time
import warnings

import numpy as np
import photutils
from astropy.io import fits
from astropy.stats import SigmaClip
from astropy.utils.exceptions import AstropyUserWarning
from photutils.background import Background2D, SExtractorBackground, StdBackgroundRMS

warnings.simplefilter("ignore", AstropyUserWarning)
path, box, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with fits.open(path) as f:
    data = np.asarray(f[1].data if f[0].data is None else f[0].data, dtype=float)
times = []
for _ in range(repeats):
    t0 = time.perf_counter()
    b = Background2D(data, box, filter_size=3, sigma_clip=SigmaClip(sigma=3.0, maxiters=10),
                     bkg_estimator=SExtractorBackground(), bkgrms_estimator=StdBackgroundRMS())
    sub = data - b.background
    rms = b.background_rms
    times.append(time.perf_counter() - t0)
fits.PrimaryHDU(b.background).writeto(path + ".photutils_bkg.fits", overwrite=True)
print(json.dumps({"photutils": photutils.__version__, "seconds": times,
                  "bkg_median": float(np.median(b.background)), "rms_median": float(np.median(rms))}))

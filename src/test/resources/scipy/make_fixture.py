"""Writes median_filter_40x30.csv: SciPy's median_filter on two 30x40 float64 images.

Run: python3 make_fixture.py   (SciPy 1.17.1, NumPy 2.4 were used for the committed file)
Each line: case,kind,k,y,v0..v39 with kind 'input' (k=0) or 'median'; values in repr (exact).
"""
import numpy as np
import scipy
import scipy.ndimage as nd

rng = np.random.default_rng(20240601)
cases = {
    "normal": rng.normal(size=(30, 40)) * 100.0,
    "ties": rng.integers(0, 5, size=(30, 40)).astype(np.float64) - 2.0,
}
with open("median_filter_40x30.csv", "w") as f:
    f.write(f"# scipy {scipy.__version__} numpy {np.__version__}: scipy.ndimage.median_filter(x, size=k)\n")
    for name, x in cases.items():
        for y in range(x.shape[0]):
            f.write(",".join([name, "input", "0", str(y)] + [repr(float(v)) for v in x[y]]) + "\n")
        for k in list(range(1, 9)) + [50]:
            m = nd.median_filter(x, size=k)
            assert m.dtype == x.dtype
            for y in range(x.shape[0]):
                f.write(",".join([name, "median", str(k), str(y)] + [repr(float(v)) for v in m[y]]) + "\n")

package org.orrery.physics.paircount;

/**
 * One thread's walk over cell pairs for {@link SurveyCounter}: the neighbourhood and z-window logic of
 * {@link CellCounter} (see its javadoc for the algorithm and why each pair is met once), with the pair binned by
 * {@link PairBinner} and the jackknife "touching patch k" histograms updated alongside the totals; with weights, the
 * product {@code fl(w_i·w_j)} of each binned pair goes into the same histograms' {@link ExactSum} accumulators
 * (normalised every {@link ExactSum#SAFE_ADDS} pairs). Unweighted box (rp, π) and θ counts without patches go through
 * the Vector API kernels instead ({@link SurveyVectorAcc}) when they are present. Not thread-safe: one instance per
 * thread.
 */
final class SurveyWalker {
    private final PairBinner binner;
    private final SurveyBinning.Mode mode;
    private final boolean sky;
    private final double r2grid;
    private final double zReach;
    /**
     * Whether the z-window shrinks with the xy distance to the column: only pair by pair, and not for box (rp, π),
     * whose z reach is pimax.
     */
    private final boolean shrink;
    /** (1e-3 R)²: keeps the shrunk window conservative against rounding. */
    private final double margin2;

    private final double period;
    private final boolean periodic;
    private final long[] tot;
    private final long[] touch;
    private final int nb;
    private final int[] pa;
    private final int[] pb;
    /** Labels of the grid currently on the i side and on the j side. */
    private int[] li;

    private int[] lj;
    private double shiftY;
    /** Weighted counts: the window, the accumulators, the limbs per accumulator, the weights of the two grids. */
    private final ExactSum sums;

    private final long[] wtot;
    private final long[] wtouch;
    private final int limbs;
    private final double[] wa;
    private final double[] wb;
    private double[] wi;
    private double[] wj;
    private long sinceNormalise;
    /** The vector kernels' accumulator when they count this walker's pairs, else null. */
    private final SurveyVectorAcc vector;

    SurveyWalker(
            PairBinner binner,
            SurveyBinning b,
            GridSpec spec,
            SurveyCounts out,
            int[] p1,
            int[] p2,
            double[] w1,
            double[] w2,
            PairKernelPath.Survey kernel) {
        this.binner = binner;
        mode = b.mode();
        sky = b.sky();
        double rg = b.gridRadius();
        r2grid = rg * rg;
        zReach = b.zReach();
        margin2 = 1e-6 * r2grid;
        periodic = spec.periodic();
        period = spec.period();
        tot = out.totalArray();
        touch = out.patches() > 0 ? out.touchArray() : null;
        nb = out.nbins();
        pa = p1;
        pb = p2;
        sums = out.window();
        wtot = out.weightTotalArray();
        wtouch = out.weightTouchArray();
        limbs = sums == null ? 0 : sums.limbs();
        wa = w1;
        wb = w2;
        vector = SurveyVectorAcc.of(kernel, b, binner, sums != null || touch != null);
        // The vector kernels reject a partner beyond the window for less than the shrinking's scan costs (θ at 3·10⁵
        // points: 12–23 % less time without it), so only the pair-by-pair path shrinks.
        shrink = vector == null && (b.sky() || b.mode() != SurveyBinning.Mode.RPPI);
    }

    /** Moves the vector kernels' counts into the totals (after each plane). */
    private void flush() {
        if (vector != null) {
            vector.flush(tot);
        }
    }

    private void hit(int bin, int i, int j) {
        tot[bin]++;
        if (sums != null) {
            weighted(bin, i, j);
        }
        if (touch != null) {
            int a = li[i];
            int c = lj[j];
            touch[a * nb + bin]++;
            if (c != a) {
                touch[c * nb + bin]++;
            }
        }
    }

    private void weighted(int bin, int i, int j) {
        double p = wi[i] * wj[j];
        if (p != 0) {
            sums.add(wtot, bin * limbs, p);
            if (touch != null) {
                int a = li[i];
                int c = lj[j];
                sums.add(wtouch, (a * nb + bin) * limbs, p);
                if (c != a) {
                    sums.add(wtouch, (c * nb + bin) * limbs, p);
                }
            }
        }
        if (++sinceNormalise == ExactSum.SAFE_ADDS) {
            sums.normaliseAll(wtot);
            if (touch != null) {
                sums.normaliseAll(wtouch);
            }
            sinceNormalise = 0;
        }
    }

    /** Point i (already read) against j in [j0, j1) of grid b, b's y and z shifted by sy, sz. */
    private void range(double xi, double yi, double zi, int i, LocalGrid b, int j0, int j1, double sy, double sz) {
        double[] bx = b.x;
        double[] by = b.y;
        double[] bz = b.z;
        if (vector != null) {
            vector.range(xi, yi, zi, bx, by, bz, j0, j1, sy, sz);
            return;
        }
        PairBinner p = binner;
        if (sky) {
            if (mode == SurveyBinning.Mode.R) {
                for (int j = j0; j < j1; j++) {
                    int k = p.r(bx[j] - xi, by[j] - yi, bz[j] - zi);
                    if (k >= 0) {
                        hit(k, i, j);
                    }
                }
            } else if (mode == SurveyBinning.Mode.THETA) {
                for (int j = j0; j < j1; j++) {
                    int k = p.theta(bx[j] - xi, by[j] - yi, bz[j] - zi);
                    if (k >= 0) {
                        hit(k, i, j);
                    }
                }
            } else if (mode == SurveyBinning.Mode.RPPI) {
                for (int j = j0; j < j1; j++) {
                    int k = p.rppiSky(xi, yi, zi, bx[j], by[j], bz[j]);
                    if (k >= 0) {
                        hit(k, i, j);
                    }
                }
            } else {
                for (int j = j0; j < j1; j++) {
                    int k = p.smuSky(xi, yi, zi, bx[j], by[j], bz[j]);
                    if (k >= 0) {
                        hit(k, i, j);
                    }
                }
            }
            return;
        }
        if (mode == SurveyBinning.Mode.R) {
            for (int j = j0; j < j1; j++) {
                int k = p.r(bx[j] - xi, (by[j] + sy) - yi, (bz[j] + sz) - zi);
                if (k >= 0) {
                    hit(k, i, j);
                }
            }
        } else if (mode == SurveyBinning.Mode.RPPI) {
            for (int j = j0; j < j1; j++) {
                int k = p.rppiBox(bx[j] - xi, (by[j] + sy) - yi, (bz[j] + sz) - zi);
                if (k >= 0) {
                    hit(k, i, j);
                }
            }
        } else {
            for (int j = j0; j < j1; j++) {
                int k = p.smuBox(bx[j] - xi, (by[j] + sy) - yi, (bz[j] + sz) - zi);
                if (k >= 0) {
                    hit(k, i, j);
                }
            }
        }
    }

    /** All pairs (i in column [a0, a1) of a, j in column cb of b); rectangle pruning as CellCounter. */
    private void columns(LocalGrid a, int a0, int a1, LocalGrid b, int cb, double sy) {
        int b0 = b.start[cb];
        int b1 = b.start[cb + 1];
        if (a0 == a1 || b0 == b1) {
            return;
        }
        double bxlo = b.xmin[cb];
        double bxhi = b.xmax[cb];
        double bylo = b.ymin[cb] + sy;
        double byhi = b.ymax[cb] + sy;
        double[] az = a.z;
        double[] bz = b.z;
        double zr = zReach;
        int lo = b0;
        int hi = b0;
        for (int i = a0; i < a1; i++) {
            double xi = a.x[i];
            double yi = a.y[i];
            double gx = Math.max(0.0, Math.max(bxlo - xi, xi - bxhi));
            double gy = Math.max(0.0, Math.max(bylo - yi, yi - byhi));
            if (gx * gx + gy * gy >= r2grid) {
                continue;
            }
            double zi = az[i];
            // The window (zi - zr, zi + zr): both ends only move forward, as the column is sorted by z.
            while (lo < b1 && bz[lo] - zi <= -zr) {
                lo++;
            }
            hi = Math.max(hi, lo); // not a branch: one first taken late would deoptimise the compiled loop
            while (hi < b1 && bz[hi] - zi < zr) {
                hi++;
            }
            int s0 = lo;
            int e0 = hi;
            if (shrink) {
                // Per-point window: |dz| < sqrt(R² - gx² - gy²), widened by 1e-3 R (rounding) so it only prunes.
                double zri =
                        Math.min(zr, Math.sqrt(Math.max(0.0, r2grid - (gx * gx + gy * gy)) + margin2) * (1 + 1e-9));
                while (s0 < hi && bz[s0] - zi <= -zri) {
                    s0++;
                }
                e0 = s0;
                while (e0 < hi && bz[e0] - zi < zri) {
                    e0++;
                }
            }
            range(xi, yi, zi, i, b, s0, e0, sy, 0.0);
            if (periodic) {
                if (zi < zr) {
                    int s = b1;
                    while (s > b0 && (bz[s - 1] - period) - zi > -zr) {
                        s--;
                    }
                    range(xi, yi, zi, i, b, s, b1, sy, -period);
                }
                if (zi > period - zr) {
                    int e = b0;
                    while (e < b1 && (bz[e] + period) - zi < zr) {
                        e++;
                    }
                    range(xi, yi, zi, i, b, b0, e, sy, period);
                }
            }
        }
    }

    /** Unordered pairs inside one column: j after i in (z, id) order. */
    private void self(LocalGrid a, int a0, int a1) {
        double[] az = a.z;
        double zr = zReach;
        int hi = a0;
        for (int i = a0; i < a1; i++) {
            double zi = az[i];
            hi = Math.max(hi, i + 1);
            while (hi < a1 && az[hi] - zi < zr) {
                hi++;
            }
            range(a.x[i], a.y[i], zi, i, a, i + 1, hi, 0.0, 0.0);
            if (periodic && zi < zr) {
                int s = a1;
                while (s > i + 1 && (az[s - 1] - period) - zi > -zr) {
                    s--;
                }
                range(a.x[i], a.y[i], zi, i, a, s, a1, 0.0, -period);
            }
        }
    }

    /** Column of g at plane q, column ty (wrapped when periodic), or -1; sets shiftY. */
    private int column(LocalGrid g, int q, int ty) {
        int lq = q - g.p0;
        if (lq >= g.nplanes) {
            return -1;
        }
        shiftY = 0;
        if (ty < 0) {
            if (!periodic) {
                return -1;
            }
            ty += g.ncy;
            shiftY = -period;
        } else if (ty >= g.ncy) {
            if (!periodic) {
                return -1;
            }
            ty -= g.ncy;
            shiftY = period;
        }
        return lq * g.ncy + ty;
    }

    /** Auto-count of the pairs whose primary cell is (p, cy), cy in [c0, c1). */
    void autoPlane(LocalGrid g, int p, int c0, int c1) {
        li = pa;
        lj = pa;
        wi = wa;
        wj = wa;
        int r = g.spec.refine();
        int base = (p - g.p0) * g.ncy;
        for (int cy = c0; cy < c1; cy++) {
            int a0 = g.start[base + cy];
            int a1 = g.start[base + cy + 1];
            if (a0 == a1) {
                continue;
            }
            self(g, a0, a1);
            for (int oy = 1; oy <= r; oy++) {
                int cb = column(g, p, cy + oy);
                if (cb >= 0) {
                    columns(g, a0, a1, g, cb, shiftY);
                }
            }
            for (int ox = 1; ox <= r; ox++) {
                for (int oy = -r; oy <= r; oy++) {
                    int cb = column(g, p + ox, cy + oy);
                    if (cb >= 0) {
                        columns(g, a0, a1, g, cb, shiftY);
                    }
                }
            }
        }
        flush();
    }

    /** Cross-count of the pairs whose primary cell is (p, cy), cy in [c0, c1). */
    void crossPlane(LocalGrid g1, LocalGrid g2, int p, int c0, int c1) {
        int r = g1.spec.refine();
        int base = (p - g1.p0) * g1.ncy;
        for (int cy = c0; cy < c1; cy++) {
            int a0 = g1.start[base + cy];
            int a1 = g1.start[base + cy + 1];
            if (a0 < a1) {
                li = pa;
                lj = pb;
                wi = wa;
                wj = wb;
                for (int ox = 0; ox <= r; ox++) {
                    for (int oy = -r; oy <= r; oy++) {
                        int cb = column(g2, p + ox, cy + oy);
                        if (cb >= 0) {
                            columns(g1, a0, a1, g2, cb, shiftY);
                        }
                    }
                }
            }
            int b0 = g2.start[base + cy];
            int b1 = g2.start[base + cy + 1];
            if (b0 < b1) {
                li = pb;
                lj = pa;
                wi = wb;
                wj = wa;
                for (int ox = 1; ox <= r; ox++) {
                    for (int oy = -r; oy <= r; oy++) {
                        int ca = column(g1, p + ox, cy + oy);
                        if (ca >= 0) {
                            columns(g2, b0, b1, g1, ca, shiftY);
                        }
                    }
                }
            }
        }
        flush();
    }
}

package org.orrery.physics.paircount;

import java.util.Arrays;

/**
 * One thread's use of the survey vector kernels ({@link PairKernelPath.Survey}) inside {@link SurveyWalker}: the
 * kernel's per-thread histogram (box (rp, π): nbins rows of npibins + 1 columns and a discard slot per lane; θ: the
 * cumulative counts per edge) and scratch array, and their conversion into the walker's flat bins ({@code primary * sub
 * + sub bin}) with {@link #flush}. The kernels cover the counts that need nothing per pair but its bin: unweighted,
 * without jackknife patches, box (rp, π) and θ; every other count stays on {@link PairBinner} pair by pair. Counts are
 * exact integers, so moving them into the totals once per plane gives the scalar loop's totals. Not thread-safe.
 */
final class SurveyVectorAcc {
    private final PairKernelPath.Survey kernel;
    /** Box (rp, π): the kernel's constants; null for θ. */
    private final PairKernelPath.RppiTable rppi;

    private final double[] cosEdges;
    private final long[] hist;
    private final double[] scratch;

    private SurveyVectorAcc(PairKernelPath.Survey kernel, PairBinner binner) {
        this.kernel = kernel;
        if (binner.mode == SurveyBinning.Mode.RPPI) {
            rppi = new PairKernelPath.RppiTable(binner);
            cosEdges = null;
            hist = new long[rppi.histLength(kernel.lanes())];
        } else {
            rppi = null;
            cosEdges = binner.cosEdges;
            hist = new long[cosEdges.length];
        }
        scratch = new double[2 * kernel.lanes()];
    }

    /**
     * The accumulator for a walker, or null when its pairs must go through {@link PairBinner} one by one (no kernel,
     * weights, patches, or a mode without a vector kernel).
     */
    static SurveyVectorAcc of(PairKernelPath.Survey kernel, SurveyBinning b, PairBinner binner, boolean perPair) {
        if (kernel == null || perPair) {
            return null;
        }
        boolean boxRppi = b.mode() == SurveyBinning.Mode.RPPI && !b.sky();
        return boxRppi || b.mode() == SurveyBinning.Mode.THETA ? new SurveyVectorAcc(kernel, binner) : null;
    }

    /** Point (xi, yi, zi) against partners [j0, j1) of (bx, by, bz), their y and z shifted by sy, sz (box only). */
    void range(
            double xi,
            double yi,
            double zi,
            double[] bx,
            double[] by,
            double[] bz,
            int j0,
            int j1,
            double sy,
            double sz) {
        if (rppi != null) {
            kernel.rppiBox(bx, by, bz, j0, j1, xi, yi, zi, sy, sz, rppi, hist, scratch);
        } else {
            kernel.theta(bx, by, bz, j0, j1, xi, yi, zi, cosEdges, hist);
        }
    }

    /** Adds the counts so far to {@code tot} (flat bins) and starts again from zero. */
    void flush(long[] tot) {
        if (rppi != null) {
            int sub = rppi.sub;
            for (int k = 0; k < rppi.nbins; k++) {
                for (int p = 0; p < sub; p++) {
                    tot[k * sub + p] += hist[k * (sub + 1) + p];
                }
            }
        } else {
            for (int k = 0; k + 1 < hist.length; k++) {
                tot[k] += hist[k + 1] - hist[k];
            }
        }
        Arrays.fill(hist, 0);
    }
}

package org.orrery.analysis;

/**
 * Least-squares slope of {@code log(1 + w)} against {@code log θ}: for a Soneira–Peebles (fractal) catalog of dimension
 * D the conditional density, hence {@code 1 + w(θ)}, scales as θ^(D−2) on scales well inside the top-level radius, so
 * the slope estimates D − 2 (Soneira &amp; Peebles 1978, AJ 83, 845). Unweighted ordinary least squares, {@code b =
 * (nΣxy − ΣxΣy) / (nΣx² − (Σx)²)}, summed in index order. Used as a jackknife statistic ({@link Jackknife}) for its
 * error.
 */
public final class PowerLawFit {
    private PowerLawFit() {}

    /** The slope of log(1 + w[i]) against logX[i]. */
    public static double logSlope(double[] logX, double[] w) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int n = logX.length;
        for (int i = 0; i < n; i++) {
            double y = Math.log(1 + w[i]);
            sx += logX[i];
            sy += y;
            sxx += logX[i] * logX[i];
            sxy += logX[i] * y;
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }
}

package org.orrery.physics.paircount;

import java.util.Arrays;
import org.orrery.model.UserError;

/**
 * Separation bins for pair counting: {@code nbins} half-open shells with edges {@code r_0 < r_1 < ... < r_nbins} (same
 * length unit as the positions).
 *
 * <p><b>Edge convention (Corrfunc's).</b> A pair at squared separation {@code d2} falls in bin {@code k} when
 * {@code r_k^2 <= d2 < r_{k+1}^2}; the comparison is made between squares (both rounded to double), never between
 * square roots. A pair exactly at {@code r_0} is counted in bin 0; a pair exactly at the last edge is not counted.
 * Self-pairs (a point with itself) are never counted, even when {@code r_0 = 0}.
 *
 * <p>Binning is O(1): a lookup table over {@code [r_0^2, r_n^2)} gives a first guess that is then corrected by
 * comparing with the squared edges, so the table only affects speed, never the answer. Instances are immutable and safe
 * to share between threads.
 */
public final class Bins {
    private static final int MAX_TABLE = 1 << 16;

    private final double[] edges;
    private final double[] edges2;
    private final double r2min;
    private final double r2max;
    private final double tableScale;
    private final int[] table;
    private final String kind;

    private Bins(double[] edges, String kind) {
        this.edges = edges.clone();
        this.kind = kind;
        int n = edges.length - 1;
        edges2 = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            edges2[k] = edges[k] * edges[k];
        }
        r2min = edges2[0];
        r2max = edges2[n];
        double narrowest = Double.POSITIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            narrowest = Math.min(narrowest, edges2[k + 1] - edges2[k]);
        }
        double range = r2max - r2min;
        int slots = (int) Math.min(MAX_TABLE, Math.max(16, Math.ceil(2 * range / narrowest)));
        tableScale = slots / range;
        table = new int[slots + 2];
        int k = 0;
        for (int s = 0; s < table.length; s++) {
            double lo = r2min + s / tableScale;
            while (k < n - 1 && lo >= edges2[k + 1]) {
                k++;
            }
            table[s] = k;
        }
    }

    /**
     * Bins from explicit edges (at least two, finite, {@code >= 0}, strictly increasing).
     *
     * @param source names the input in error messages (e.g. the edges file)
     */
    public static Bins of(double[] edges, String source) {
        if (edges.length < 2) {
            throw new UserError("bin edges need at least 2 values, got " + edges.length + ", " + source);
        }
        for (int k = 0; k < edges.length; k++) {
            if (!Double.isFinite(edges[k]) || edges[k] < 0) {
                throw new UserError(
                        "bin edge " + (k + 1) + " is " + edges[k] + " (edges must be finite and >= 0), " + source);
            }
            if (k > 0 && !(edges[k] > edges[k - 1])) {
                throw new UserError("bin edges must increase strictly: edge " + (k + 1) + " = " + edges[k] + " follows "
                        + edges[k - 1] + ", " + source);
            }
        }
        if (edges[edges.length - 1] * edges[edges.length - 1] == edges[0] * edges[0]) {
            throw new UserError("bin edges too close together to separate as squares, " + source);
        }
        return new Bins(edges, "explicit");
    }

    /** {@code nbins} bins of equal width in r from rmin to rmax ({@code 0 <= rmin < rmax}). */
    public static Bins linear(double rmin, double rmax, int nbins) {
        check(rmin, rmax, nbins, false);
        double[] e = new double[nbins + 1];
        double dr = (rmax - rmin) / nbins;
        for (int k = 0; k <= nbins; k++) {
            e[k] = rmin + k * dr;
        }
        e[nbins] = rmax;
        return new Bins(e, "linear");
    }

    /** {@code nbins} bins of equal width in log r from rmin to rmax ({@code 0 < rmin < rmax}). */
    public static Bins log(double rmin, double rmax, int nbins) {
        check(rmin, rmax, nbins, true);
        double[] e = new double[nbins + 1];
        double lmin = Math.log(rmin);
        double dl = (Math.log(rmax) - lmin) / nbins;
        e[0] = rmin;
        for (int k = 1; k < nbins; k++) {
            e[k] = Math.exp(lmin + k * dl);
        }
        e[nbins] = rmax;
        return new Bins(e, "log");
    }

    private static void check(double rmin, double rmax, int nbins, boolean log) {
        if (nbins < 1) {
            throw new UserError("the number of bins must be at least 1, got " + nbins);
        }
        if (!Double.isFinite(rmin) || !Double.isFinite(rmax) || rmin < 0 || (log && rmin <= 0)) {
            throw new UserError("the smallest separation rmin must be " + (log ? "> 0 for log bins" : ">= 0")
                    + " and finite, got " + rmin);
        }
        if (!(rmax > rmin)) {
            throw new UserError(
                    "the largest separation rmax must be greater than rmin, got rmin " + rmin + ", rmax " + rmax);
        }
    }

    public int count() {
        return edges.length - 1;
    }

    /** Edge k (0..count()). */
    public double edge(int k) {
        return edges[k];
    }

    public double[] edges() {
        return edges.clone();
    }

    public double rmin() {
        return edges[0];
    }

    public double rmax() {
        return edges[edges.length - 1];
    }

    /** {@code rmin^2} as double. */
    public double r2min() {
        return r2min;
    }

    /** {@code rmax^2} as double: pairs with {@code d2 >= r2max()} are not counted. */
    public double r2max() {
        return r2max;
    }

    /** "linear", "log" or "explicit". */
    public String kind() {
        return kind;
    }

    /** Volume of shell k: 4/3 pi (r_{k+1}^3 - r_k^3). */
    public double shellVolume(int k) {
        double lo = edges[k];
        double hi = edges[k + 1];
        return 4.0 / 3.0 * Math.PI * (hi * hi * hi - lo * lo * lo);
    }

    /**
     * Bin of a squared separation, or -1 when {@code d2 < r2min()} or {@code d2 >= r2max()} (or NaN). Exact: the result
     * satisfies {@code edge(k)^2 <= d2 < edge(k+1)^2} as doubles.
     */
    public int binOf(double d2) {
        if (!(d2 >= r2min && d2 < r2max)) {
            return -1;
        }
        return binInRange(d2);
    }

    /** As {@link #binOf} for {@code r2min() <= d2 < r2max()} (the caller has checked). */
    public int binInRange(double d2) {
        int k = table[(int) ((d2 - r2min) * tableScale)];
        while (d2 < edges2[k]) {
            k--;
        }
        while (d2 >= edges2[k + 1]) {
            k++;
        }
        return k;
    }

    /** Squared edges (a copy). */
    public double[] edges2() {
        return edges2.clone();
    }

    @Override
    public String toString() {
        return kind + " bins " + Arrays.toString(edges);
    }
}

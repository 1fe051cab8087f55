package org.orrery.analysis;

/**
 * Estimators of the two-point correlation function ξ(r) from pair counts normalised to pair fractions: {@code dd = DD /
 * P_DD}, {@code dr = DR / P_DR}, {@code rr = RR / P_RR} with {@code P_DD = N_D (N_D - 1) / 2} unique data pairs
 * (weighted: {@code ((Σw)² - Σw²) / 2}), {@code P_DR = N_D N_R} (weighted: {@code Σw_D Σw_R}) and {@code P_RR} as
 * {@code P_DD} for the randoms. The normalisation makes the estimators independent of the unique/ordered pair
 * convention and of the random-to-data ratio.
 *
 * <ul>
 *   <li>natural (Peebles &amp; Hauser 1974): {@code ξ = dd / rr - 1}
 *   <li>Davis &amp; Peebles (1983): {@code ξ = dd / dr - 1}
 *   <li>Hamilton (1993): {@code ξ = dd rr / dr² - 1}
 *   <li>Landy &amp; Szalay (1993): {@code ξ = (dd - 2 dr + rr) / rr}
 * </ul>
 *
 * A bin whose denominator is zero gives NaN. For a periodic box the expected random fractions are analytic: {@code rr_k
 * = dr_k = V_k / L³} with {@code V_k} the shell volume (no randoms needed); then all four estimators coincide with the
 * natural one.
 */
public final class CorrelationEstimators {
    private CorrelationEstimators() {}

    /** The estimators by name, in output order. */
    public enum Kind {
        NATURAL,
        DAVIS_PEEBLES,
        HAMILTON,
        LANDY_SZALAY
    }

    /** Number of unique pairs among n points: n (n - 1) / 2, as a double. */
    public static double uniquePairs(long n) {
        return n * (double) (n - 1) / 2;
    }

    /** Weighted analogue of {@link #uniquePairs}: ((Σw)² - Σw²) / 2. */
    public static double uniqueWeightPairs(double sumW, double sumW2) {
        return (sumW * sumW - sumW2) / 2;
    }

    /** counts[k] / norm for each bin (NaN when norm is 0). */
    public static double[] normalise(double[] counts, double norm) {
        double[] out = new double[counts.length];
        for (int k = 0; k < counts.length; k++) {
            out[k] = norm > 0 ? counts[k] / norm : Double.NaN;
        }
        return out;
    }

    /** As {@link #normalise(double[], double)} for integer counts. */
    public static double[] normalise(long[] counts, double norm) {
        double[] d = new double[counts.length];
        for (int k = 0; k < counts.length; k++) {
            d[k] = counts[k];
        }
        return normalise(d, norm);
    }

    /** Analytic random pair fraction per shell in a periodic cube of side L: V_k / L³. */
    public static double[] periodicRandomFraction(double[] edges, double period) {
        double[] out = new double[edges.length - 1];
        double v = period * period * period;
        for (int k = 0; k < out.length; k++) {
            double lo = edges[k];
            double hi = edges[k + 1];
            out[k] = 4.0 / 3.0 * Math.PI * (hi * hi * hi - lo * lo * lo) / v;
        }
        return out;
    }

    /** ξ in every bin with the given estimator (dr may be null for NATURAL, rr null for DAVIS_PEEBLES). */
    public static double[] xi(Kind kind, double[] dd, double[] dr, double[] rr) {
        double[] out = new double[dd.length];
        for (int k = 0; k < dd.length; k++) {
            out[k] = switch (kind) {
                case NATURAL -> ratio(dd[k], rr[k]) - 1;
                case DAVIS_PEEBLES -> ratio(dd[k], dr[k]) - 1;
                case HAMILTON -> ratio(dd[k] * rr[k], dr[k] * dr[k]) - 1;
                case LANDY_SZALAY -> ratio(dd[k] - 2 * dr[k] + rr[k], rr[k]);
            };
        }
        return out;
    }

    /**
     * ξ(r) of one count: every estimator (null without randoms) and, for a periodic box, the analytic random fractions
     * {@code V_k / L³} and the natural estimator against them (null when open). Pair counts are unique pairs; weighted
     * counts replace counts when {@code weighted}.
     */
    public record Estimates(java.util.Map<Kind, double[]> xi, double[] analyticFraction, double[] xiAnalytic) {
        /** ξ with {@code kind}, or null without randoms. */
        public double[] of(Kind kind) {
            return xi.get(kind);
        }
    }

    /**
     * The estimators of {@link Estimates} from unique-pair counts: {@code dd}, {@code dr}, {@code rr} are the counts
     * (or weight sums) per bin (dr and rr null without randoms); {@code nd}, {@code nr} the catalog sizes;
     * {@code dataW}, {@code randW} = {Σw, Σw²} of each catalog (used when {@code weighted}); {@code period} the
     * periodic box side, 0 when open.
     */
    public static Estimates estimate(
            double[] dd,
            double[] dr,
            double[] rr,
            long nd,
            long nr,
            double[] dataW,
            double[] randW,
            boolean weighted,
            double[] edges,
            double period) {
        double[] ddn = normalise(dd, weighted ? uniqueWeightPairs(dataW[0], dataW[1]) : uniquePairs(nd));
        java.util.Map<Kind, double[]> xi = new java.util.EnumMap<>(Kind.class);
        if (dr != null) {
            double[] drn = normalise(dr, weighted ? dataW[0] * randW[0] : (double) nd * nr);
            double[] rrn = normalise(rr, weighted ? uniqueWeightPairs(randW[0], randW[1]) : uniquePairs(nr));
            for (Kind k : Kind.values()) {
                xi.put(k, xi(k, ddn, drn, rrn));
            }
        }
        if (period > 0) {
            double[] an = periodicRandomFraction(edges, period);
            return new Estimates(xi, an, xi(Kind.NATURAL, ddn, an, an));
        }
        return new Estimates(xi, null, null);
    }

    private static double ratio(double a, double b) {
        return b != 0 && Double.isFinite(b) ? a / b : Double.NaN;
    }
}

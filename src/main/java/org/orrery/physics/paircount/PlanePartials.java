package org.orrery.physics.paircount;

/**
 * Pair counts split by the grid plane that counted them: plane {@code firstPlane + p} holds bins {@code [p * nbins, (p
 * + 1) * nbins)}. Each plane's partial is computed by one thread in a fixed order, so its floating-point sums are the
 * same bits whatever the number of threads or ranks; {@link #total()} adds the planes in plane order, which makes the
 * totals reproducible too (integer counts are exact in any order).
 */
public final class PlanePartials {
    private final int firstPlane;
    private final int nplanes;
    private final int nbins;
    final long[] counts;
    final double[] wsum;
    final double[] rsum;

    public PlanePartials(int firstPlane, int nplanes, int nbins, boolean weights, boolean separations) {
        this.firstPlane = firstPlane;
        this.nplanes = nplanes;
        this.nbins = nbins;
        counts = new long[nplanes * nbins];
        wsum = weights ? new double[nplanes * nbins] : null;
        rsum = separations ? new double[nplanes * nbins] : null;
    }

    public int firstPlane() {
        return firstPlane;
    }

    public int planes() {
        return nplanes;
    }

    public int nbins() {
        return nbins;
    }

    /** Integer counts summed over planes. */
    public long[] countTotals() {
        long[] t = new long[nbins];
        for (int i = 0; i < counts.length; i++) {
            t[i % nbins] += counts[i];
        }
        return t;
    }

    /**
     * The floating-point partials packed plane by plane: for each plane, nbins weight sums (if any) then nbins
     * separation sums (if any). Length {@code planes() * doublesPerPlane()}.
     */
    public double[] packedSums() {
        int dpp = doublesPerPlane();
        double[] out = new double[nplanes * dpp];
        for (int p = 0; p < nplanes; p++) {
            int o = p * dpp;
            if (wsum != null) {
                System.arraycopy(wsum, p * nbins, out, o, nbins);
                o += nbins;
            }
            if (rsum != null) {
                System.arraycopy(rsum, p * nbins, out, o, nbins);
            }
        }
        return out;
    }

    public int doublesPerPlane() {
        return (wsum != null ? nbins : 0) + (rsum != null ? nbins : 0);
    }

    /**
     * Totals from integer counts and packed per-plane sums (as from {@link #packedSums()}, concatenated over
     * consecutive plane ranges), summed plane by plane in order.
     */
    public static PairCounts combine(long[] counts, double[] packed, int nbins, boolean weights, boolean separations) {
        PairCounts out = PairCounts.zero(nbins, weights, separations);
        System.arraycopy(counts, 0, out.counts(), 0, nbins);
        int dpp = (weights ? nbins : 0) + (separations ? nbins : 0);
        if (dpp == 0) {
            return out;
        }
        int planes = packed.length / dpp;
        for (int p = 0; p < planes; p++) {
            int o = p * dpp;
            if (weights) {
                for (int k = 0; k < nbins; k++) {
                    out.weightSums()[k] += packed[o + k];
                }
                o += nbins;
            }
            if (separations) {
                for (int k = 0; k < nbins; k++) {
                    out.separationSums()[k] += packed[o + k];
                }
            }
        }
        return out;
    }

    /** Totals of this rank's planes alone (planes summed in order). */
    public PairCounts total() {
        return combine(countTotals(), packedSums(), nbins, wsum != null, rsum != null);
    }
}

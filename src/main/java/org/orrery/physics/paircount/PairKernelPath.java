package org.orrery.physics.paircount;

import java.lang.invoke.MethodHandles;
import org.orrery.physics.VectorModule;

/**
 * Chooses, once per JVM, how {@link CellCounter} counts the unweighted pairs of one point against a run of partners:
 * through the Vector API kernel ({@code VectorPairCounts}, compiled from src/vector/java) when the incubating module
 * {@code jdk.incubator.vector} is in the boot layer (launch/orrery adds it unless {@code ORRERY_VECTOR=off}), otherwise
 * through the scalar loop with {@link Bins#binInRange}. Both give the same integer counts: every separation is computed
 * with the same operations in the same order, and a pair's bin is decided by comparing its squared separation with the
 * squared edges in both. The system property {@code orrery.kernels=scalar} forces the scalar loop; the decision is
 * {@link VectorModule}'s, shared with the gravity kernels. The vector classes are loaded by name and only here.
 *
 * <p>The survey counter's box (rp, π) and θ modes have their own vector kernels ({@link Survey},
 * {@code VectorSurveyCounts}), used when a count has neither weights nor jackknife patches.
 *
 * <p>Weighted counts and separation sums always take the scalar loop: their floating-point sums must run pair by pair
 * in the scalar order to keep their bits.
 */
public final class PairKernelPath {
    /** The vector kernel, or null when the scalar loop runs. */
    static final Cumulative VECTOR = VectorModule.load(
            MethodHandles.lookup(), "org.orrery.physics.paircount.VectorPairCounts", Cumulative.class);

    /** The survey modes' vector kernels, or null when the scalar loops run. */
    static final Survey SURVEY =
            VectorModule.load(MethodHandles.lookup(), "org.orrery.physics.paircount.VectorSurveyCounts", Survey.class);

    private PairKernelPath() {}

    /**
     * Cumulative counting of one point against partners {@code [j0, j1)}: for each edge {@code k} (0..nbins),
     * {@code cum[k]} grows by the number of partners whose squared separation {@code d2} satisfies {@code d2 < e2[k]},
     * where {@code d2 = (dx*dx + dy*dy) + dz*dz}, {@code dx = bx[j] - xi}, {@code dy = (by[j] + sy) - yi}, {@code dz =
     * (bz[j] + sz) - zi} (the scalar loop's operations). Bin k then holds {@code cum[k+1] - cum[k]} pairs, i.e. those
     * with {@code e2[k] <= d2 < e2[k+1]}, exactly the pairs {@link Bins#binInRange} puts there.
     */
    interface Cumulative {
        /** Human-readable name of the path, e.g. "vector (jdk.incubator.vector, 4 doubles per vector)". */
        String describe();

        /** Adds to {@code cum} (length {@code e2.length}) as described above. */
        void count(
                double[] bx,
                double[] by,
                double[] bz,
                int j0,
                int j1,
                double xi,
                double yi,
                double zi,
                double sy,
                double sz,
                double[] e2,
                long[] cum);
    }

    /**
     * The survey modes' unweighted kernels without patch labels (used by {@link SurveyWalker}): box (rp, π) and θ. Both
     * give, pair for pair, the bin {@link PairBinner#rppiBox} and {@link PairBinner#theta} give.
     */
    interface Survey {
        /**
         * Box (rp, π): for each partner j in {@code [j0, j1)}, with {@code dx = bx[j] - xi}, {@code dy = (by[j] + sy) -
         * yi}, {@code dz = (bz[j] + sz) - zi}, adds 1 to {@code hist[k * (sub + 1) + (int) (|dz| * invDpi)]} when
         * {@code |dz| < pimax} and {@code e2[k] <= dx*dx + dy*dy < e2[k+1]}, else possibly to one of the discard slots
         * {@code hist[nbins * (sub + 1) + l]}, {@code l < }{@link #lanes()}. Column {@code sub} of each row holds the
         * pairs whose π product rounds up to sub (dropped as by the scalar rule). {@code scratch} is this thread's
         * array of {@code 2 * lanes()} doubles.
         */
        void rppiBox(
                double[] bx,
                double[] by,
                double[] bz,
                int j0,
                int j1,
                double xi,
                double yi,
                double zi,
                double sy,
                double sz,
                RppiTable t,
                long[] hist,
                double[] scratch);

        /**
         * θ on unit vectors: for each edge {@code k} (0..nbins) from the top down, {@code cum[k]} grows by the partners
         * with {@code ct > cosEdges[k]}, {@code ct = 1 - 0.5 * ((dx*dx + dy*dy) + dz*dz)}, d = b[j] - (xi, yi, zi),
         * stopping at the first edge no partner is above. Bin k then holds {@code cum[k+1] - cum[k]}: the pairs with
         * {@code cosEdges[k+1] < ct <= cosEdges[k]}, as {@link PairBinner#theta}.
         */
        void theta(
                double[] bx,
                double[] by,
                double[] bz,
                int j0,
                int j1,
                double xi,
                double yi,
                double zi,
                double[] cosEdges,
                long[] cum);

        /** Lanes per vector (4 with AVX2, 8 with AVX-512). */
        int lanes();
    }

    /**
     * The constants of the box (rp, π) kernel, from a {@link PairBinner}: squared rp edges, pimax, 1/dπ and the number
     * of π bins. Immutable.
     */
    static final class RppiTable {
        final double[] e2;
        final int nbins;
        final int sub;
        final double pimax;
        final double invDpi;

        RppiTable(PairBinner b) {
            e2 = b.primary.edges2();
            nbins = b.primary.count();
            sub = b.sub;
            pimax = b.pimax;
            invDpi = b.invDpi;
        }

        /** Histogram length: nbins rows of sub + 1 columns, then a discard row of at least one slot per lane. */
        int histLength(int lanes) {
            return nbins * (sub + 1) + Math.max(lanes, sub + 1);
        }
    }

    /** True when unweighted pair counts run through the Vector API. */
    public static boolean vector() {
        return VECTOR != null;
    }

    /** "vector (…)" or "scalar (…)": which path counts pairs in this JVM and why. */
    public static String describe() {
        return VECTOR != null ? VECTOR.describe() : VectorModule.scalarReason();
    }
}

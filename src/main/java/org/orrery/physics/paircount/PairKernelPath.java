package org.orrery.physics.paircount;

import java.lang.reflect.InvocationTargetException;
import java.util.Locale;

/**
 * Chooses, once per JVM, how {@link CellCounter} counts the unweighted pairs of one point against a run of partners:
 * through the Vector API kernel ({@code VectorPairCounts}, compiled from src/vector/java) when the incubating module
 * {@code jdk.incubator.vector} is in the boot layer (launch/orrery adds it unless {@code ORRERY_VECTOR=off}), otherwise
 * through the scalar loop with {@link Bins#binInRange}. Both give the same integer counts: every separation is computed
 * with the same operations in the same order, and a pair's bin is decided by comparing its squared separation with the
 * squared edges in both. The system property {@code orrery.kernels=scalar} forces the scalar loop (as for the gravity
 * kernels, {@code org.orrery.physics.gravity.KernelPath}); the vector class is loaded by reflection and only here.
 *
 * <p>Weighted counts and separation sums always take the scalar loop: their floating-point sums must run pair by pair
 * in the scalar order to keep their bits.
 */
public final class PairKernelPath {
    /** The vector kernel, or null when the scalar loop runs. */
    static final Cumulative VECTOR = load();

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

    /** True when unweighted pair counts run through the Vector API. */
    public static boolean vector() {
        return VECTOR != null;
    }

    /** "vector (…)" or "scalar (…)": which path counts pairs in this JVM and why. */
    public static String describe() {
        if (VECTOR != null) {
            return VECTOR.describe();
        }
        if (scalarForced()) {
            return "scalar (orrery.kernels=scalar)";
        }
        return vectorModulePresent()
                ? "scalar (vector kernels not in the class path)"
                : "scalar (no jdk.incubator.vector)";
    }

    private static boolean scalarForced() {
        return "scalar".equals(System.getProperty("orrery.kernels", "").toLowerCase(Locale.ROOT));
    }

    private static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static Cumulative load() {
        if (scalarForced() || !vectorModulePresent()) {
            return null;
        }
        try {
            return Class.forName("org.orrery.physics.paircount.VectorPairCounts")
                    .asSubclass(Cumulative.class)
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (ClassNotFoundException e) {
            // A jar built without src/vector/java: the scalar loop gives the same counts.
            return null;
        } catch (NoSuchMethodException
                | InstantiationException
                | IllegalAccessException
                | InvocationTargetException e) {
            throw new IllegalStateException("cannot start the vector pair kernel: " + e, e);
        }
    }
}

package org.orrery.apps.paircount;

import java.io.PrintStream;
import java.util.Locale;
import org.orrery.parallel.Comm;
import org.orrery.parallel.Spmd;
import org.orrery.physics.paircount.PointSet;
import org.orrery.sim.SlabPairCount;

/**
 * Degenerate catalogs, caught before counting (they used to give randoms in a zero-volume box and a table of
 * meaningless ξ without a word). Decisions, per case:
 *
 * <ul>
 *   <li>fewer than 2 points: refused (there is no pair, ξ is undefined);
 *   <li>every point at one position: refused (every separation is 0, no bin above 0 can hold a pair and the estimators
 *       divide zero counts);
 *   <li>a zero-volume bounding box (all points on a plane or a line) when the randoms are generated in that box:
 *       refused, because the randoms would fill no volume (a planar catalog with its own --randoms or a --box is fine);
 *   <li>fewer than {@value #FEW} points: counted, with a warning on stderr that ξ is noise.
 * </ul>
 *
 * Every rank knows the totals (they are reduced), so every rank stops together with an agreed error (exit 2, one line).
 */
final class CatalogChecks {
    /** Below this many points a warning says ξ is noise. */
    static final long FEW = 10;

    private static final String[] AXES = {"x", "y", "z"};

    private CatalogChecks() {}

    /**
     * collective: checks the catalog {@code name} of {@code n} points ({@code points} the local share) and returns its
     * bounding box. {@code boxRandoms}: randoms will be generated in this box. {@code err} gets the few-points warning
     * (null: none, where the points are validated only later).
     */
    static SlabPairCount.Box check(
            Comm comm, PointSet points, long n, String name, boolean boxRandoms, PrintStream err) {
        if (n < 2) {
            throw new Spmd.AgreedError(name + " has " + n + (n == 1 ? " point" : " points")
                    + ": the correlation function needs pairs of points (at least 2, in practice thousands)");
        }
        SlabPairCount.Box b = SlabPairCount.bounds3(comm, points); // collective
        double[] e = b.extent();
        if (e[0] == 0 && e[1] == 0 && e[2] == 0) {
            throw new Spmd.AgreedError(String.format(
                    Locale.ROOT,
                    "all %d points of %s are at the same position (%s, %s, %s): every "
                            + "separation is 0, so the correlation function is meaningless",
                    n,
                    name,
                    b.lo()[0],
                    b.lo()[1],
                    b.lo()[2]));
        }
        for (int a = 0; a < 3; a++) {
            if (boxRandoms && e[a] == 0) {
                throw new Spmd.AgreedError("every point of " + name + " has the same " + AXES[a] + " = " + b.lo()[a]
                        + ": its bounding box has zero volume, so randoms generated in it would fill no volume; "
                        + "give the box side (--box L) or a random catalog (--randoms FILE)");
            }
        }
        if (n < FEW && comm.rank() == 0 && err != null) {
            err.println("paircount: warning: " + name + " has only " + n + " points (" + n * (n - 1) / 2
                    + " pairs): the correlation function from so few pairs is noise");
        }
        return b;
    }
}

package org.orrery.apps.paircount;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import org.orrery.physics.paircount.GridSpec;

/** The human summary of a paircount run: set-up, decomposition, the counts table, times and memory. */
final class PairCountText {
    private PairCountText() {}

    /**
     * Prints the summary; {@code xiShown} is Landy–Szalay ξ (or null), {@code xiAnalytic} the periodic one (or null).
     */
    static void print(PrintStream out, PairCountConfig c, PairCountResult r, double[] xiShown, double[] xiAnalytic) {
        int p = r.ranks();
        int nb = r.bins().count();
        long f = c.pairs().factor();
        double[] e = r.bins().edges();
        out.printf(
                Locale.ROOT,
                "Orrery paircount: %d rank%s x %d thread%s; %s%n",
                p,
                p == 1 ? "" : "s",
                c.threads(),
                c.threads() == 1 ? "" : "s",
                c.periodic() ? "periodic box L = " + c.box() : "non-periodic");
        out.printf(
                Locale.ROOT,
                "data: %s, N_D = %d; randoms: %s, N_R = %d%n",
                c.dataDescription(),
                r.nData(),
                c.randoms() != null
                        ? c.randoms().toString()
                        : r.nRandoms() > 0 ? "uniform (seed " + (c.seed() + 1) + ")" : "none",
                r.nRandoms());
        out.printf(
                Locale.ROOT,
                "bins: %s, %d bins %g .. %g, pair in bin k when lo^2 <= r^2 < hi^2; DD/RR as %s pairs%s%n",
                r.bins().kind(),
                nb,
                r.bins().rmin(),
                r.bins().rmax(),
                c.pairs().label(),
                f == 2 ? " (Corrfunc convention: each pair twice)" : "");
        StringBuilder slabs = new StringBuilder();
        int[] bounds = r.slabBounds();
        for (int k = 0; k < p; k++) {
            slabs.append(k == 0 ? "" : " ")
                    .append('[')
                    .append(bounds[k])
                    .append(',')
                    .append(bounds[k + 1])
                    .append(')');
        }
        GridSpec g = r.grid();
        out.printf(
                Locale.ROOT,
                "grid: %d x %d columns (refine %d); slabs of planes per rank: %s%n",
                g.ncx(),
                g.ncy(),
                g.refine(),
                slabs);
        out.printf(
                Locale.ROOT,
                "%10s %10s %14s %14s %14s %12s%n",
                "r_lo",
                "r_hi",
                "DD",
                "DR",
                "RR",
                r.dr() != null ? "xi_LS" : c.periodic() ? "xi_analytic" : "");
        for (int k = 0; k < nb; k++) {
            double xi = xiShown != null ? xiShown[k] : xiAnalytic != null ? xiAnalytic[k] : Double.NaN;
            out.printf(
                    Locale.ROOT,
                    "%10.4g %10.4g %14d %14s %14s %12s%n",
                    e[k],
                    e[k + 1],
                    r.dd().counts()[k] * f,
                    r.dr() == null ? "-" : Long.toString(r.dr().counts()[k]),
                    r.rr() == null ? "-" : Long.toString(r.rr().counts()[k] * f),
                    Double.isNaN(xi) ? "-" : String.format(Locale.ROOT, "%.5g", xi));
        }
        long maxHeap = Arrays.stream(r.heapPerRank()).max().orElse(0);
        long maxBytes = Arrays.stream(r.bytesPerRank()).max().orElse(0);
        PairCountResult.Times t = r.times();
        out.printf(
                Locale.ROOT,
                "time: %.3f s total (load %.3f, decompose %.3f, cell lists %.3f, count %.3f); %.3g pairs/s in the "
                        + "count phase%n",
                t.wall(),
                t.load(),
                t.decompose(),
                t.grid(),
                t.count(),
                r.pairRate());
        out.printf(
                Locale.ROOT,
                "memory: points per rank (own+halo) %s; grid arrays max %.1f MiB/rank; peak heap max %.1f MiB/rank%n",
                Arrays.toString(r.pointsPerRank()),
                maxBytes / 1048576.0,
                maxHeap / 1048576.0);
    }
}

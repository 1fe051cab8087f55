package org.orrery.apps.paircount;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.orrery.analysis.CorrelationEstimators;
import org.orrery.analysis.CorrelationEstimators.Kind;
import org.orrery.io.OutputSet;
import org.orrery.io.Summary;
import org.orrery.io.plot.CorrelationPlot;
import org.orrery.io.table.ColumnTable;
import org.orrery.physics.paircount.PairCounts;

/**
 * Turns a {@link PairCountResult} into the outputs on rank 0: the table (CSV and FITS, each written atomically) with
 * the counts in the chosen pair convention and ξ by every estimator, the ξ(r) plot, the human summary and the
 * {@code --summary} JSON.
 */
public final class PairCountReport {
    private static String xiColumn(Kind k) {
        return switch (k) {
            case NATURAL -> "xi_natural";
            case DAVIS_PEEBLES -> "xi_davis_peebles";
            case HAMILTON -> "xi_hamilton";
            case LANDY_SZALAY -> "xi_landy_szalay";
        };
    }

    private PairCountReport() {}

    /** Stages every output of {@code r} in {@code files} and prints the human summary on {@code out} (unless quiet). */
    public static void write(PairCountConfig c, PairCountResult r, PrintStream out, OutputSet files) {
        CorrelationEstimators.Estimates xi = estimates(c, r);
        ColumnTable t = table(c, r, xi);
        t.writeCsv(files.stage(c.csvFile()));
        if (c.fits()) {
            t.writeFits(files.stage(c.fitsFile()));
        }
        List<CorrelationPlot.Curve> curves = curves(xi);
        boolean png = c.plot() && !curves.isEmpty();
        if (png) {
            CorrelationPlot.write(
                    files.stage(c.pngFile()),
                    "ξ(r): "
                            + (c.data() == null
                                    ? c.generate().label() + " catalog"
                                    : c.data().getFileName().toString()) + ", N_D = " + r.nData()
                            + (r.nRandoms() > 0 ? ", N_R = " + r.nRandoms() : ""),
                    rMid(r),
                    curves);
        }
        if (!c.quiet()) {
            PairCountText.print(out, c, r, xi.of(Kind.LANDY_SZALAY), xi.xiAnalytic());
            out.println(
                    "wrote " + c.csvFile() + (c.fits() ? ", " + c.fitsFile() : "") + (png ? ", " + c.pngFile() : ""));
        }
        if (c.summary() != null) {
            summary(c, r, xi).write(files.stage(c.summary()));
        }
    }

    /** ξ by every estimator from the result's unique-pair counts. */
    static CorrelationEstimators.Estimates estimates(PairCountConfig c, PairCountResult r) {
        boolean w = c.weights();
        return CorrelationEstimators.estimate(
                values(r.dd(), w),
                r.dr() == null ? null : values(r.dr(), w),
                r.rr() == null ? null : values(r.rr(), w),
                r.nData(),
                r.nRandoms(),
                r.dataWeights(),
                r.randomWeights(),
                w,
                r.bins().edges(),
                c.period());
    }

    private static double[] values(PairCounts p, boolean weighted) {
        return weighted
                ? p.weightSums()
                : Arrays.stream(p.counts()).asDoubleStream().toArray();
    }

    private static List<CorrelationPlot.Curve> curves(CorrelationEstimators.Estimates xi) {
        List<CorrelationPlot.Curve> curves = new ArrayList<>();
        if (xi.of(Kind.NATURAL) != null) {
            curves.add(new CorrelationPlot.Curve("natural", xi.of(Kind.NATURAL)));
            curves.add(new CorrelationPlot.Curve("Landy–Szalay", xi.of(Kind.LANDY_SZALAY)));
        }
        if (xi.xiAnalytic() != null) {
            curves.add(new CorrelationPlot.Curve("analytic RR (periodic)", xi.xiAnalytic()));
        }
        return curves;
    }

    /** Bin centres: geometric for log bins (lower edge > 0), arithmetic otherwise. */
    static double[] rMid(PairCountResult r) {
        double[] e = r.bins().edges();
        int nb = r.bins().count();
        double[] mid = new double[nb];
        for (int k = 0; k < nb; k++) {
            mid[k] = r.bins().kind().equals("log") && e[k] > 0 ? Math.sqrt(e[k] * e[k + 1]) : 0.5 * (e[k] + e[k + 1]);
        }
        return mid;
    }

    static ColumnTable table(PairCountConfig c, PairCountResult r, CorrelationEstimators.Estimates xi) {
        int nb = r.bins().count();
        long f = c.pairs().factor();
        double[] e = r.bins().edges();
        boolean w = c.weights();
        ColumnTable t = new ColumnTable();
        t.meta("program", "orrery paircount", "");
        t.meta(
                "pairs",
                c.pairs().label(),
                f == 2 ? "DD and RR count each pair twice, as Corrfunc" : "DD and RR count each pair once");
        t.meta("binedge", "lo^2 <= r^2 < hi^2", "bin convention");
        t.meta("periodic", c.periodic(), "minimum image in a cube of side boxsize");
        t.meta("boxsize", c.box() == null ? 0.0 : c.box(), "");
        t.meta("n_data", r.nData(), c.dataDescription());
        t.meta(
                "n_rand",
                r.nRandoms(),
                c.randoms() != null
                        ? c.randoms().toString()
                        : r.nRandoms() > 0 ? "uniform randoms, seed " + (c.seed() + 1) : "none");
        t.meta("weights", w, "");
        t.meta("refine", c.refine(), "cells per rmax along x, y");
        t.add("r_lo", Arrays.copyOf(e, nb))
                .add("r_hi", Arrays.copyOfRange(e, 1, nb + 1))
                .add("r_mid", rMid(r));
        if (c.ravg()) {
            double[] ra = new double[nb];
            for (int k = 0; k < nb; k++) {
                ra[k] = r.dd().meanSeparation(k);
            }
            t.add("r_avg_DD", ra);
        }
        t.add("DD", times(r.dd().counts(), f));
        if (w) {
            t.add("DD_w", times(r.dd().weightSums(), (double) f));
        }
        if (r.dr() != null) {
            t.add("DR", r.dr().counts());
            if (w) {
                t.add("DR_w", r.dr().weightSums());
            }
            t.add("RR", times(r.rr().counts(), f));
            if (w) {
                t.add("RR_w", times(r.rr().weightSums(), (double) f));
            }
            for (Kind k : Kind.values()) {
                t.add(xiColumn(k), xi.of(k));
            }
        }
        if (xi.xiAnalytic() != null) {
            t.add(
                    "RR_analytic",
                    times(times(xi.analyticFraction(), CorrelationEstimators.uniquePairs(r.nData())), (double) f));
            t.add("xi_analytic", xi.xiAnalytic());
        }
        return t;
    }

    static Summary summary(PairCountConfig c, PairCountResult r, CorrelationEstimators.Estimates xi) {
        long f = c.pairs().factor();
        PairCountResult.Times t = r.times();
        Summary s = new Summary("paircount", r.ranks(), c.threads(), r.mpiLibrary())
                .timing(t.wall(), r.pairRate(), "pairs/s");
        s.param("data", c.data() == null ? c.generate().label() : c.data().toString())
                .param(
                        "randoms",
                        c.randoms() == null ? "generated" : c.randoms().toString())
                .param("n_data", r.nData())
                .param("n_randoms", r.nRandoms())
                .param("seed", c.seed())
                .param("periodic", c.periodic())
                .param("box", c.box())
                .param("bins", r.bins().kind())
                .param("edges", r.bins().edges())
                .param("refine", c.refine())
                .param("weights", c.weights())
                .param("pairs", c.pairs().label())
                .param("threads", c.threads())
                .param("repeat", c.repeat());
        s.result("DD", times(r.dd().counts(), f))
                .result("DR", r.dr() == null ? null : r.dr().counts())
                .result("RR", r.rr() == null ? null : times(r.rr().counts(), f))
                .result("xi_landy_szalay", xi.of(Kind.LANDY_SZALAY))
                .result("xi_analytic", xi.xiAnalytic())
                .result("pairs_counted_unique", r.pairsCounted())
                .result("count_s", t.count())
                .result("load_s", t.load())
                .result("decompose_s", t.decompose())
                .result("grid_s", t.grid())
                .result("pass_s", t.pass())
                .result("slab_planes", r.slabBounds())
                .result("own_points_per_rank", r.ownPerRank())
                .result("local_points_per_rank", r.pointsPerRank())
                .result("grid_bytes_per_rank", r.bytesPerRank())
                .result("peak_heap_bytes_per_rank", r.heapPerRank());
        return s;
    }

    static long[] times(long[] a, long factor) {
        long[] d = new long[a.length];
        for (int k = 0; k < a.length; k++) {
            d[k] = a[k] * factor;
        }
        return d;
    }

    static double[] times(double[] a, double factor) {
        double[] d = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            d[k] = a[k] * factor;
        }
        return d;
    }
}

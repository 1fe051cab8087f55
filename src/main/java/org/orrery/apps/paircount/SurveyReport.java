package org.orrery.apps.paircount;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.orrery.io.OutputSet;
import org.orrery.io.table.ColumnTable;
import org.orrery.physics.paircount.SurveyBinning;

/**
 * The outputs of a survey run on rank 0 (staged in the run's {@link OutputSet}, published together):
 *
 * <ul>
 *   <li>{@code paircount.csv|.fits}: one row per fine bin (primary major): primary edges ({@code rp_|s_|theta_|r_} lo,
 *       hi, mid), sub-bin edges ({@code pi_lo, pi_hi} or {@code mu_lo, mu_hi}), DD, DR, RR (auto counts in the --pairs
 *       convention; self pairs never counted), with {@code --weights} DD_w, DR_w, RR_w (sums of w_i·w_j, same
 *       convention), ξ, and for theta and r the jackknife σ;
 *   <li>{@code paircount-wp|-multipoles.csv|.fits} (rppi, smu): the statistic per primary bin with σ;
 *   <li>{@code paircount-cov.csv|.fits} (K ≥ 2): the jackknife covariance, row {@code i} with columns
 *       {@code c0..c(m-1)}, in the statistic's order (multipoles ℓ-major);
 *   <li>{@code paircount.png}: the statistic with ±σ error bars ({@link SurveyPlot}); the {@code --summary} JSON
 *       ({@link SurveySummary}).
 * </ul>
 */
final class SurveyReport {
    private SurveyReport() {}

    static void write(PairCountConfig c, SurveyConfig s, SurveyResult r, PrintStream out, OutputSet files) {
        SurveyEstimate e = SurveyEstimate.of(r, c.period());
        SurveyBinning b = r.binning();
        List<Path> written = new ArrayList<>();
        write(c, bins(c, s, r, e), c.out().resolve("paircount"), written, files);
        if (e.statistic() != null && (b.mode() == SurveyBinning.Mode.RPPI || b.mode() == SurveyBinning.Mode.SMU)) {
            write(c, statistic(b, e), c.out().resolve("paircount-" + SurveyEstimate.statisticName(b)), written, files);
        }
        if (e.jackknife() != null) {
            write(c, covariance(e), c.out().resolve("paircount-cov"), written, files);
        }
        if (c.plot() && e.statistic() != null) {
            SurveyPlot.write(files.stage(c.pngFile()), c, s, r, e);
            written.add(c.pngFile());
        }
        if (!c.quiet()) {
            out.printf(
                    Locale.ROOT,
                    "paircount --mode %s: %s; N_D = %d, N_R = %d, %d ranks, %d patches; counted in %.3f s%n",
                    s.mode().label(),
                    b,
                    r.nData(),
                    r.nRandoms(),
                    r.ranks(),
                    s.patches(),
                    r.pass().count());
            if (e.slope() != null) {
                out.printf(
                        Locale.ROOT,
                        "w(theta) slope of log(1+w) vs log theta: %.4f +- %.4f (jackknife)%s%n",
                        e.slope().estimate()[0],
                        e.slope().sigma()[0],
                        c.data() == null
                                ? String.format(
                                        Locale.ROOT,
                                        "; Soneira-Peebles D - 2 = %.4f",
                                        SurveyInput.skyModel(c).dimension() - 2)
                                : "");
            }
            out.println("wrote "
                    + String.join(", ", written.stream().map(Path::toString).toList()));
        }
        if (c.summary() != null) {
            SurveySummary.of(c, s, r, e).write(files.stage(c.summary()));
        }
    }

    private static void write(PairCountConfig c, ColumnTable t, Path stem, List<Path> written, OutputSet files) {
        Path csv = stem.resolveSibling(stem.getFileName() + ".csv");
        t.writeCsv(files.stage(csv));
        written.add(csv);
        if (c.fits()) {
            Path fits = stem.resolveSibling(stem.getFileName() + ".fits");
            t.writeFits(files.stage(fits));
            written.add(fits);
        }
    }

    private static String primaryName(SurveyBinning b) {
        return switch (b.mode()) {
            case RPPI -> "rp";
            case SMU -> "s";
            case THETA -> "theta";
            case R -> "r";
        };
    }

    /** Bin centres: geometric when the lower edge is > 0, else arithmetic. */
    static double[] mid(double[] e) {
        double[] m = new double[e.length - 1];
        for (int k = 0; k < m.length; k++) {
            m[k] = e[k] > 0 ? Math.sqrt(e[k] * e[k + 1]) : 0.5 * (e[k] + e[k + 1]);
        }
        return m;
    }

    private static ColumnTable bins(PairCountConfig c, SurveyConfig s, SurveyResult r, SurveyEstimate e) {
        SurveyBinning b = r.binning();
        int np = b.primary().count();
        int sub = b.sub();
        int n = b.size();
        double[] edges = b.primary().edges();
        double[] mids = mid(edges);
        double[] lo = new double[n];
        double[] hi = new double[n];
        double[] md = new double[n];
        double[] slo = new double[n];
        double[] shi = new double[n];
        double width = (b.mode() == SurveyBinning.Mode.RPPI ? b.pimax() : b.mumax()) / sub;
        for (int k = 0; k < n; k++) {
            lo[k] = edges[k / sub];
            hi[k] = edges[k / sub + 1];
            md[k] = mids[k / sub];
            slo[k] = (k % sub) * width;
            shi[k] = (k % sub + 1) * width;
        }
        ColumnTable t = meta(c, s, r);
        String p = primaryName(b);
        t.add(p + "_lo", lo).add(p + "_hi", hi).add(p + "_mid", md);
        if (b.mode() == SurveyBinning.Mode.RPPI || b.mode() == SurveyBinning.Mode.SMU) {
            String q = b.mode() == SurveyBinning.Mode.RPPI ? "pi" : "mu";
            t.add(q + "_lo", slo).add(q + "_hi", shi);
        }
        long f = c.pairs().factor();
        t.add("DD", PairCountReport.times(r.pass().dd().total(), f));
        if (r.pass().dr() != null) {
            t.add("DR", r.pass().dr().total())
                    .add("RR", PairCountReport.times(r.pass().rr().total(), f));
        }
        if (r.weights() != null) {
            t.add("DD_w", PairCountReport.times(r.pass().dd().weightSums(), (double) f));
            if (r.pass().dr() != null) {
                t.add("DR_w", r.pass().dr().weightSums())
                        .add("RR_w", PairCountReport.times(r.pass().rr().weightSums(), (double) f));
            }
        }
        if (e.xi() != null) {
            String name = b.mode() == SurveyBinning.Mode.THETA ? "w_theta" : "xi";
            t.add(name, e.xi());
            if (sub == 1 && e.jackknife() != null) {
                t.add(name + "_sigma", e.jackknife().sigma());
            }
        }
        if (np * sub != n) {
            throw new IllegalStateException("bins " + np + " x " + sub + " != " + n);
        }
        return t;
    }

    private static ColumnTable meta(PairCountConfig c, SurveyConfig s, SurveyResult r) {
        ColumnTable t = new ColumnTable();
        t.meta("program", "orrery paircount", "");
        t.meta("mode", s.mode().label(), r.binning().toString());
        t.meta(
                "coords",
                s.mode() == SurveyConfig.Mode.THETA ? "ra-dec" : s.coords().label(),
                "");
        t.meta(
                "pairs",
                c.pairs().label(),
                c.pairs().factor() == 2
                        ? "DD and RR count each pair twice, as Corrfunc"
                        : "DD and RR count each pair once");
        t.meta("binedge", "lo^2 <= d^2 < hi^2", "Corrfunc's convention; theta: cos(hi) < cos(theta) <= cos(lo)");
        t.meta("periodic", c.periodic() && !s.sky(), "");
        t.meta("boxsize", c.box() == null ? 0.0 : c.box(), "");
        t.meta(
                "n_data",
                r.nData(),
                c.data() == null ? "generated, seed " + c.seed() : c.data().toString());
        t.meta(
                "n_rand",
                r.nRandoms(),
                c.randoms() == null
                        ? "generated, seed " + (c.seed() + 1)
                        : c.randoms().toString());
        t.meta("weights", c.weights(), c.weights() ? "X_w = sum of fl(w_i w_j), exact, rounded once" : "");
        t.meta("patches", s.patches(), "jackknife: C = (K-1)/K sum_k (t_k - mean)(t_k - mean)^T, delete-one");
        if (s.coords() == SurveyConfig.Coords.SKY_Z && s.mode() != SurveyConfig.Mode.THETA) {
            t.meta("omega_m", s.omegaM(), "flat LCDM");
            t.meta("distunit", s.h() == null ? "Mpc/h" : "Mpc", s.h() == null ? "" : "h = " + s.h());
        }
        return t;
    }

    private static ColumnTable statistic(SurveyBinning b, SurveyEstimate e) {
        double[] edges = b.primary().edges();
        int np = b.primary().count();
        ColumnTable t = new ColumnTable();
        t.meta("program", "orrery paircount", "");
        t.meta(
                "stat",
                SurveyEstimate.statisticName(b),
                b.mode() == SurveyBinning.Mode.RPPI
                        ? "wp = 2 sum_pi xi(rp,pi) dpi, pimax " + b.pimax()
                        : "xi_l = (2l+1) sum_mu xi(s,mu) int P_l dmu");
        String p = primaryName(b);
        t.add(p + "_lo", Arrays.copyOf(edges, np))
                .add(p + "_hi", Arrays.copyOfRange(edges, 1, np + 1))
                .add(p + "_mid", mid(edges));
        String[] names = b.mode() == SurveyBinning.Mode.RPPI ? new String[] {"wp"} : new String[] {"xi0", "xi2", "xi4"};
        for (int l = 0; l < names.length; l++) {
            t.add(names[l], Arrays.copyOfRange(e.statistic(), l * np, (l + 1) * np));
            if (e.jackknife() != null) {
                t.add(names[l] + "_sigma", Arrays.copyOfRange(e.jackknife().sigma(), l * np, (l + 1) * np));
            }
        }
        return t;
    }

    private static ColumnTable covariance(SurveyEstimate e) {
        int m = e.statistic().length;
        double[] cov = e.jackknife().covariance();
        ColumnTable t = new ColumnTable();
        t.meta("program", "orrery paircount", "");
        t.meta("patches", e.jackknife().patches(), "delete-one jackknife covariance of the statistic");
        long[] idx = new long[m];
        for (int i = 0; i < m; i++) {
            idx[i] = i;
        }
        t.add("i", idx);
        for (int j = 0; j < m; j++) {
            double[] col = new double[m];
            for (int i = 0; i < m; i++) {
                col[i] = cov[i * m + j];
            }
            t.add("c" + j, col);
        }
        return t;
    }
}

package org.orrery.apps.decay;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.orrery.analysis.DecayEnsembleStatistics;
import org.orrery.analysis.EnsembleChecks;
import org.orrery.io.OutputSet;
import org.orrery.io.Summary;
import org.orrery.io.Version;
import org.orrery.io.plot.Charts;
import org.orrery.physics.montecarlo.DecayModel;
import org.orrery.physics.montecarlo.RandomStreams;

/**
 * The decay outputs of a {@link DecayJob.Result} (rank 0): {@code decay.csv}, optionally {@code decay-members.csv}
 * ({@link DecayFiles}) and {@code decay.png} ({@link DecayPlot}); the human summary; the JSON summary.
 */
public final class DecayReport {
    /** Largest number of member curves drawn in the plot. */
    public static final int MAX_PLOTTED = 400;

    private DecayReport() {}

    /** The files written and how long writing took. */
    public record Written(Path csv, Path members, Path png, double seconds) {}

    /** The parameter lines recorded at the top of every CSV (nothing that depends on np, threads or time). */
    static List<String> comments(DecayConfig c, DecayModel model) {
        return List.of(
                "orrery decay " + Version.get(),
                "chain: " + c.chain() + " (half-lives s: " + Arrays.toString(c.halfLives()) + "; last product stable)",
                "n0=" + c.n0() + " dt_s=" + c.dt() + " t_max_s=" + c.tMax() + " steps=" + model.steps() + " nsims="
                        + c.members() + " method=" + c.method() + " seed=" + c.seed(),
                "random streams: " + RandomStreams.DERIVATION,
                "step probability p_j = 1 - exp(-ln2 * dt / half_life_j); expected = N0 * pi_j(t), z = (mean - "
                        + "expected) "
                        + "/ sqrt(N0 pi (1 - pi) / nsims)");
    }

    /**
     * Stages the tables and, if {@code plot}, the plot into {@code dir} in {@code files} (published together at its
     * commit).
     */
    public static Written write(Path dir, DecayJob.Result r, boolean members, boolean plot, OutputSet files) {
        long t0 = System.nanoTime();
        DecayConfig c = r.config();
        DecayModel model = r.model();
        double[] q = model.expectedFractions();
        List<String> comments = comments(c, model);
        Path csv = dir.resolve("decay.csv");
        Path membersCsv = members ? dir.resolve("decay-members.csv") : null;
        Path png = plot ? dir.resolve("decay.png") : null;
        // The plot's panels render on their own threads while this thread writes the tables (independent files).
        Charts.Pending pending = null;
        if (plot) {
            String title = "Radioactive decay of " + c.species().get(0) + ": " + c.members() + " simulation"
                    + (c.members() == 1 ? "" : "s") + " of N0 = " + c.n0() + " (" + c.method() + ")";
            pending = Charts.start(
                    DecayPlot.charts(
                            title,
                            model,
                            c.species(),
                            r.statistics().stats(),
                            q,
                            r.ensemble().curves(),
                            c.members(),
                            MAX_PLOTTED),
                    2,
                    1);
        }
        try {
            DecayFiles.writeStatistics(
                    files.stage(csv),
                    comments,
                    model,
                    c.species(),
                    r.statistics().stats(),
                    q);
            if (members) {
                DecayFiles.writeMembers(
                        files.stage(membersCsv),
                        comments,
                        model,
                        c.species(),
                        r.ensemble().curves(),
                        c.members());
            }
            if (pending != null) {
                pending.save(files.stage(png));
            }
        } finally {
            if (pending != null) {
                pending.close();
            }
        }
        return new Written(csv, membersCsv, png, (System.nanoTime() - t0) * 1e-9);
    }

    /** The human summary: parameters, timings, every check with "ok" or "FAILED", the files written. */
    public static void print(PrintStream out, DecayJob.Result r, Written w) {
        DecayConfig c = r.config();
        DecayModel model = r.model();
        DecayEnsembleStatistics st = r.statistics();
        List<String> names = c.species();
        double[] hl = c.halfLives();
        int k = model.species();
        int m = c.members();
        out.printf(
                "Orrery decay: %s, N0 = %d, half-li%s %s s, dt = %s s, t = 0 .. %s s (%d steps), %d simulation%s, "
                        + "method %s, seed %d%n",
                c.chain(),
                c.n0(),
                k == 1 ? "fe" : "ves",
                k == 1 ? Double.toString(hl[0]) : Arrays.toString(hl),
                c.dt(),
                model.time(model.steps()),
                model.steps(),
                m,
                m == 1 ? "" : "s",
                c.method(),
                c.seed());
        out.printf(
                "ranks %d, threads %d: simulate %.3f s (slowest rank; fastest %.3f s), simulate+gather %.3f s, %.3g "
                        + "nucleus-steps/s%n",
                r.ranks(),
                c.threads(),
                r.ensemble().simulateMax(),
                r.ensemble().simulateMin(),
                r.ensemble().wallSeconds(),
                r.rate());
        if (st.fit() != null) {
            out.printf(
                    "fitted half-life of %s: %.5f +- %.5f s (%s; one simulation alone: +- %.4f s); true %s s: %+.2f "
                            + "SE  %s%n",
                    names.get(0),
                    st.fit().halfLife(),
                    st.fit().standardError(),
                    m >= 2 ? "mean of " + m + " per-simulation fits, standard error" : "one fit, its own error",
                    st.fit().singleSpread(),
                    hl[0],
                    st.fit().zScore(hl[0]),
                    st.fitPassed(hl[0])
                            ? "ok"
                            : st.fitDetermined(hl[0])
                                    ? "FAILED"
                                    : "FAILED (not determined: the standard error exceeds the true half-life)");
        } else {
            out.println("fitted half-life: not available (" + st.fitError() + ")");
        }
        for (int j = 0; j < k; j++) {
            EnsembleChecks.MeanCheck mc = st.means().get(j);
            out.printf(
                    "mean of %s vs %s: max |z| = %.2f SE over %d times (limit %.0f SE, worst at t = %.6g s)  %s%n",
                    names.get(j),
                    j == 0 ? "N0*exp(-lambda*t)" : "the chain's expected N0*pi(t)",
                    mc.maxAbsZ(),
                    mc.pointsTested(),
                    mc.limit(),
                    model.time(mc.worstPoint() / k),
                    mc.passed() ? "ok" : "FAILED");
            EnsembleChecks.VarianceCheck vc = st.variances().get(j);
            if (vc == null) {
                out.printf(
                        "variance of %s vs binomial N0*q(1-q): skipped (needs at least 2 simulations)%n", names.get(j));
            } else {
                out.printf(
                        "variance of %s vs binomial N0*q(1-q): mean ratio %.3f, smallest chi2 p-value %.2g over %d "
                                + "times "
                                + "(limit %.2g)  %s%n",
                        names.get(j),
                        vc.meanRatio(),
                        vc.minPValue(),
                        vc.pointsTested(),
                        vc.pLimit(),
                        vc.passed() ? "ok" : "FAILED");
            }
        }
        List<String> files = new ArrayList<>(List.of(w.csv().toString()));
        if (w.members() != null) {
            files.add(w.members().toString());
        }
        if (w.png() != null) {
            files.add(w.png().toString());
        }
        out.println("wrote " + String.join(", ", files));
    }

    /** The JSON summary (keys as documented in docs; rate in nucleus-steps/s). */
    public static Summary summary(DecayJob.Result r, Written w, String library) {
        DecayConfig c = r.config();
        DecayEnsembleStatistics st = r.statistics();
        double[] hl = c.halfLives();
        Summary s = new Summary("decay", r.ranks(), c.threads(), library)
                .timing(r.ensemble().wallSeconds(), r.rate(), "nucleus-steps/s")
                .param("n0", c.n0())
                .param("half_lives_s", hl)
                .param("species", c.species())
                .param("dt_s", c.dt())
                .param("t_max_s", c.tMax())
                .param("steps", r.model().steps())
                .param("nsims", c.members())
                .param("seed", c.seed())
                .param("method", c.method().label())
                .param("generator", RandomStreams.ALGORITHM)
                .param("stream_derivation", RandomStreams.DERIVATION)
                .result("simulate_s_max_rank", r.ensemble().simulateMax())
                .result("simulate_s_min_rank", r.ensemble().simulateMin())
                .result("analysis_s", r.analysisSeconds())
                .result("output_s", w.seconds())
                .result("all_checks_passed", r.allPassed());
        if (st.fit() != null) {
            s.result("fitted_half_life_s", st.fit().halfLife())
                    .result("fitted_half_life_se_s", st.fit().standardError())
                    .result("fitted_half_life_z", st.fit().zScore(hl[0]));
        }
        for (int j = 0; j < r.model().species(); j++) {
            String name = c.species().get(j);
            s.result("mean_max_abs_z_" + name, st.means().get(j).maxAbsZ());
            if (st.variances().get(j) != null) {
                s.result("variance_mean_ratio_" + name, st.variances().get(j).meanRatio())
                        .result("variance_min_p_" + name, st.variances().get(j).minPValue());
            }
        }
        return s.result("csv", w.csv().toString());
    }
}

package org.orrery.apps.nbody;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.orrery.apps.nbody.HermiteSetup.Plan;
import org.orrery.apps.nbody.HermiteSetup.Start;
import org.orrery.io.AtomicFile;
import org.orrery.io.snapshot.Checkpoint;
import org.orrery.io.snapshot.SnapshotFits;
import org.orrery.model.HermiteState;
import org.orrery.model.ParticleState;

/**
 * The files and log lines of a Hermite run (rank 0): {@code diagnostics.csv} ({@link HermiteDiagnostics#HEADER};
 * rewritten atomically with each checkpoint, a restart continues the rows before its time), {@code snap_<blocks>.fits}
 * at the start, every {@code snapEvery} &Delta;<sub>max</sub> and at the end, {@code checkpoint.bin} (format 2, with
 * the integrator state) every {@code ckptEvery} &Delta;<sub>max</sub> and at the end, a printed row about 20 times per
 * run, and progress lines on stderr.
 */
final class HermiteOutputs implements HermiteJob.Observer {
    private final Path dir;
    private final NBodyConfig config;
    private final PrintStream out;
    private final boolean quiet;
    private final List<String> rows = new ArrayList<>();
    private final List<double[]> plotRows = new ArrayList<>();
    private final Map<String, Object> cards = new LinkedHashMap<>();
    private Plan plan;
    private Checkpoint.Meta meta;
    private long logEvery;
    private double previousMaxRel;
    private final RunGuard guard;

    HermiteOutputs(Path dir, NBodyConfig config, PrintStream out, boolean quiet) {
        this.dir = dir;
        this.config = config;
        this.out = out;
        this.quiet = quiet;
        this.guard = new RunGuard(dir);
    }

    @Override
    public void check() {
        guard.acquire();
    }

    @Override
    public void failed() {
        guard.failed();
    }

    /** Releases the output directory (rank 0, after the last file is written). */
    void release() {
        guard.release();
    }

    @Override
    public void preempted(long k, ParticleState s, Supplier<HermiteState> st, String signal) {
        checkpoint(s, st);
        System.err.println(guard.preemptedLine(signal));
    }

    @Override
    public void started(Start start, String shown, int ranks, HermiteDiagnostics.Row first, double e0) {
        plan = start.plan();
        ParticleState s = start.state();
        cards.put("SEED", plan.seed());
        cards.put("ORRERY", "nbody");
        cards.put("INTEGRAT", "hermite");
        meta = new Checkpoint.Meta(
                plan.params().g(),
                plan.params().eps(),
                plan.params().dtMax(),
                e0,
                plan.seed(),
                start.description(),
                SnapshotFits.Units.HENON.name());
        long steps = plan.endIndex();
        long logK = config.logEvery() != null ? config.logEvery() : Math.max(1, steps / 20);
        logEvery = Math.max(plan.diagEvery(), (logK + plan.diagEvery() - 1) / plan.diagEvery() * plan.diagEvery());
        if (config.restart() != null) {
            for (String row : previousRows(dir.resolve("diagnostics.csv"), s.time)) {
                rows.add(row);
                plotRows.add(HermiteDiagnostics.plotValues(row));
                previousMaxRel = Math.max(previousMaxRel, Math.abs(Double.parseDouble(row.split(",", -1)[5])));
            }
        }
        if (!quiet) {
            out.printf(Locale.ROOT, "Orrery nbody (Hermite): %s%n", shown);
            out.printf(
                    Locale.ROOT,
                    "  N = %d, G = %.6g, eps = %.6g, eta = %.6g, eta_s = %.6g, dt_max = %.6g, t_end = %.6g, "
                            + "%d rank(s) x %d thread(s), Henon units%n",
                    s.n,
                    plan.params().g(),
                    plan.params().eps(),
                    plan.params().eta(),
                    plan.params().etaStart(),
                    plan.params().dtMax(),
                    plan.tEnd(),
                    ranks,
                    config.threads());
            out.printf(
                    "  %11s %12s %14s %11s %8s %11s %11s %11s%n",
                    "time", "blocks", "energy", "dE/E", "2K/|W|", "r_lag_50", "r_lag_1", "r_core");
        }
        guard.started(where(s));
        if (config.restart() == null || Math.round(s.time / plan.params().dtMax()) % plan.diagEvery() == 0) {
            // A restart between two diagnostics times adds no row: the table stays the uninterrupted run's.
            keep(first, true);
        }
        if (config.restart() == null) {
            snapshot(s);
        }
    }

    @Override
    public void diagnostics(HermiteDiagnostics.Row row) {
        long k = Math.round(row.time() / plan.params().dtMax());
        keep(row, k % logEvery == 0 || k == plan.endIndex());
    }

    @Override
    public void synchronised(long k, ParticleState s, Supplier<HermiteState> st, boolean end) {
        guard.at(where(s));
        if ((plan.snapEvery() > 0 && k % plan.snapEvery() == 0) || end) {
            snapshot(s);
        }
        if ((plan.ckptEvery() > 0 && k % plan.ckptEvery() == 0) || end) {
            checkpoint(s, st);
        }
    }

    private static String where(ParticleState s) {
        return String.format(Locale.ROOT, "t = %.9g", s.time);
    }

    private void checkpoint(ParticleState s, Supplier<HermiteState> st) {
        Checkpoint.write(dir.resolve("checkpoint.bin"), s, meta, st.get());
        guard.checkpointed(where(s));
        StringBuilder sb = new StringBuilder(HermiteDiagnostics.HEADER).append('\n');
        for (String r : rows) {
            sb.append(r).append('\n');
        }
        AtomicFile.writeString(dir.resolve("diagnostics.csv"), sb.toString());
    }

    @Override
    public void progress(double t, double tEnd, double blocksPerSecond) {
        System.err.printf(
                Locale.ROOT,
                "nbody: t = %.6g of %.6g (%.0f%%), %.1f blocks/s%n",
                t,
                tEnd,
                100 * t / tEnd,
                blocksPerSecond);
    }

    /** Max |dE/E| of the rows an earlier run wrote before the restart time (0 without a restart). */
    double previousMaxRel() {
        return previousMaxRel;
    }

    /** Time, r_lag 1/10/50/90 and core radius of every row (earlier runs' included). */
    List<double[]> plotRows() {
        return List.copyOf(plotRows);
    }

    private void keep(HermiteDiagnostics.Row r, boolean print) {
        rows.add(r.csv());
        plotRows.add(HermiteDiagnostics.plotValues(r));
        if (print && !quiet) {
            out.printf(
                    Locale.ROOT,
                    "  %11.5g %12d %14.7g %+11.3e %8.4f %11.5g %11.5g %11.5g%n",
                    r.time(),
                    r.blocks(),
                    r.energy(),
                    r.relEnergyError(),
                    r.virialRatio(),
                    r.lagrangian()[2],
                    r.lagrangian()[0],
                    r.core().radius());
        }
    }

    private void snapshot(ParticleState s) {
        SnapshotFits.write(
                dir.resolve(String.format("snap_%08d.fits", s.step)),
                s,
                plan.params().g(),
                plan.params().eps(),
                plan.params().dtMax(),
                SnapshotFits.Units.HENON,
                cards);
    }

    /** Rows of an earlier diagnostics.csv strictly before time {@code t}. */
    static List<String> previousRows(Path file, double t) {
        List<String> kept = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return kept;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isEmpty() || line.startsWith("time")) {
                    continue;
                }
                int comma = line.indexOf(',');
                if (comma > 0 && Double.parseDouble(line.substring(0, comma)) < t) {
                    HermiteDiagnostics.plotValues(line);
                    kept.add(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable or foreign table (a leapfrog run's) is not continued: the restarted run starts a new one.
            return new ArrayList<>();
        }
        return kept;
    }
}

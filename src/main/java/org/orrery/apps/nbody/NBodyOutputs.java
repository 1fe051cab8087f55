package org.orrery.apps.nbody;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.orrery.apps.nbody.NBodySetup.Plan;
import org.orrery.apps.nbody.NBodySetup.Start;
import org.orrery.io.AtomicFile;
import org.orrery.io.Overlap;
import org.orrery.io.plot.ProjectionPlot;
import org.orrery.io.snapshot.Checkpoint;
import org.orrery.io.snapshot.SnapshotFits;
import org.orrery.model.ParticleState;
import org.orrery.physics.gravity.Diagnostics;

/**
 * The files and log lines an N-body run writes as it goes (rank 0): {@code diagnostics.csv} (every diagnostics row,
 * rewritten atomically with each checkpoint; a restart continues the earlier rows), {@code snap_<step>.fits} every
 * {@code snapEvery} steps and at the end, {@code checkpoint.bin} every {@code ckptEvery} steps and at the end, the
 * frames for {@code projections.png}, and the header, a diagnostics line about 20 times per run, and progress lines on
 * stderr.
 */
final class NBodyOutputs implements NBodyJob.Observer {
    static final String DIAG_HEADER =
            "step,time,kinetic,potential,energy,rel_energy_error,px,py,pz,lx,ly,lz,virial_ratio,"
                    + "half_mass_radius,mean_radius";

    private final Path dir;
    private final NBodyConfig config;
    private final PrintStream out;
    private final boolean quiet;
    private DiagnosticsRows diagRows;

    private final List<ProjectionPlot.Frame> frames = new ArrayList<>();
    private final TreeSet<Long> framesAt = new TreeSet<>();
    private final Map<String, Object> extraCards = new LinkedHashMap<>();
    private Plan plan;
    private final RunGuard guard;
    private Checkpoint.Meta meta;
    private double e0;
    private long logEvery;
    private double previousMaxRel;

    NBodyOutputs(Path dir, NBodyConfig config, PrintStream out, boolean quiet) {
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
    public void preempted(ParticleState s, String signal) {
        checkpoint(s);
        System.err.println(guard.preemptedLine(signal));
    }

    @Override
    public void started(Start start, String shown, int ranks, Diagnostics.Values d0, double e0) {
        ParticleState s = start.state();
        this.plan = start.plan();
        guard.started("step " + s.step);
        this.e0 = e0;
        extraCards.put("SEED", plan.seed());
        extraCards.put("ORRERY", "nbody");
        meta = new Checkpoint.Meta(
                plan.g(),
                plan.eps(),
                plan.dt(),
                e0,
                plan.seed(),
                start.description(),
                plan.units().name());
        if (config.plotSteps() != null) {
            framesAt.addAll(config.plotSteps());
        } else if (plan.snapEvery() > 0) {
            long nSnaps = plan.steps() / plan.snapEvery();
            long every = Math.max(1, (long) Math.ceil(nSnaps / 5.0)) * plan.snapEvery();
            for (long k = 0; k <= plan.steps(); k += every) {
                framesAt.add(k);
            }
            framesAt.add(plan.steps());
        }
        long logK = config.logEvery() != null ? config.logEvery() : Math.max(1, plan.steps() / 20);
        logEvery = Math.max(plan.diagEvery(), (logK + plan.diagEvery() - 1) / plan.diagEvery() * plan.diagEvery());
        diagRows = new DiagnosticsRows(
                e0,
                config.restart() == null
                        ? List.of()
                        : DiagnosticsTable.previousRows(dir.resolve("diagnostics.csv"), s.step));
        previousMaxRel = diagRows.previousMaxRel();
        if (!quiet) {
            out.printf(Locale.ROOT, "Orrery nbody: %s%n", shown);
            out.printf(
                    Locale.ROOT,
                    "  N = %d, G = %.6g, eps = %.6g, dt = %.6g, steps = %d, %d rank(s) x %d thread(s), units %s%n",
                    s.n,
                    plan.g(),
                    plan.eps(),
                    plan.dt(),
                    plan.steps(),
                    ranks,
                    config.threads(),
                    plan.henon() ? "Henon" : "SI");
            out.printf("  %10s %13s %14s %11s %8s %12s%n", "step", "time", "energy", "dE/E", "2K/|W|", "r_half");
        }
        if (config.restart() == null || s.step % plan.diagEvery() == 0) {
            // A restart between two diagnostics steps adds no row: the table stays the uninterrupted run's.
            row(d0, true);
        }
        if (framesAt.contains(s.step)) {
            frames.add(NBodyReport.frame(s, plan));
        }
        if (config.restart() == null && plan.snapEvery() > 0) {
            snapshot(s);
        }
    }

    @Override
    public void diagnostics(Diagnostics.Values d) {
        row(d, d.step() % logEvery == 0 || d.step() == plan.steps());
    }

    @Override
    public void stepped(ParticleState s, boolean end) {
        long k = s.step;
        guard.at("step " + k);
        boolean snap = (plan.snapEvery() > 0 && k % plan.snapEvery() == 0) || end;
        boolean ckpt = (plan.ckptEvery() > 0 && k % plan.ckptEvery() == 0) || end;
        if (snap && ckpt) {
            // Two independent files from the same (unchanging) state: the snapshot on a second thread, so rank 0 uses
            // the core the waiting ranks leave (same bytes as one after the other).
            Overlap.both(() -> snapshot(s), () -> checkpoint(s));
        } else if (snap) {
            snapshot(s);
        } else if (ckpt) {
            checkpoint(s);
        }
        if (framesAt.contains(k)) {
            frames.add(NBodyReport.frame(s, plan));
        }
    }

    @Override
    public void progress(long k, long steps, double rate) {
        System.err.printf(
                Locale.ROOT,
                "nbody: step %d/%d (%.0f%%), %.1f steps/s, ETA %.0f s%n",
                k,
                steps,
                100.0 * k / steps,
                rate,
                (steps - k) / rate);
    }

    @Override
    public void noSteps(ParticleState s) {
        checkpoint(s);
    }

    /** Max |dE/E| over the rows an earlier run wrote before the restart point (0 without a restart). */
    double previousMaxRel() {
        return previousMaxRel;
    }

    /** The frames collected for {@code projections.png}. */
    List<ProjectionPlot.Frame> frames() {
        return List.copyOf(frames);
    }

    private void snapshot(ParticleState s) {
        SnapshotFits.write(
                dir.resolve(String.format("snap_%08d.fits", s.step)),
                s,
                plan.g(),
                plan.eps(),
                plan.dt(),
                plan.units(),
                extraCards);
    }

    private void checkpoint(ParticleState s) {
        Checkpoint.write(dir.resolve("checkpoint.bin"), s, meta);
        guard.checkpointed("step " + s.step);
        AtomicFile.writeString(dir.resolve("diagnostics.csv"), diagRows.csv());
    }

    /** Keeps one diagnostics CSV row and, if {@code print}, logs it. */
    private void row(Diagnostics.Values d, boolean print) {
        if (print && !quiet) {
            double rel = (d.energy() - e0) / e0;
            out.printf(
                    Locale.ROOT,
                    "  %10d %13.6g %14.7g %+11.3e %8.4f %12.6g%n",
                    d.step(),
                    d.time(),
                    d.energy(),
                    rel,
                    d.virialRatio(),
                    d.halfMassRadius());
        }
        diagRows.add(d);
    }
}

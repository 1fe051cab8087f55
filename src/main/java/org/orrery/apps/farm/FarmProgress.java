package org.orrery.apps.farm;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.orrery.apps.common.TestImageFiles;
import org.orrery.physics.image.TestImageSet;
import org.orrery.sim.TaskFarm;

/**
 * The farm's running commentary on rank 0: what is about to happen on {@code out}, and progress lines on {@code err}
 * (files done, failures, rate, ETA) at most every {@code progressSeconds} and at the end (none when 0).
 */
final class FarmProgress implements FarmJob.Events {
    private final FarmConfig config;
    private final int ranks;
    private final PrintStream out;
    private final PrintStream err;
    private final long start = System.nanoTime();
    private long last = start;
    private int total;
    private int done;
    private int failed;

    FarmProgress(FarmConfig config, int ranks, PrintStream out, PrintStream err) {
        this.config = config;
        this.ranks = ranks;
        this.out = out;
        this.err = err;
    }

    @Override
    public void generating(long missing, TestImageSet set, Path dir) {
        if (!config.quiet()) {
            out.printf(
                    Locale.ROOT,
                    "farm: generating the activity's %d images (%dx%d smooth random fields) in %s ...%n",
                    missing,
                    set.nx(),
                    set.ny(),
                    dir);
        }
    }

    @Override
    public void generated(TestImageFiles.Outcome g) {
        if (!config.quiet()) {
            out.printf(
                    Locale.ROOT,
                    "farm: %d images written in %.1f s on %d rank%s%n",
                    g.written(),
                    g.seconds(),
                    ranks,
                    ranks == 1 ? "" : "s");
        }
    }

    @Override
    public void starting(int inputs, int reused) {
        total = inputs - reused;
        if (config.quiet()) {
            return;
        }
        FarmOptions o = config.options();
        out.printf(
                Locale.ROOT,
                "farm: %d input%s, ops %s, window k=%d, %s scheduling on %d rank%s%s; outputs in %s%n",
                inputs,
                inputs == 1 ? "" : "s",
                o.opsString(),
                o.window(),
                config.schedule().name().toLowerCase(Locale.ROOT),
                ranks,
                ranks == 1 ? "" : "s",
                ranks > 1 && config.schedule() == TaskFarm.Mode.DYNAMIC ? " (rank 0 coordinates and computes)" : "",
                o.outDir());
        if (reused > 0) {
            out.printf(
                    Locale.ROOT,
                    "farm: --resume: %d input%s already done, %d to process%n",
                    reused,
                    reused == 1 ? "" : "s",
                    total);
        }
    }

    @Override
    public void record(FarmRecord r) {
        done++;
        if (!r.ok()) {
            failed++;
        }
        long now = System.nanoTime();
        double every = config.progressSeconds();
        if (every > 0 && (now - last >= every * 1e9 || done == total)) {
            last = now;
            double rate = done / Math.max((now - start) * 1e-9, 1e-9);
            err.printf(
                    Locale.ROOT,
                    "farm: %d/%d done, %d failed, %.2f images/s, ETA %.0f s%n",
                    done,
                    total,
                    failed,
                    rate,
                    (total - done) / rate);
        }
    }
}

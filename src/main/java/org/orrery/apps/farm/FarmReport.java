package org.orrery.apps.farm;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import org.orrery.io.OutputSet;
import org.orrery.io.Summary;
import org.orrery.sim.TaskFarm;

/**
 * Turns a {@link FarmResult} into the outputs on rank 0: the table (CSV and FITS, staged in the run's {@link OutputSet}
 * and published together), the human summary (table rows, serial-time estimate, speedup, throughput), a line on
 * {@code err} when inputs failed, and the {@code --summary} JSON.
 */
public final class FarmReport {
    private FarmReport() {}

    /** Writes the tables and the summary, prints the human summary on {@code out} (unless quiet). */
    public static void write(FarmConfig c, FarmResult r, PrintStream out, PrintStream err, OutputSet files) {
        FarmOptions o = c.options();
        FarmTable.writeCsv(files.stage(c.csvFile()), r.rows(), o);
        FarmTable.writeFits(files.stage(c.fitsFile()), r.rows(), o);
        int n = r.rows().size();
        int p = r.ranks();
        if (!c.quiet()) {
            out.print(FarmText.text(r.rows(), c.printRows()));
            out.printf(
                    Locale.ROOT,
                    "farm: %d ok, %d failed%s; table %s (+ %s)%n",
                    r.ok(),
                    r.failed(),
                    r.reused() > 0 ? " (" + r.reused() + " reused by --resume)" : "",
                    c.csvFile(),
                    c.fitsFile().getFileName());
            out.printf(
                    Locale.ROOT,
                    "farm: serial time estimate = sum of per-image CPU times over %d images (t0 = %.3f s each) = %.2f "
                            + "s%n",
                    r.processed(),
                    r.meanImageSeconds(),
                    r.busySeconds());
            out.printf(
                    Locale.ROOT,
                    "farm: parallel wall time tp = %.2f s on %d rank%s: speedup = %.2f, efficiency = %.0f%%%n",
                    r.wall(),
                    p,
                    p == 1 ? "" : "s",
                    r.speedup(),
                    100 * r.efficiency());
            out.printf(
                    Locale.ROOT,
                    "farm: throughput %.2f images/s, %.2f Mpixel/s; images per rank %s%n",
                    r.processed() / r.wall(),
                    r.pixels() / r.wall() / 1e6,
                    Arrays.toString(r.imagesPerRank()));
        }
        if (r.failed() > 0) {
            String what = FarmTable.extensions(r.rows()) ? "table row" : "input";
            err.printf(
                    Locale.ROOT,
                    "orrery farm: %d of %d %s%s failed (reasons in %s); exit status %d%n",
                    r.failed(),
                    n,
                    what,
                    n == 1 ? "" : "s",
                    c.csvFile(),
                    r.exitStatus());
        }
        if (c.summary() != null) {
            summary(c, r).write(files.stage(c.summary()));
        }
    }

    /** The one line of a preempted run: how far it got and how to continue. */
    static String stoppedLine(FarmConfig c, FarmResult r) {
        return String.format(
                Locale.ROOT,
                "orrery farm: stopped by %s with %d items done (%d on this run; rank 0 on %s); they are in "
                        + "the ledger %s: continue with --resume and the same options",
                r.stoppedBy(),
                r.rows().size(),
                r.processed(),
                org.orrery.io.OutputLock.host(),
                FarmLedger.dir(c.csvFile()));
    }

    static Summary summary(FarmConfig c, FarmResult r) {
        boolean coordinator = r.ranks() > 1 && c.schedule() == TaskFarm.Mode.DYNAMIC;
        FarmOptions o = c.options();
        return new Summary("farm", r.ranks(), coordinator ? 2 : 1, r.mpiLibrary())
                .timing(r.wall(), r.processed() / r.wall(), "images/s")
                .param("ops", o.opsString())
                .param("window", o.window())
                .param("schedule", c.schedule().name().toLowerCase(Locale.ROOT))
                .param("inputs", r.rows().size())
                .param("resume", c.resume())
                .param("out", o.outDir().toString())
                .param("table", c.csvFile().toString())
                .result("images_processed", r.processed())
                .result("ok", r.ok())
                .result("failed", r.failed())
                .result("reused", r.reused())
                .result("pixels_per_s", r.pixels() / r.wall())
                .result("serial_time_s", r.busySeconds())
                .result("mean_image_s", r.meanImageSeconds())
                .result("images_per_rank", r.imagesPerRank())
                .result("speedup", r.speedup())
                .result("efficiency", r.efficiency())
                .result("exit_status", r.exitStatus())
                .result("peak_heap_bytes_per_rank", r.peakHeapPerRank())
                .result("peak_live_heap_bytes_per_rank", r.peakLivePerRank())
                .result("max_heap_bytes", r.maxHeap());
    }
}

package org.orrery.bench;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * Where the wall time of one whole {@code paircount} job went, from the clock of the process that launched it (launch
 * and end, epoch milliseconds) and the {@code --summary} the job wrote: its {@code timeline_rank0} (JVM start, MPI
 * ready, end of the body), {@code results} (load, decompose, grid, count) and {@code serial_phases_rank0} (report).
 * Parts, in seconds, in {@link #PARTS} order: before the JVM (launcher script, mpirun, process start), JVM start to MPI
 * ready (JVM boot, class loading, option parsing, MPI_Init), load (reading and parsing the catalogs, dealing or reading
 * parts, checks), decompose (bounds, slabs, redistribution, halos), grid (cell lists), count (pair counting, the
 * slowest rank), report (rank 0's tables and summary), rest of the body (what the body did besides: the reduction of
 * the counts, gathers, the output directory), after the body (MPI_Finalize, JVM exit, mpirun's exit, the launcher's).
 * They add up to the wall time.
 */
record JobBreakdown(double[] seconds) {
    static final List<String> PARTS = List.of(
            "before JVM",
            "JVM + MPI init",
            "load",
            "decompose",
            "grid",
            "count",
            "report",
            "rest of body",
            "after body");

    /** The parts of a job launched at {@code launchMs} that ended at {@code endMs}, with summary {@code s}. */
    static JobBreakdown of(JsonObject s, long launchMs, long endMs) {
        JsonObject t = s.getAsJsonObject("timeline_rank0");
        JsonObject r = s.getAsJsonObject("results");
        double jvm = t.get("jvm_start_epoch_ms").getAsLong();
        double ready = t.get("mpi_ready_epoch_ms").getAsLong();
        double end = t.get("body_end_epoch_ms").getAsLong();
        JsonObject serial = s.getAsJsonObject("serial_phases_rank0");
        double report =
                serial != null && serial.has("report") ? serial.get("report").getAsDouble() : 0;
        double load = r.get("load_s").getAsDouble();
        double decompose = r.get("decompose_s").getAsDouble();
        double grid = r.get("grid_s").getAsDouble();
        double count = r.get("count_s").getAsDouble();
        double body = (end - ready) * 1e-3;
        return new JobBreakdown(new double[] {
            (jvm - launchMs) * 1e-3,
            (ready - jvm) * 1e-3,
            load,
            decompose,
            grid,
            count,
            report,
            body - load - decompose - grid - count - report,
            (endMs - end) * 1e-3
        });
    }

    /** Markdown header of the breakdown table (medians over the repetitions). */
    static String header() {
        StringBuilder b = new StringBuilder("| bins | Orrery np × threads | wall");
        for (String p : PARTS) {
            b.append(" | ").append(p);
        }
        b.append(" |\n|---|---|---");
        b.append("|---".repeat(PARTS.size())).append("|\n");
        return b.toString();
    }

    /** One markdown row: medians of the wall and of each part over {@code runs}. */
    static String row(String bins, int np, int threads, double[] walls, List<JobBreakdown> runs) {
        StringBuilder b = new StringBuilder(
                String.format(Locale.ROOT, "| %s | %d × %d | %.2f", bins, np, threads, CorrfuncRBench.stats(walls)[0]));
        for (int k = 0; k < PARTS.size(); k++) {
            double[] v = new double[runs.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = runs.get(i).seconds()[k];
            }
            b.append(String.format(Locale.ROOT, " | %.2f", CorrfuncRBench.stats(v)[0]));
        }
        return b.append(" |\n").toString();
    }
}

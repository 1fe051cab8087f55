package org.orrery.apps.common;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.orrery.io.AtomicFile;
import org.orrery.parallel.Comm;
import org.orrery.parallel.RankTimes;
import org.orrery.parallel.TimedComm;

/**
 * Adds the per-rank time breakdown ({@link RankTimes}) to the {@code --summary} JSON a program wrote: key
 * {@code rank_breakdown}, an array with one object per rank ({@code rank}, then {@code wall_s startup_s compute_s
 * wait_s serial_s jit_s gc_s gc_count cpu_s calls}), and {@code serial_phases_rank0} (rank 0's marked serial phases,
 * name → seconds). Every other key is kept as written (numbers keep their text), and the file is replaced atomically.
 *
 * <p>Also {@code timeline_rank0}: rank 0's wall-clock marks in milliseconds since the epoch, {@code jvm_start_epoch_ms}
 * (RuntimeMXBean), {@code mpi_ready_epoch_ms} and {@code body_end_epoch_ms} (when this breakdown was taken, after the
 * program's outputs were published). A caller that notes the time it launched the job and the time the process ended
 * gets from them what no process can time itself: launcher + mpirun before the JVM, and MPI finalisation + JVM exit
 * after the body.
 */
final class RankBreakdown {
    private RankBreakdown() {}

    /**
     * collective (when the run is under {@link org.orrery.parallel.Spmd}): gathers and, on rank 0, rewrites
     * {@code summary}.
     */
    static void addToSummary(Comm comm, Path summary) throws IOException {
        if (summary == null || !(comm instanceof TimedComm timed)) {
            return;
        }
        double[][] rows = RankTimes.gather(timed, 0); // collective
        long bodyEnd = System.currentTimeMillis();
        if (rows == null || !Files.isRegularFile(summary)) {
            return;
        }
        JsonObject json = JsonParser.parseString(Files.readString(summary, StandardCharsets.UTF_8))
                .getAsJsonObject();
        JsonArray ranks = new JsonArray();
        for (int r = 0; r < rows.length; r++) {
            JsonObject o = new JsonObject();
            o.addProperty("rank", r);
            for (int f = 0; f < RankTimes.FIELDS.size(); f++) {
                String name = RankTimes.FIELDS.get(f);
                double v = rows[r][f];
                if (name.endsWith("_count") || name.equals("calls")) {
                    o.addProperty(name, Math.round(v));
                } else {
                    o.addProperty(name, Math.round(v * 1e4) / 1e4);
                }
            }
            ranks.add(o);
        }
        json.add("rank_breakdown", ranks);
        JsonObject phases = new JsonObject();
        for (Map.Entry<String, Double> e : RankTimes.serialPhases().entrySet()) {
            phases.addProperty(e.getKey(), Math.round(e.getValue() * 1e4) / 1e4);
        }
        json.add("serial_phases_rank0", phases);
        JsonObject timeline = new JsonObject();
        timeline.addProperty(
                "jvm_start_epoch_ms",
                java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
        timeline.addProperty("mpi_ready_epoch_ms", RankTimes.mpiReadyEpochMillis());
        timeline.addProperty("body_end_epoch_ms", bodyEnd);
        json.add("timeline_rank0", timeline);
        AtomicFile.writeString(
                summary,
                new GsonBuilder()
                                .setPrettyPrinting()
                                .serializeSpecialFloatingPointValues()
                                .disableHtmlEscaping()
                                .create()
                                .toJson(json)
                        + "\n");
    }
}

package org.orrery.apps.farm;

import java.util.List;
import org.orrery.analysis.Scaling;

/**
 * What a farm run found (valid on rank 0): one row per input in input order, rows reused by --resume, and the figures
 * of the work done on this run.
 *
 * @param rows one record per input, in input order
 * @param reused rows taken from a previous table
 * @param processed inputs processed on this run
 * @param busySeconds sum of the per-input CPU times: the serial-time estimate (s)
 * @param pixels pixels of the inputs processed
 * @param imagesPerRank inputs processed by each rank
 * @param wall wall time of the processing (s)
 * @param peakHeapPerRank each rank's peak heap use during the processing (bytes; {@link FarmMemory})
 * @param peakLivePerRank each rank's largest heap use after a garbage collection (bytes; {@link FarmMemory})
 * @param maxHeap the JVM's heap limit (bytes, rank 0's)
 * @param stoppedBy the signal that stopped the run before every item was done (then {@code rows} holds only the rows
 *     done, and no table is written), or null
 */
public record FarmResult(
        List<FarmRecord> rows,
        int reused,
        int processed,
        double busySeconds,
        long pixels,
        int[] imagesPerRank,
        double wall,
        int ranks,
        String mpiLibrary,
        long[] peakHeapPerRank,
        long[] peakLivePerRank,
        long maxHeap,
        String stoppedBy) {

    /** Exit status when some inputs failed. */
    public static final int PARTIAL = 3;
    /** Exit status when every input failed. */
    public static final int ALL_FAILED = 4;

    public FarmResult {
        rows = List.copyOf(rows);
    }

    public long ok() {
        return rows.stream().filter(FarmRecord::ok).count();
    }

    public long failed() {
        return rows.size() - ok();
    }

    /** 0 when every input succeeded, {@link #ALL_FAILED} when none did, else {@link #PARTIAL}. */
    public int exitStatus() {
        return failed() == 0 ? 0 : ok() == 0 ? ALL_FAILED : PARTIAL;
    }

    /** Speedup against the serial-time estimate: Σ per-input time / wall time (0 when no time passed). */
    public double speedup() {
        return wall > 0 ? Scaling.speedup(busySeconds, wall) : 0;
    }

    /** {@link #speedup()} / ranks. */
    public double efficiency() {
        return speedup() / ranks;
    }

    /** Mean CPU time per processed input (s). */
    public double meanImageSeconds() {
        return processed > 0 ? busySeconds / processed : 0;
    }
}

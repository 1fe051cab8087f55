package org.orrery.apps.paircount;

import org.orrery.physics.paircount.Bins;
import org.orrery.physics.paircount.GridSpec;
import org.orrery.physics.paircount.PairCounts;

/**
 * What a paircount run found, as unique-pair counts (the report applies the ordered/unique convention). Counts are
 * valid on rank 0; the per-rank arrays and times on every rank.
 *
 * @param ranks number of ranks
 * @param mpiLibrary the MPI library's version line
 * @param bins the bins counted
 * @param grid the global cell grid
 * @param slabBounds rank r owned planes [slabBounds[r], slabBounds[r+1])
 * @param nData data points N_D
 * @param nRandoms random points N_R (0 without randoms)
 * @param dataWeights {Σw, Σw²} of the data
 * @param randomWeights {Σw, Σw²} of the randoms
 * @param dd data-data counts (unique pairs)
 * @param dr data-random counts, or null without randoms
 * @param rr random-random counts (unique pairs), or null without randoms
 * @param times wall times of the phases in seconds
 * @param pointsPerRank own + halo points each rank held
 * @param bytesPerRank bytes of each rank's cell lists
 * @param heapPerRank peak heap of each rank's JVM
 * @param ownPerRank own points of each rank
 */
public record PairCountResult(
        int ranks,
        String mpiLibrary,
        Bins bins,
        GridSpec grid,
        int[] slabBounds,
        long nData,
        long nRandoms,
        double[] dataWeights,
        double[] randomWeights,
        PairCounts dd,
        PairCounts dr,
        PairCounts rr,
        Times times,
        long[] pointsPerRank,
        long[] bytesPerRank,
        long[] heapPerRank,
        long[] ownPerRank) {

    /**
     * Phase wall times in seconds: loading, and (fastest over the repetitions) decomposition, cell lists, counting and
     * the whole pass; {@code wall} is the whole run.
     */
    public record Times(double load, double decompose, double grid, double count, double pass, double wall) {}

    /** Unique pairs counted over DD, DR and RR. */
    public long pairsCounted() {
        return dd.total() + (dr == null ? 0 : dr.total() + rr.total());
    }

    /** Pairs per second in the count phase (0 when it took no measurable time). */
    public double pairRate() {
        return times.count() > 0 ? pairsCounted() / times.count() : 0;
    }
}

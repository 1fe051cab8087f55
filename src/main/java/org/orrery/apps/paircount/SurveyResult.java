package org.orrery.apps.paircount;

import org.orrery.physics.paircount.SurveyBinning;
import org.orrery.sim.SlabSurveyCount;

/**
 * What a survey paircount run found: unordered-pair counts with per-patch counts (valid on rank 0), the points per
 * patch, and per-rank figures.
 *
 * @param ranks number of ranks
 * @param mpiLibrary the MPI library's version line
 * @param binning what was binned
 * @param nData data points
 * @param nRandoms random points (0 without randoms)
 * @param dataPerPatch data points per jackknife patch, or null without patches
 * @param randomsPerPatch random points per patch, or null
 * @param weights Σw and Σw² of data and randoms (whole and without each patch), or null for unweighted counts
 * @param pass the counts, slab bounds and per-rank points and bytes
 * @param heapPerRank peak heap of each rank's JVM in bytes
 * @param load seconds spent loading and converting the catalogs
 * @param wall seconds of the whole job
 */
record SurveyResult(
        int ranks,
        String mpiLibrary,
        SurveyBinning binning,
        long nData,
        long nRandoms,
        long[] dataPerPatch,
        long[] randomsPerPatch,
        Weights weights,
        SlabSurveyCount.Pass pass,
        long[] heapPerRank,
        double load,
        double wall) {

    /** Weight totals of the data and of the randoms (null without randoms). */
    record Weights(SlabSurveyCount.WeightTotals data, SlabSurveyCount.WeightTotals randoms) {}
}

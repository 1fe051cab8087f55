package org.orrery.apps.paircount;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.orrery.io.Summary;
import org.orrery.physics.paircount.Blocks;
import org.orrery.physics.paircount.SurveyCounts;
import org.orrery.sim.SlabSurveyCount;

/**
 * The {@code --summary} JSON of a survey run: parameters, counts, the statistic and its σ, times, and the decomposition
 * ({@code results.decomposition}: {@code kind} slabs or blocks, {@code slabs}, per rank its {@code blocks} [plane from,
 * plane to, column from, column to) of the global grid, {@code own_points} and {@code halo_points}), plus per rank own
 * and own + halo points, cell-list bytes and peak heap.
 */
final class SurveySummary {
    private SurveySummary() {}

    static Summary of(PairCountConfig c, SurveyConfig s, SurveyResult r, SurveyEstimate e) {
        long f = c.pairs().factor();
        SurveyCounts dd = r.pass().dd();
        Summary m = new Summary("paircount", r.ranks(), c.threads(), r.mpiLibrary()).timing(r.wall(), 0, "pairs/s");
        m.param("mode", s.mode().label())
                .param("coords", s.coords().label())
                .param("binning", r.binning().toString())
                .param("edges", r.binning().primary().edges())
                .param("pimax", s.pimax())
                .param("npibins", s.npibins())
                .param("mu_max", s.muMax())
                .param("nmu_bins", s.nmuBins())
                .param("patches", s.patches())
                .param("n_data", r.nData())
                .param("n_randoms", r.nRandoms())
                .param("seed", c.seed())
                .param("pairs", c.pairs().label())
                .param("threads", c.threads())
                .param("refine", r.pass().blocks().grid().refine())
                .param("weights", c.weights());
        m.result("DD", PairCountReport.times(dd.total(), f))
                .result("DR", r.pass().dr() == null ? null : r.pass().dr().total())
                .result(
                        "RR",
                        r.pass().rr() == null
                                ? null
                                : PairCountReport.times(r.pass().rr().total(), f))
                .result("DD_w", r.weights() == null ? null : PairCountReport.times(dd.weightSums(), (double) f))
                .result(
                        "DR_w",
                        r.weights() == null || r.pass().dr() == null
                                ? null
                                : r.pass().dr().weightSums())
                .result(
                        "RR_w",
                        r.weights() == null || r.pass().rr() == null
                                ? null
                                : PairCountReport.times(r.pass().rr().weightSums(), (double) f))
                .result(
                        "sum_w_data",
                        r.weights() == null ? null : r.weights().data().sumW()[0])
                .result(
                        "sum_w_randoms",
                        r.weights() == null || r.weights().randoms() == null
                                ? null
                                : r.weights().randoms().sumW()[0])
                .result("xi", e.xi())
                .result(SurveyEstimate.statisticName(r.binning()), e.statistic())
                .result("sigma", e.jackknife() == null ? null : e.jackknife().sigma())
                .result("w_theta_slope", e.slope() == null ? null : e.slope().estimate()[0])
                .result(
                        "w_theta_slope_sigma",
                        e.slope() == null ? null : e.slope().sigma()[0])
                .result(
                        "sp_dimension_minus_2",
                        s.sky() && c.data() == null ? SurveyInput.skyModel(c).dimension() - 2 : null)
                .result("data_per_patch", r.dataPerPatch())
                .result("randoms_per_patch", r.randomsPerPatch())
                .result("load_s", r.load())
                .result("decompose_s", r.pass().decompose())
                .result("count_s", r.pass().count())
                .result("decomposition", decomposition(r.pass()))
                .result("own_points_per_rank", r.pass().ownPerRank())
                .result("local_points_per_rank", r.pass().localPerRank())
                .result("grid_bytes_per_rank", r.pass().bytesPerRank())
                .result("peak_heap_bytes_per_rank", r.heapPerRank());
        return m;
    }

    static Map<String, Object> decomposition(SlabSurveyCount.Pass p) {
        Blocks k = p.blocks();
        int[][] blocks = new int[k.ranks()][];
        long[] halo = new long[k.ranks()];
        for (int r = 0; r < k.ranks(); r++) {
            blocks[r] = k.block(r);
            halo[r] = p.localPerRank()[r] - p.ownPerRank()[r];
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", k.kind().name().toLowerCase(Locale.ROOT));
        m.put("slabs", k.slabCount());
        m.put("grid", new int[] {k.grid().ncx(), k.grid().ncy()});
        m.put("blocks", blocks);
        m.put("own_points", p.ownPerRank());
        m.put("halo_points", halo);
        return m;
    }
}

package org.orrery.physics.paircount;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Side-by-side measurement of the slab and block decompositions of one catalog, rank by rank in one process (the exact
 * selection, exchange pattern and counting code the distributed run uses, {@link BlocksTest#countOver}): per rank the
 * points held (own + halo) and the single-thread time to build its cell lists and count its block, for np = 1 .. 1000;
 * the counts must equal the one-rank count at every np. Writes {@code target/decomposition-bench.md}. Run with
 * {@code -Dorrery.bench.decomposition=true} (off in the normal test run).
 */
class DecompositionBenchTest {
    @Test
    @EnabledIfSystemProperty(named = "orrery.bench.decomposition", matches = "true")
    void slabsAgainstBlocks() throws IOException {
        int n = Integer.getInteger("orrery.bench.n", 200_000);
        double box = 1000;
        double rmax = Double.parseDouble(System.getProperty("orrery.bench.rmax", "50"));
        PointSet d = new PointSet(true, n);
        CatalogGenerator.Source src = CatalogGenerator.uniform(17, n, box);
        for (long k = 0; k < CatalogGenerator.chunks(n); k++) {
            src.chunks().chunk(k, d);
        }
        SurveyBinning b = SurveyBinning.rppi(Bins.log(1, rmax, 8), 40, 40, false, box);
        GridSpec g = SurveyCounter.spec(b, 2, d);
        SurveyCounts whole = SurveyCounter.auto(d, b, 0, 2, 1);
        StringBuilder t = new StringBuilder(String.format(
                Locale.ROOT,
                "N = %d uniform in a periodic box L = %.0f, rppi rpmax = %.0f, pimax = 40, refine 2: grid %d x %d "
                        + "cells%n%n",
                n,
                box,
                rmax,
                g.ncx(),
                g.ncy()));
        t.append(
                "| np | auto | slabs: max held | slabs: held/own | slabs: max count ms | blocks (S) | blocks: max held "
                        + "| blocks: held/own | blocks: max count ms | counts equal "
                        + "|\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (int np : new int[] {1, 2, 4, 8, 16, 64, 256, 1000}) {
            int auto = Blocks.slabsFor(g, np);
            Blocks slabs = BlocksTest.plan(g, d, np, np);
            Blocks blocks = BlocksTest.plan(g, d, np, Blocks.blockSlabsFor(g, np));
            long[] hs = new long[np];
            long[] hb = new long[np];
            long[] ts = new long[np];
            long[] tb = new long[np];
            SurveyCounts cs = BlocksTest.countOver(slabs, d, null, b, 0, hs, ts);
            SurveyCounts cb = BlocksTest.countOver(blocks, d, null, b, 0, hb, tb);
            assertEquals(whole, cs, "slabs at " + np);
            assertEquals(whole, cb, "blocks at " + np);
            long ms = Arrays.stream(hs).max().getAsLong();
            long mb = Arrays.stream(hb).max().getAsLong();
            t.append(String.format(
                    Locale.ROOT,
                    "| %d | %s | %d | %.2f | %.1f | %s (%d) | %d | %.2f | %.1f | yes |%n",
                    np,
                    auto == np ? "slabs" : "blocks",
                    ms,
                    (double) Arrays.stream(hs).sum() / n,
                    Arrays.stream(ts).max().getAsLong() / 1e6,
                    blocks.kind().name().toLowerCase(Locale.ROOT),
                    blocks.slabCount(),
                    mb,
                    (double) Arrays.stream(hb).sum() / n,
                    Arrays.stream(tb).max().getAsLong() / 1e6));
        }
        Files.writeString(Path.of("target", "decomposition-bench.md"), t.toString());
        System.out.print(t);
    }
}

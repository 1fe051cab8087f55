package org.orrery.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MpiBenchTest {

    @Test
    void rowsOfTheCAndJavaProgramsParseAndOtherLinesDoNot() {
        MpiBench.Row c = MpiBench.Row.parse("c,allgatherv,196608,1572864,15,50,1.180000000e-04,1.1e-04,2.0e-04");
        assertEquals(new MpiBench.Row("c", "allgatherv", 196608, 1572864, 15, 50, 1.18e-4, 1.1e-4, 2.0e-4), c);
        assertEquals(
                "direct",
                MpiBench.Row.parse("direct,bcast,1,8,15,2000,1e-6,1e-6,2e-6").api());
        assertEquals(
                "untimed",
                MpiBench.Row.parse("untimed,reduce,1,8,15,2000,1e-6,1e-6,2e-6").api());
        assertEquals(
                new MpiBench.Row("floor", "jni-empty", 0, 0, 15, 2000, 2e-8, 1e-8, 3e-8),
                MpiBench.Row.parse("floor,jni-empty,0,0,15,2000,2e-8,1e-8,3e-8"));
        assertNull(MpiBench.Row.parse("Orrery hello: 2 ranks"));
        assertNull(MpiBench.Row.parse("c,bcast,1,8,15,2000,x,1e-6,2e-6"));
        assertNull(MpiBench.Row.parse("java,bcast,1,8,15,2000,1e-6,1e-6,2e-6"));
    }

    @Test
    void aggregateTakesTheMedianOfRunMediansAndTheExtremesOfAllRuns() {
        MpiBench.Config cfg = new MpiBench.Config("mpich", "shim", "4.0.2", Path.of("."), Path.of("."));
        List<MpiBench.Row> rows = List.of(
                new MpiBench.Row("array", "bcast", 1, 8, 5, 10, 3e-6, 2e-6, 9e-6),
                new MpiBench.Row("array", "bcast", 1, 8, 5, 10, 1e-6, 0.5e-6, 4e-6),
                new MpiBench.Row("array", "bcast", 1, 8, 5, 10, 2e-6, 1e-6, 3e-6));
        MpiBench.Result r = MpiBench.aggregate(cfg, "shim", rows);
        assertEquals(2e-6, r.median());
        assertEquals(0.5e-6, r.min());
        assertEquals(9e-6, r.max());
        assertEquals(3, r.runs());
        MpiBench.Result even = MpiBench.aggregate(cfg, "shim", rows.subList(0, 2));
        assertEquals(2e-6, even.median(), 1e-18);
    }

    @Test
    void pairedLinesParseAndTheirRatiosArePerPair() {
        PairedReport.Pair a = PairedReport.Pair.parse("pair,bcast,1,8,2000,0,2.0e-07,3.0e-07");
        assertEquals(new PairedReport.Pair("bcast", 1, 8, 2000, 0, 2e-7, 3e-7), a);
        assertNull(PairedReport.Pair.parse("c,bcast,1,8,15,2000,1e-6,1e-6,2e-6"));
        assertNull(PairedReport.Pair.parse("pair,bcast,1,8,2000,0,x,3e-7"));
        List<PairedReport.Pair> pairs = List.of(
                a,
                new PairedReport.Pair("bcast", 1, 8, 2000, 1, 4e-7, 4.4e-7),
                new PairedReport.Pair("bcast", 1, 8, 2000, 2, 1e-7, 1e-7));
        PairedReport.Row r = PairedReport.summarise("mpich", "4.0.2", "shim", pairs);
        assertEquals(3, r.pairs());
        assertEquals(2e-7, r.cMedian());
        assertEquals(3e-7, r.javaMedian());
        assertEquals(1.1, r.ratioMedian(), 1e-12); // ratios 1.5, 1.1, 1.0: not 3e-7 / 2e-7
        assertEquals(1.0, r.ratioMin(), 1e-12);
        assertEquals(1.5, r.ratioMax(), 1e-12);
        assertEquals(1.05, r.ratioQ1(), 1e-12);
        assertEquals(1.3, r.ratioQ3(), 1e-12);
        String table = PairedReport.table(List.of(r));
        assertEquals(true, table.contains("1.10 [1.00-1.50]"), table);
    }
}

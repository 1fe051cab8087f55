package org.orrery.apps.paircount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orrery.analysis.CorrelationEstimators.Kind;
import org.orrery.model.UserError;
import org.orrery.parallel.SerialComm;
import org.orrery.physics.paircount.BruteForce;
import org.orrery.physics.paircount.CatalogGenerator;
import org.orrery.physics.paircount.PointSet;
import picocli.CommandLine;

/** Config rules, job results on one rank (SerialComm) and the report's files, each without reading stdout. */
class PairCountTest {
    @TempDir
    Path dir;

    static PairCountConfig config(String... args) {
        PairCountCommand c = new PairCountCommand();
        new CommandLine(c).parseArgs(args);
        c.validate();
        return c.config();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--threads 0|--threads must be at least 1, got 0",
                "--refine 5|--refine must be 1..4 (or 0: automatic), got 5",
                "--repeat 0|--repeat must be at least 1, got 0",
                "--random-factor -1|--random-factor must be >= 0, got -1.0",
                "--pairs both|--pairs must be ordered or unique, got 'both'",
                "--generate lumpy|--generate must be clustered, soneira-peebles or uniform, got 'lumpy'",
                "--bins sqrt|--bins must be lin or log, got 'sqrt'",
                "-n 0|--npoints must be at least 1, got 0",
                "--weights|--weights needs a --data catalog with a weight column",
                "--data d.txt --columns a,b|--columns needs 3 names or numbers (x,y,z), got 2: a,b",
                "--data d.txt --weights --random-columns a,b,c|--random-columns needs 4 names or numbers (x,y,z,w), "
                        + "got 3: a,b,c",
                "--periodic --data x.txt|--periodic needs the box side --box L",
                "--box -3|--box must be positive, got -3.0",
                "--generate soneira-peebles --sp-levels 17|--sp-levels must be >= 1 with eta^levels <= 65536",
                "--generate soneira-peebles --sp-eta 1|--sp-eta must be at least 2, got 1",
                "--nbins 0|--nbins must be at least 1, got 0",
                "--rmin 0|--rmin must be > 0 for log bins and finite, got 0.0",
                "--bins lin --rmin -1|--rmin must be >= 0 and finite, got -1.0",
                "--rmin 5 --rmax 5|--rmax must be finite and greater than --rmin, got rmin 5.0, rmax 5.0",
                "--periodic --box 100 --rmax 50|--rmax 50.0 must be less than half the periodic box L/2 = 50.0",
            })
    void eachRuleHasOneMessage(String args, String message) {
        UserError e = assertThrows(UserError.class, () -> config(args.split(" ")));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void defaultsAndOutputFiles() {
        PairCountConfig c = config("-o", "res");
        assertEquals(1000.0, c.box());
        assertEquals(0.0, c.period());
        assertEquals(Path.of("res", "paircount.csv"), c.csvFile());
        assertEquals(Path.of("res", "paircount.fits"), c.fitsFile());
        assertEquals(Path.of("res", "paircount.png"), c.pngFile());
        assertEquals(Path.of("out", "paircount"), config().out());
        assertEquals(15, c.spacedBins().count());
        assertEquals("clustered catalog, seed 1", c.dataDescription());
    }

    @Test
    void jobCountsEqualBruteForce() {
        PairCountConfig c = config(
                "--generate",
                "uniform",
                "-n",
                "1500",
                "--box",
                "100",
                "--periodic",
                "--bins",
                "lin",
                "--rmin",
                "0",
                "--rmax",
                "20",
                "--nbins",
                "5",
                "--random-factor",
                "0");
        PairCountResult r = PairCountJob.run(new SerialComm(), c);
        PointSet pts = new PointSet(false, 1500);
        CatalogGenerator.Source s = c.dataSource();
        for (long k = 0; k < CatalogGenerator.chunks(s.size()); k++) {
            s.chunks().chunk(k, pts);
        }
        assertArrayEquals(
                BruteForce.auto(pts.xs(), pts.ys(), pts.zs(), null, pts.size(), r.bins(), 100, false)
                        .counts(),
                r.dd().counts());
        assertEquals(1500, r.nData());
        assertEquals(0, r.nRandoms());
        assertNull(r.dr());
        assertEquals(1, r.slabBounds().length - 1);
        assertEquals(1500, r.ownPerRank()[0]);
    }

    @Test
    void uniformPeriodicCatalogHasXiNearZeroAndRepeatsAgree() {
        PairCountConfig c = config(
                "--generate",
                "uniform",
                "-n",
                "20000",
                "--periodic",
                "--box",
                "200",
                "--bins",
                "lin",
                "--rmin",
                "2",
                "--rmax",
                "20",
                "--nbins",
                "6",
                "--random-factor",
                "1",
                "--repeat",
                "2");
        PairCountResult r = PairCountJob.run(new SerialComm(), c);
        assertEquals(20000, r.nRandoms());
        var xi = PairCountReport.estimates(c, r);
        for (int k = 0; k < 6; k++) {
            // 6 bins of width 3 hold ≥ 1e4 unique pairs each: Poisson scatter of ξ ≤ 1e-2, far below 0.1.
            assertTrue(Math.abs(xi.of(Kind.LANDY_SZALAY)[k]) < 0.1, "LS bin " + k);
            assertTrue(Math.abs(xi.xiAnalytic()[k]) < 0.1, "analytic bin " + k);
        }
    }

    @Test
    void clusteredCatalogHasStrongPositiveXiAtSmallSeparations() {
        PairCountResult r = PairCountJob.run(new SerialComm(), config("-n", "8000"));
        PairCountConfig c = config("-n", "8000");
        assertTrue(PairCountReport.estimates(c, r).of(Kind.LANDY_SZALAY)[2] > 10);
    }

    @Test
    void reportWritesTheTableFitsPlotAndSummary() throws Exception {
        Path out = dir.resolve("o");
        Files.createDirectories(out);
        PairCountConfig c = config(
                "--generate",
                "uniform",
                "-n",
                "3000",
                "--box",
                "100",
                "--rmax",
                "10",
                "--nbins",
                "4",
                "--ravg",
                "-o",
                out.toString(),
                "--summary",
                dir.resolve("s.json").toString(),
                "-q");
        PairCountResult r = PairCountJob.run(new SerialComm(), c);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        report(c, r, new PrintStream(text, true, StandardCharsets.UTF_8));
        assertEquals("", text.toString(StandardCharsets.UTF_8), "-q prints nothing");
        List<String> rows = new ArrayList<>(Files.readAllLines(c.csvFile()).stream()
                .filter(s -> !s.startsWith("#"))
                .toList());
        assertEquals(
                List.of(
                        "r_lo",
                        "r_hi",
                        "r_mid",
                        "r_avg_DD",
                        "DD",
                        "DR",
                        "RR",
                        "xi_natural",
                        "xi_davis_peebles",
                        "xi_hamilton",
                        "xi_landy_szalay"),
                List.of(rows.get(0).split(",")));
        assertEquals(5, rows.size());
        for (int k = 0; k < 4; k++) {
            assertEquals(
                    2 * r.dd().counts()[k],
                    Long.parseLong(rows.get(k + 1).split(",", -1)[4]),
                    "ordered pairs: DD twice");
        }
        byte[] fits = Files.readAllBytes(c.fitsFile());
        assertEquals(0, fits.length % 2880);
        assertTrue(fits.length >= 3 * 2880, "primary header, table header and data");
        assertEquals("SIMPLE  =", new String(fits, 0, 9, StandardCharsets.US_ASCII));
        byte[] png = Files.readAllBytes(c.pngFile());
        assertEquals((byte) 0x89, png[0]);
        assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII));
        JsonObject s =
                JsonParser.parseString(Files.readString(dir.resolve("s.json"))).getAsJsonObject();
        assertEquals("paircount", s.get("program").getAsString());
        assertEquals("pairs/s", s.get("rate_unit").getAsString());
        assertEquals(
                2 * r.dd().counts()[1],
                s.getAsJsonObject("results").getAsJsonArray("DD").get(1).getAsLong());
        assertEquals(
                r.pairsCounted(),
                s.getAsJsonObject("results").get("pairs_counted_unique").getAsLong());
    }

    @Test
    void noFitsNoPlotAndUniquePairs() throws Exception {
        Path out = dir.resolve("n");
        Files.createDirectories(out);
        PairCountConfig c = config(
                "--generate",
                "uniform",
                "-n",
                "2000",
                "--random-factor",
                "0",
                "--rmax",
                "10",
                "--no-fits",
                "--no-plot",
                "--pairs",
                "unique",
                "-o",
                out.toString(),
                "-q");
        PairCountResult r = PairCountJob.run(new SerialComm(), c);
        report(c, r, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertTrue(Files.isRegularFile(c.csvFile()));
        assertFalse(Files.exists(c.fitsFile()));
        assertFalse(Files.exists(c.pngFile()));
        String first = Files.readAllLines(c.csvFile()).stream()
                .filter(s -> !s.startsWith("#"))
                .skip(1)
                .findFirst()
                .orElseThrow();
        assertEquals(r.dd().counts()[0], Long.parseLong(first.split(",", -1)[3]));
        assertNotNull(r.grid());
    }

    /** Writes the report through the run's output set, as PairCountRun does. */
    static void report(PairCountConfig c, PairCountResult r, PrintStream out) {
        try (org.orrery.io.OutputSet files = org.orrery.io.OutputSet.open(c.out(), "paircount", n -> {})) {
            PairCountReport.write(c, r, out, files);
            files.commit();
        }
    }
}

package org.orrery.apps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.orrery.physics.paircount.Bins;
import org.orrery.physics.paircount.BruteForce;
import org.orrery.physics.paircount.PairCounts;
import org.orrery.testing.MpiRun;
import org.orrery.testing.Summaries;

/** PairCount under real mpirun: same bytes at any np and thread count, brute-force agreement, bad input. */
class PairCountIT {
    @TempDir
    Path dir;

    private MpiRun.Result run(int np, String... args) {
        MpiRun.Result r = MpiRun.run(np, 180, dir, "PairCount", args);
        return r;
    }

    private byte[] bytes(String f) throws IOException {
        return Files.readAllBytes(dir.resolve(f.replaceAll("^(.*)\\.(csv|fits)$", "$1/paircount.$2")));
    }

    @ParameterizedTest(name = "periodic={0}")
    @ValueSource(booleans = {true, false})
    void outputsAreByteIdenticalAtAnyRankAndThreadCount(boolean periodic) throws IOException {
        int[][] runs = periodic
                ? new int[][] {{1, 1}, {2, 2}, {3, 1}, {4, 2}, {8, 1}}
                : new int[][] {{1, 2}, {2, 1}, {3, 2}, {4, 1}};
        byte[] csv0 = null;
        byte[] fits0 = null;
        for (int[] npt : runs) {
            List<String> a = new ArrayList<>(List.of(
                    "-n",
                    "4000",
                    "--random-factor",
                    "1.5",
                    "--ravg",
                    "--rmax",
                    "60",
                    "--threads",
                    Integer.toString(npt[1]),
                    "-o",
                    "o" + npt[0],
                    "--no-plot",
                    "--summary",
                    "s" + npt[0] + ".json"));
            if (periodic) {
                a.add("--periodic");
            }
            if (npt[0] == 3) {
                a.addAll(List.of("--repeat", "2")); // the repeated pass must give the same bytes
            }
            MpiRun.Result r = run(npt[0], a.toArray(new String[0]));
            assertEquals(0, r.exitCode(), r::describe);
            byte[] csv = bytes("o" + npt[0] + ".csv");
            byte[] fits = bytes("o" + npt[0] + ".fits");
            if (csv0 == null) {
                csv0 = csv;
                fits0 = fits;
                assertTrue(
                        new String(csv, java.nio.charset.StandardCharsets.UTF_8).contains("xi_landy_szalay"),
                        new String(csv, java.nio.charset.StandardCharsets.UTF_8));
            } else {
                assertArrayEquals(csv0, csv, "CSV at np " + npt[0] + " threads " + npt[1]);
                assertArrayEquals(fits0, fits, "FITS at np " + npt[0] + " threads " + npt[1]);
            }
            JsonObject summary = Summaries.read(dir.resolve("s" + npt[0] + ".json"));
            assertEquals(npt[0], summary.get("ranks").getAsInt(), summary::toString);
            assertEquals(npt[1], summary.get("threads").getAsInt(), summary::toString);
            assertTrue(summary.get("wall_s").getAsDouble() > 0, summary::toString);
            assertEquals("pairs/s", summary.get("rate_unit").getAsString());
            assertEquals(
                    4000, summary.getAsJsonObject("parameters").get("n_data").getAsLong());
            assertEquals(
                    6000, summary.getAsJsonObject("parameters").get("n_randoms").getAsLong()); // 1.5 x 4000
        }
    }

    /**
     * A text catalog that each rank reads a part of (np ≥ 2) gives the bytes of np 1, where one process reads it all:
     * 70 001 weighted rows (weights not dyadic, so their sums depend on the order of the additions; chunks of 32 768
     * rows straddle the parts), a header and comments, CRLF line ends; and a bad line far down the file gives the same
     * one error line (file and line number) at every np.
     */
    @Test
    void textCatalogReadInPartsGivesTheBytesOfOneReader() throws IOException {
        SplittableRandom r = new SplittableRandom(77);
        StringBuilder sb = new StringBuilder("# parts\r\nx y z w\r\n");
        for (int i = 0; i < 70_001; i++) {
            sb.append(r.nextDouble() * 100)
                    .append(' ')
                    .append(r.nextDouble() * 100)
                    .append(",")
                    .append(String.format(java.util.Locale.ROOT, "%.12e", r.nextDouble() * 99.9))
                    .append('\t')
                    .append(0.1 + 2 * r.nextDouble())
                    .append(i % 10_000 == 5 ? " \r\n# comment\r\n" : "\r\n");
        }
        Path p = dir.resolve("parts.txt");
        Files.writeString(p, sb);
        int[][] runs = {{1, 1}, {2, 2}, {3, 1}, {4, 1}};
        byte[] csv0 = null;
        byte[] fits0 = null;
        for (int[] npt : runs) {
            String o = "p" + npt[0];
            MpiRun.Result res = run(
                    npt[0],
                    "--data",
                    p.toString(),
                    "--weights",
                    "--periodic",
                    "--box",
                    "100",
                    "--rmax",
                    "4",
                    "--nbins",
                    "4",
                    "--random-factor",
                    "0.5",
                    "--threads",
                    Integer.toString(npt[1]),
                    "--no-plot",
                    "-q",
                    "-o",
                    o);
            assertEquals(0, res.exitCode(), res::describe);
            if (csv0 == null) {
                csv0 = bytes(o + ".csv");
                fits0 = bytes(o + ".fits");
            } else {
                assertArrayEquals(csv0, bytes(o + ".csv"), "CSV at np " + npt[0]);
                assertArrayEquals(fits0, bytes(o + ".fits"), "FITS at np " + npt[0]);
            }
        }
        String text = sb.toString();
        int at = text.indexOf("\r\n", text.length() * 2 / 3) + 2;
        Files.writeString(p, text.substring(0, at) + "1 2 three 4" + text.substring(at));
        String first = null;
        for (int np : new int[] {1, 2, 3}) {
            MpiRun.Result res = run(
                    np,
                    "--data",
                    p.toString(),
                    "--weights",
                    "--periodic",
                    "--box",
                    "100",
                    "--rmax",
                    "4",
                    "--random-factor",
                    "0",
                    "--no-plot",
                    "-q",
                    "-o",
                    "bad");
            assertEquals(2, res.exitCode(), res::describe);
            assertEquals(1, res.stderrLines().size(), res::describe);
            String line = res.stderrLines().get(0);
            assertTrue(line.contains("parts.txt line ") && line.endsWith(": field 3 'three' is not a number"), line);
            if (first == null) {
                first = line;
            } else {
                assertEquals(first, line, "np " + np);
            }
        }
    }

    /** Half-unit lattice points (exact arithmetic) with dyadic weights, written as text. */
    private Path lattice(String name, int n, int l, long seed, boolean weights) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("# test catalog\nx, y, z" + (weights ? ", w" : "") + "\n");
        for (int i = 0; i < n; i++) {
            sb.append(r.nextInt(2 * l) / 2.0)
                    .append(' ')
                    .append(r.nextInt(2 * l) / 2.0)
                    .append(", ")
                    .append(r.nextInt(2 * l) / 2.0);
            if (weights) {
                sb.append(' ').append(0.5 + r.nextInt(13) / 8.0);
            }
            sb.append('\n');
        }
        Path p = dir.resolve(name);
        Files.writeString(p, sb);
        return p;
    }

    private static double[][] readCatalog(Path p) throws IOException {
        List<double[]> rows = new ArrayList<>();
        for (String s : Files.readAllLines(p)) {
            if (s.startsWith("#") || s.startsWith("x")) {
                continue;
            }
            String[] f = s.split("[\\s,]+", -1);
            double[] v = new double[f.length];
            for (int k = 0; k < f.length; k++) {
                v[k] = Double.parseDouble(f[k]);
            }
            rows.add(v);
        }
        int m = rows.get(0).length;
        double[][] cols = new double[m][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int k = 0; k < m; k++) {
                cols[k][i] = rows.get(i)[k];
            }
        }
        return cols;
    }

    /** Column of the CSV as doubles. */
    private double[] column(String csv, String name) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(csv.replace(".csv", "/paircount.csv"))).stream()
                .filter(s -> !s.startsWith("#"))
                .toList();
        int c = List.of(lines.get(0).split(",")).indexOf(name);
        assertTrue(c >= 0, "column " + name + " in " + lines.get(0));
        double[] out = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            out[i - 1] = Double.parseDouble(lines.get(i).split(",", -1)[c]);
        }
        return out;
    }

    private static double[] asDoubles(long[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    @ParameterizedTest(name = "periodic={0} np={1}")
    @CsvSource({"true,1", "true,3", "true,8", "false,2", "false,4"})
    void countsEqualBruteForceIncludingThinSlabsAndWideHalos(boolean periodic, int np) throws IOException {
        int l = 12;
        Path data = lattice("data.txt", 900, l, 7, true);
        Path rand = lattice("rand.txt", 700, l, 8, true);
        // rmax 5.25 < L/2, refine 4: 9 planes, so at np 3..8 a halo spans several ranks' slabs.
        Path edges = dir.resolve("edges.txt");
        Files.writeString(edges, "# edges\n0 0.5 1 1.5 2 3\n4 5.25\n");
        List<String> a = new ArrayList<>(List.of(
                "--data",
                data.toString(),
                "--randoms",
                rand.toString(),
                "--weights",
                "--edges",
                edges.toString(),
                "--pairs",
                "unique",
                "--refine",
                "4",
                "--threads",
                "2",
                "-o",
                "bf",
                "--no-plot",
                "--no-fits",
                "--box",
                Integer.toString(l)));
        if (periodic) {
            a.add("--periodic");
        }
        MpiRun.Result r = run(np, a.toArray(new String[0]));
        assertEquals(0, r.exitCode(), r::describe);
        Bins b = Bins.of(new double[] {0, 0.5, 1, 1.5, 2, 3, 4, 5.25}, "test");
        double period = periodic ? l : 0;
        double[][] d = readCatalog(data);
        double[][] q = readCatalog(rand);
        PairCounts dd = BruteForce.auto(d[0], d[1], d[2], d[3], d[0].length, b, period, false);
        PairCounts rr = BruteForce.auto(q[0], q[1], q[2], q[3], q[0].length, b, period, false);
        PairCounts dr = BruteForce.cross(
                d[0], d[1], d[2], d[3], d[0].length, q[0], q[1], q[2], q[3], q[0].length, b, period, false);
        assertArrayEquals(asDoubles(dd.counts()), column("bf.csv", "DD"), r::describe);
        assertArrayEquals(dd.weightSums(), column("bf.csv", "DD_w"));
        assertArrayEquals(asDoubles(rr.counts()), column("bf.csv", "RR"));
        assertArrayEquals(rr.weightSums(), column("bf.csv", "RR_w"));
        assertArrayEquals(asDoubles(dr.counts()), column("bf.csv", "DR"));
        assertArrayEquals(dr.weightSums(), column("bf.csv", "DR_w"));
        assertTrue(dd.counts()[0] > 0, "duplicates at r = 0 are counted in bin 0");
    }

    @Test
    void fitsCatalogWithNamedColumnsGivesTheSameCountsAsText() throws Exception {
        Path txt = lattice("cat.txt", 600, 20, 3, false);
        double[][] c = readCatalog(txt);
        Path fits = dir.resolve("cat.fits");
        try (Fits f = new Fits()) {
            BinaryTable t = BinaryTable.fromColumnMajor(new Object[] {c[2], c[0], c[1]});
            BinaryTableHDU h = (BinaryTableHDU) Fits.makeHDU(t);
            h.setColumnName(0, "PZ", null);
            h.setColumnName(1, "PX", null);
            h.setColumnName(2, "PY", null);
            f.addHDU(Fits.makeHDU(new nom.tam.fits.ImageData()));
            f.addHDU(h);
            f.write(fits.toFile());
        }
        MpiRun.Result a = run(
                2,
                "--data",
                txt.toString(),
                "--random-factor",
                "0",
                "--rmax",
                "6",
                "-o",
                "t",
                "--no-plot",
                "--no-fits");
        assertEquals(0, a.exitCode(), a::describe);
        MpiRun.Result b = run(
                3,
                "--data",
                fits.toString(),
                "--columns",
                "px,py,pz",
                "--random-factor",
                "0",
                "--rmax",
                "6",
                "-o",
                "f",
                "--no-plot",
                "--no-fits");
        assertEquals(0, b.exitCode(), b::describe);
        assertArrayEquals(column("t.csv", "DD"), column("f.csv", "DD"));
        MpiRun.Result bad =
                run(3, "--data", fits.toString(), "--columns", "px,py,z", "--random-factor", "0", "-o", "g");
        assertEquals(2, bad.exitCode(), bad::describe);
        assertEquals(1, bad.stderrLines().size(), bad::describe);
        assertTrue(bad.stderr().contains("no column 'z'") && bad.stderr().contains("cat.fits"), bad::describe);
    }

    /** The hierarchical catalog is generated by chunks, so its counts are the same bytes at any np. */
    @Test
    void soneiraPeeblesCatalogGivesTheSameBytesAtAnyRankCount() throws IOException {
        byte[] first = null;
        for (int np : new int[] {1, 3}) {
            MpiRun.Result r = run(
                    np,
                    "--generate",
                    "soneira-peebles",
                    "-n",
                    "20000",
                    "--sp-levels",
                    "10",
                    "--periodic",
                    "--random-factor",
                    "0.5",
                    "--rmax",
                    "40",
                    "-o",
                    "sp" + np,
                    "--no-plot",
                    "--no-fits",
                    "--summary",
                    "sp" + np + ".json");
            assertEquals(0, r.exitCode(), r::describe);
            JsonObject parameters = Summaries.parameters(dir.resolve("sp" + np + ".json"));
            assertTrue(parameters.get("data").getAsString().contains("soneira-peebles"), parameters::toString);
            byte[] csv = bytes("sp" + np + ".csv");
            if (first == null) {
                first = csv;
            } else {
                assertArrayEquals(first, csv, "CSV at np " + np);
            }
        }
    }

    @ParameterizedTest(name = "{0} np={1}")
    @CsvSource({
        "nonmonotonic,1",
        "nonmonotonic,3",
        "rmaxhalf,1",
        "rmaxhalf,3",
        "outside,1",
        "outside,3",
        "nan,3",
        "missing,1",
        "missing,3",
        "empty,3",
        "shortrow,3",
        "splevels,3"
    })
    void badInputFailsWithOneClearLine(String kind, int np) throws IOException {
        Path good = lattice("good.txt", 50, 10, 1, false);
        List<String> a = new ArrayList<>(List.of("--no-plot", "-o", "bad"));
        String expect;
        switch (kind) {
            case "nonmonotonic" -> {
                Files.writeString(dir.resolve("e.txt"), "1 2 4 3\n");
                a.addAll(List.of("--edges", dir.resolve("e.txt").toString()));
                expect = "increase strictly";
            }
            case "rmaxhalf" -> {
                a.addAll(List.of("--periodic", "--box", "100", "--rmax", "50"));
                expect = "less than half";
            }
            case "outside" -> {
                Files.writeString(dir.resolve("o.txt"), "1 2 3\n4 5 6\n4 10.5 6\n");
                a.addAll(
                        List.of("--data", dir.resolve("o.txt").toString(), "--periodic", "--box", "10", "--rmax", "4"));
                expect = "o.txt line 3: point (4.0, 10.5, 6.0) lies outside the periodic box";
            }
            case "nan" -> {
                Files.writeString(dir.resolve("n.txt"), "1 2 3\nNaN 5 6\n");
                a.addAll(List.of("--data", dir.resolve("n.txt").toString()));
                expect = "n.txt line 2: x is NaN";
            }
            case "missing" -> {
                a.addAll(List.of("--data", dir.resolve("nope.txt").toString()));
                expect = "cannot read catalog " + dir.resolve("nope.txt") + ": no such file";
            }
            case "empty" -> {
                Files.writeString(dir.resolve("z.txt"), "# nothing\n");
                a.addAll(List.of(
                        "--data",
                        good.toString(),
                        "--randoms",
                        dir.resolve("z.txt").toString()));
                expect = "z.txt has no points";
            }
            case "shortrow" -> {
                Files.writeString(dir.resolve("s.txt"), "1 2 3\n4 5\n");
                a.addAll(List.of("--data", dir.resolve("s.txt").toString()));
                expect = "s.txt line 2: expected at least 3 fields, found 2";
            }
            case "splevels" -> {
                a.addAll(List.of("--generate", "soneira-peebles", "--sp-levels", "17"));
                expect = "--sp-levels must be >= 1 with eta^levels <= 65536";
            }
            default -> throw new AssertionError(kind);
        }
        MpiRun.Result r = run(np, a.toArray(new String[0]));
        assertEquals(2, r.exitCode(), r::describe);
        List<String> lines = r.stderrLines();
        assertEquals(1, lines.size(), r::describe);
        assertTrue(
                lines.get(0).startsWith("orrery paircount: error: ")
                        && lines.get(0).contains(expect),
                r::describe);
        assertTrue(!Files.exists(dir.resolve("bad/paircount.csv")), "no output on failure");
        assertTrue(r.seconds() < 60, r::describe);
    }
}

package org.orrery.apps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orrery.testing.MpiRun;

/**
 * The survey modes of paircount under real mpirun: DD equals Corrfunc's reference counts (src/test/resources/corrfunc:
 * theory DDrppi, DDsmu in a periodic box; mocks DDrppi_mocks, DDsmu_mocks, DDtheta_mocks on the sky) at np 1, 2, 3 with
 * 1 and 2 threads, every output file byte-identical across them; a jackknife run is byte-identical too; bad input is
 * one line, exit 2.
 */
public class PairCountSurveyIT {
    private static final Path REF = Path.of("src/test/resources/corrfunc").toAbsolutePath();
    private static final int[][] RUNS = {{1, 1}, {1, 2}, {2, 1}, {2, 2}, {3, 1}, {3, 2}};

    @TempDir
    Path dir;

    private MpiRun.Result run(int np, List<String> args) {
        return MpiRun.run(np, 240, dir, "PairCount", args.toArray(new String[0]));
    }

    /** Column {@code name} of a paircount CSV (comment lines skipped). */
    public static double[] column(Path csv, String name) throws IOException {
        List<String> lines =
                Files.readAllLines(csv).stream().filter(l -> !l.startsWith("#")).toList();
        int c = Arrays.asList(lines.get(0).split(",", -1)).indexOf(name);
        assertTrue(c >= 0, "no column " + name + " in " + csv);
        return lines.stream()
                .skip(1)
                .mapToDouble(l -> Double.parseDouble(l.split(",", -1)[c]))
                .toArray();
    }

    /** Corrfunc's npairs (last column). */
    public static double[] reference(String file) throws IOException {
        return Files.readAllLines(REF.resolve(file)).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .mapToDouble(l -> {
                    String[] f = l.trim().split("\\s+", -1);
                    return Double.parseDouble(f[f.length - 1]);
                })
                .toArray();
    }

    private Path edges(String name, String from, double factor, boolean dropZero) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String l : Files.readAllLines(REF.resolve(from))) {
            double v = Double.parseDouble(l.trim()) * factor;
            if (!(dropZero && v == 0)) {
                sb.append(v).append('\n');
            }
        }
        return Files.writeString(dir.resolve(name), sb.toString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DDrppi_periodic", "DDsmu_periodic", "DDrppi_mocks", "DDsmu_mocks", "DDtheta_mocks"})
    void countsEqualCorrfuncAtAnyRankAndThreadCount(String ref) throws IOException {
        List<String> base = new ArrayList<>(List.of("--random-factor", "0", "--summary", "s.json"));
        switch (ref) {
            case "DDrppi_periodic" ->
                base.addAll(List.of(
                        "--data",
                        REF.resolve("box.txt").toString(),
                        "--mode",
                        "rppi",
                        "--pimax",
                        "12",
                        "--edges",
                        REF.resolve("rp_edges.txt").toString(),
                        "--periodic",
                        "--box",
                        "64"));
            case "DDsmu_periodic" ->
                base.addAll(List.of(
                        "--data",
                        REF.resolve("box.txt").toString(),
                        "--mode",
                        "smu",
                        "--mu-max",
                        "1",
                        "--nmu-bins",
                        "10",
                        "--edges",
                        REF.resolve("s_edges.txt").toString(),
                        "--periodic",
                        "--box",
                        "64",
                        "--pairs",
                        "ordered"));
            case "DDrppi_mocks" ->
                base.addAll(List.of(
                        "--data",
                        REF.resolve("sky.txt").toString(),
                        "--coords",
                        "sky-dist",
                        "--mode",
                        "rppi",
                        "--pimax",
                        "12",
                        "--edges",
                        edges("rp2.txt", "rp_edges.txt", 2, false).toString()));
            case "DDsmu_mocks" ->
                base.addAll(List.of(
                        "--data",
                        REF.resolve("sky.txt").toString(),
                        "--coords",
                        "sky-dist",
                        "--mode",
                        "smu",
                        "--mu-max",
                        "1",
                        "--nmu-bins",
                        "10",
                        "--edges",
                        edges("s2.txt", "s_edges.txt", 2, true).toString()));
            case "DDtheta_mocks" ->
                base.addAll(List.of(
                        "--data",
                        REF.resolve("sky.txt").toString(),
                        "--mode",
                        "theta",
                        "--edges",
                        REF.resolve("theta_edges.txt").toString()));
            default -> throw new AssertionError(ref);
        }
        double[] expect = reference(ref + ".txt");
        if (ref.equals("DDsmu_periodic")) {
            expect[0] -=
                    3000; // Corrfunc adds the N self-pairs to the first bin when smin = 0; paircount never counts them
        }
        byte[][] first = null;
        String[] files = {"paircount.csv", "paircount.fits", "paircount.png"};
        for (int[] npt : RUNS) {
            List<String> a = new ArrayList<>(base);
            a.addAll(List.of("-o", "o" + npt[0] + "t" + npt[1], "--threads", Integer.toString(npt[1])));
            MpiRun.Result r = run(npt[0], a);
            assertEquals(0, r.exitCode(), r::describe);
            Path out = dir.resolve("o" + npt[0] + "t" + npt[1]);
            assertArrayEquals(
                    expect,
                    column(out.resolve("paircount.csv"), "DD"),
                    "DD vs Corrfunc " + ref + " at " + npt[0] + " ranks, " + npt[1] + " threads");
            byte[][] now = new byte[files.length][];
            for (int f = 0; f < files.length; f++) {
                now[f] = Files.exists(out.resolve(files[f])) ? Files.readAllBytes(out.resolve(files[f])) : new byte[0];
            }
            if (first == null) {
                first = now;
            } else {
                for (int f = 0; f < files.length; f++) {
                    assertArrayEquals(first[f], now[f], files[f] + " at " + npt[0] + " ranks, " + npt[1] + " threads");
                }
            }
        }
    }

    @Test
    void jackknifeOutputsAreByteIdenticalAtAnyRankAndThreadCount() throws IOException {
        String[] files = {"paircount.csv", "paircount.fits", "paircount-cov.csv", "paircount-cov.fits", "paircount.png"
        };
        byte[][] first = null;
        for (int[] npt : new int[][] {{1, 1}, {2, 2}, {3, 1}, {3, 2}}) {
            String o = "j" + npt[0] + "t" + npt[1];
            MpiRun.Result r = run(
                    npt[0],
                    List.of(
                            "--mode",
                            "theta",
                            "--sp-eta",
                            "2",
                            "--sp-lambda",
                            "1.7",
                            "--sp-levels",
                            "7",
                            "--sp-radius",
                            "4",
                            "--sky-trees",
                            "20",
                            "--random-factor",
                            "2",
                            "--rmin",
                            "0.1",
                            "--rmax",
                            "2",
                            "--nbins",
                            "8",
                            "--patches",
                            "6",
                            "--threads",
                            Integer.toString(npt[1]),
                            "-o",
                            o,
                            "--summary",
                            o + ".json"));
            assertEquals(0, r.exitCode(), r::describe);
            byte[][] now = new byte[files.length][];
            for (int f = 0; f < files.length; f++) {
                now[f] = Files.readAllBytes(dir.resolve(o).resolve(files[f]));
            }
            if (first == null) {
                first = now;
                double[] sigma = column(dir.resolve(o).resolve("paircount.csv"), "w_theta_sigma");
                assertTrue(Arrays.stream(sigma).allMatch(s -> s > 0 && Double.isFinite(s)), Arrays.toString(sigma));
            } else {
                for (int f = 0; f < files.length; f++) {
                    assertArrayEquals(first[f], now[f], files[f] + " at " + npt[0] + " ranks, " + npt[1] + " threads");
                }
            }
            String json = Files.readString(dir.resolve(o + ".json"));
            assertTrue(
                    json.contains("\"w_theta\"")
                            && json.contains("\"sigma\"")
                            && json.contains("\"local_points_per_rank\""),
                    json);
        }
    }

    /** Per-rank own and halo points in the summary: they add up, shrink with np, and the outputs do not change. */
    @Test
    void perRankPointsAreReportedAndOutputsAreIdenticalAtOneAndFourRanks() throws IOException {
        byte[] csv1 = null;
        long maxOwn1 = 0;
        for (int np : new int[] {1, 4}) {
            String o = "m" + np;
            MpiRun.Result r = run(
                    np,
                    List.of(
                            "--generate",
                            "clustered",
                            "-n",
                            "20000",
                            "--periodic",
                            "--box",
                            "1000",
                            "--random-factor",
                            "0",
                            "--mode",
                            "rppi",
                            "--pimax",
                            "40",
                            "--rmin",
                            "1",
                            "--rmax",
                            "40",
                            "--nbins",
                            "8",
                            "--patches",
                            "8",
                            "--no-plot",
                            "-o",
                            o,
                            "--summary",
                            o + ".json"));
            assertEquals(0, r.exitCode(), r::describe);
            com.google.gson.JsonObject res = com.google.gson.JsonParser.parseString(
                            Files.readString(dir.resolve(o + ".json")))
                    .getAsJsonObject()
                    .getAsJsonObject("results");
            long[] own = longs(res, "own_points_per_rank");
            long[] local = longs(res, "local_points_per_rank");
            long[] heap = longs(res, "peak_heap_bytes_per_rank");
            assertEquals(np, own.length);
            assertEquals(np, heap.length);
            assertEquals(20000, Arrays.stream(own).sum());
            for (int k = 0; k < np; k++) {
                assertTrue(local[k] >= own[k] && heap[k] > 0, "rank " + k);
            }
            byte[] csv = Files.readAllBytes(dir.resolve(o).resolve("paircount-wp.csv"));
            if (np == 1) {
                csv1 = csv;
                maxOwn1 = own[0];
            } else {
                assertArrayEquals(csv1, csv, "wp at np 4");
                assertTrue(Arrays.stream(own).max().getAsLong() < maxOwn1 / 2, Arrays.toString(own));
            }
        }
    }

    private static long[] longs(com.google.gson.JsonObject o, String key) {
        com.google.gson.JsonArray a = o.getAsJsonArray(key);
        long[] v = new long[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsLong();
        }
        return v;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ra", "dec", "redshift0", "redshiftNaN", "pimax", "mumax", "fewer", "empty"})
    void badInputFailsWithOneLineAtThreeRanks(String kind) throws IOException {
        List<String> a = new ArrayList<>(List.of("--random-factor", "0", "-o", "bad"));
        String expect;
        String sky = "10 5 0.1\n20 6 0.2\n30 7 0.3\n40 8 0.4\n";
        switch (kind) {
            case "ra" -> {
                a.addAll(List.of("--mode", "theta", "--data", write("ra.txt", sky + "360 1 0.5\n")));
                expect = "RA 360.0 on row 5 lies outside [0, 360)";
            }
            case "dec" -> {
                a.addAll(List.of("--mode", "theta", "--data", write("dec.txt", sky + "50 -90.5 0.5\n")));
                expect = "Dec -90.5 on row 5 lies outside [-90, 90]";
            }
            case "redshift0" -> {
                a.addAll(List.of(
                        "--mode",
                        "rppi",
                        "--coords",
                        "sky-z",
                        "--rmax",
                        "20",
                        "--pimax",
                        "10",
                        "--data",
                        write("z0.txt", sky + "50 9 0\n")));
                expect = "redshift 0.0 on row 5 must be finite and > 0";
            }
            case "redshiftNaN" -> {
                a.addAll(List.of(
                        "--mode",
                        "rppi",
                        "--coords",
                        "sky-z",
                        "--rmax",
                        "20",
                        "--pimax",
                        "10",
                        "--data",
                        write("znan.txt", sky + "50 9 NaN\n")));
                expect = "znan.txt";
            }
            case "pimax" -> {
                a.addAll(List.of("--mode", "rppi", "--pimax", "0"));
                expect = "--pimax must be a finite number > 0, got 0.0";
            }
            case "mumax" -> {
                a.addAll(List.of("--mode", "smu", "--mu-max", "1.5"));
                expect = "--mu-max must lie in (0, 1], got 1.5";
            }
            case "fewer" -> {
                a.addAll(List.of("--mode", "theta", "--patches", "8", "--data", write("few.txt", sky)));
                expect = "cannot make 8 jackknife patches from 4 points";
            }
            case "empty" -> {
                StringBuilder diag = new StringBuilder();
                for (int i = 0; i < 40; i++) {
                    double v = i < 20 ? i * 0.01 : 9 + i * 0.01;
                    diag.append(v).append(' ').append(v).append(' ').append(v).append('\n');
                }
                a.addAll(List.of(
                        "--mode",
                        "rppi",
                        "--rmax",
                        "2",
                        "--pimax",
                        "2",
                        "--patches",
                        "8",
                        "--data",
                        write("diag.txt", diag.toString())));
                expect = "jackknife patch 1 of 8 holds no point";
            }
            default -> throw new AssertionError(kind);
        }
        MpiRun.Result r = run(3, a);
        assertEquals(2, r.exitCode(), r::describe);
        List<String> lines = r.stderrLines();
        assertEquals(1, lines.size(), r::describe);
        assertTrue(
                lines.get(0).startsWith("orrery paircount: error: ")
                        && lines.get(0).contains(expect),
                r::describe);
        assertTrue(!Files.exists(dir.resolve("bad").resolve("paircount.csv")), "no output on failure");
    }

    private String write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text).toString();
    }
}

package org.orrery.apps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.testing.MpiRun;

/**
 * Weighted survey counts ({@code --weights}) under real mpirun: on the Corrfunc sky catalog with its weights
 * (src/test/resources/corrfunc/sky.txt, sky_weights.txt) and weighted randoms, with jackknife patches, every output
 * (CSV, FITS, covariance, PNG) is byte-identical at np 1, 2, 3 with 1 and 2 threads (slabs and blocks); DD equals
 * Corrfunc's weighted DDrppi_mocks npairs exactly and its weighted sums to the bound stated in CorrfuncWeightedTest;
 * bad weights are one line, exit 2.
 */
public class PairCountWeightsIT {
    private static final Path REF = Path.of("src/test/resources/corrfunc").toAbsolutePath();

    @TempDir
    Path dir;

    private MpiRun.Result run(int np, List<String> args) {
        return MpiRun.run(np, 300, dir, "PairCount", args.toArray(new String[0]));
    }

    /** sky.txt with the weights as a 4th column, plus a header naming the columns. */
    private Path weightedData() throws IOException {
        List<String> sky = Files.readAllLines(REF.resolve("sky.txt"));
        List<String> w = Files.readAllLines(REF.resolve("sky_weights.txt"));
        StringBuilder sb = new StringBuilder("ra dec dist w\n");
        for (int i = 0; i < sky.size(); i++) {
            sb.append(sky.get(i).trim()).append(' ').append(w.get(i).trim()).append('\n');
        }
        return Files.writeString(dir.resolve("data.txt"), sb.toString());
    }

    /** 6000 uniform randoms on the data's cap with weights in [0.5, 1.5). */
    private Path weightedRandoms() throws IOException {
        SplittableRandom r = new SplittableRandom(77);
        StringBuilder sb = new StringBuilder("ra dec dist w\n");
        double s0 = Math.sin(Math.toRadians(-5));
        double s1 = Math.sin(Math.toRadians(25));
        for (int i = 0; i < 6000; i++) {
            double ra = 150 + 50 * r.nextDouble();
            double dec = Math.toDegrees(Math.asin(s0 + (s1 - s0) * r.nextDouble()));
            double d = 400 + 300 * r.nextDouble();
            sb.append(String.format(Locale.ROOT, "%.17g %.17g %.17g %.17g%n", ra, dec, d, 0.5 + r.nextDouble()));
        }
        return Files.writeString(dir.resolve("randoms.txt"), sb.toString());
    }

    private Path edges() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String l : Files.readAllLines(REF.resolve("rp_edges.txt"))) {
            sb.append(Double.parseDouble(l.trim()) * 2).append('\n');
        }
        return Files.writeString(dir.resolve("rp2.txt"), sb.toString());
    }

    @Test
    void weightedRppiWithJackknifeIsByteIdenticalAndEqualsCorrfunc() throws IOException {
        Path data = weightedData();
        Path randoms = weightedRandoms();
        List<String> base = List.of(
                "--data",
                data.toString(),
                "--randoms",
                randoms.toString(),
                "--weights",
                "--coords",
                "sky-dist",
                "--mode",
                "rppi",
                "--pimax",
                "12",
                "--edges",
                edges().toString(),
                "--patches",
                "4",
                "--pairs",
                "ordered");
        String[] files = {"paircount.csv", "paircount.fits", "paircount-wp.csv", "paircount-cov.csv", "paircount.png"};
        List<double[]> ref = table("DDrppi_mocks_weighted.txt");
        byte[][] first = null;
        for (int[] npt : new int[][] {{1, 1}, {1, 2}, {2, 1}, {2, 2}, {3, 1}, {3, 2}}) {
            String o = "w" + npt[0] + "t" + npt[1];
            List<String> a = new ArrayList<>(base);
            a.addAll(List.of("-o", o, "--threads", Integer.toString(npt[1]), "--summary", o + ".json"));
            MpiRun.Result r = run(npt[0], a);
            assertEquals(0, r.exitCode(), r::describe);
            Path out = dir.resolve(o);
            byte[][] now = new byte[files.length][];
            for (int f = 0; f < files.length; f++) {
                now[f] = Files.readAllBytes(out.resolve(files[f]));
            }
            if (first == null) {
                first = now;
                double[] dd = PairCountSurveyIT.column(out.resolve("paircount.csv"), "DD");
                double[] ddw = PairCountSurveyIT.column(out.resolve("paircount.csv"), "DD_w");
                for (int k = 0; k < dd.length; k++) {
                    double npairs = ref.get(k)[3];
                    double sum = ref.get(k)[4] * npairs;
                    assertEquals(npairs, dd[k], "npairs bin " + k);
                    assertEquals(sum, ddw[k], (npairs + 2) * 0x1p-53 * sum, "weighted sum bin " + k);
                }
                // the smallest rp bins of this small catalog have empty RR bins (NaN); the outer ones have a σ
                double[] sigma = PairCountSurveyIT.column(out.resolve("paircount-wp.csv"), "wp_sigma");
                double last = sigma[sigma.length - 1];
                assertTrue(last > 0 && Double.isFinite(last), "wp sigma " + java.util.Arrays.toString(sigma));
            } else {
                for (int f = 0; f < files.length; f++) {
                    assertArrayEquals(first[f], now[f], files[f] + " at " + npt[0] + " ranks, " + npt[1] + " threads");
                }
            }
        }
    }

    private static List<double[]> table(String name) throws IOException {
        return Files.readAllLines(REF.resolve(name)).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> java.util.Arrays.stream(l.trim().split("\\s+", -1))
                        .mapToDouble(Double::parseDouble)
                        .toArray())
                .toList();
    }

    @Test
    void badWeightsAreOneLineExitTwo() throws IOException {
        String[][] cases = {
            {"150 1 500 -0.5\n151 2 510 1\n", "weight -0.5 on row 1"},
            {"150 1 500 1\n151 2 510 NaN\n", "w is NaN"},
            {"150 1 500\n151 2 510\n", "expected at least 4 fields"},
        };
        for (int i = 0; i < cases.length; i++) {
            Path f = Files.writeString(dir.resolve("bad" + i + ".txt"), cases[i][0]);
            MpiRun.Result r = run(
                    2,
                    List.of(
                            "--data",
                            f.toString(),
                            "--weights",
                            "--coords",
                            "sky-dist",
                            "--mode",
                            "rppi",
                            "--random-factor",
                            "0",
                            "--rmin",
                            "1",
                            "--rmax",
                            "10",
                            "-o",
                            "bad" + i));
            assertEquals(2, r.exitCode(), r::describe);
            List<String> err = r.stderrLines();
            assertEquals(1, err.size(), r::describe);
            assertTrue(err.get(0).contains(cases[i][1]), r::describe);
        }
    }
}

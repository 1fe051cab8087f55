package org.orrery.apps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.testing.MpiRun;

/**
 * The survey count at np 1, 2, 4, 8, 16 (16 ranks oversubscribe a small machine): outputs byte-identical at every np,
 * the decomposition reported in the summary (slabs at small np, blocks once the slabs would be thinner than their
 * halo), own points adding up to N, and the largest per-rank holding (own + halo) falling as np grows. Writes the table
 * to {@code target/paircount-scale.md} (docs/paircount-survey.md quotes it). A sky w(θ) run with jackknife patches is
 * byte-identical at np 1 and 16 too.
 */
public class PairCountScaleIT {
    private static final List<String> BOX = List.of(
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
            "100",
            "--nbins",
            "8",
            "--patches",
            "8",
            "--no-plot",
            "-q");
    private static final String[] FILES = {"paircount.csv", "paircount-wp.csv", "paircount-cov.csv", "paircount.fits"};

    @TempDir
    Path dir;

    private JsonObject run(int np, List<String> base, String o) throws IOException {
        List<String> args = new ArrayList<>(base);
        args.addAll(List.of("-o", o, "--summary", o + ".json"));
        MpiRun.Result r = MpiRun.run(np, 600, dir, "PairCount", args.toArray(new String[0]));
        assertEquals(0, r.exitCode(), r::describe);
        return JsonParser.parseString(Files.readString(dir.resolve(o + ".json")))
                .getAsJsonObject()
                .getAsJsonObject("results");
    }

    private static long[] longs(JsonArray a) {
        long[] v = new long[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsLong();
        }
        return v;
    }

    @Test
    void heldPointsFallWithNpAndOutputsAreIdentical() throws IOException {
        StringBuilder table = new StringBuilder("| np | decomposition | slabs | max own | max halo | max own + halo | "
                + "sum own + halo / N | outputs identical to np 1 |\n|---|---|---|---|---|---|---|---|\n");
        byte[][] first = null;
        long prevMax = Long.MAX_VALUE;
        for (int np : new int[] {1, 2, 4, 8, 16}) {
            String o = "s" + np;
            JsonObject dec = run(np, BOX, o).getAsJsonObject("decomposition");
            long[] own = longs(dec.getAsJsonArray("own_points"));
            long[] halo = longs(dec.getAsJsonArray("halo_points"));
            assertEquals(np, own.length);
            assertEquals(np, dec.getAsJsonArray("blocks").size());
            long sumOwn = 0;
            long maxOwn = 0;
            long maxHalo = 0;
            long maxHeld = 0;
            long sumHeld = 0;
            for (int r = 0; r < np; r++) {
                sumOwn += own[r];
                maxOwn = Math.max(maxOwn, own[r]);
                maxHalo = Math.max(maxHalo, halo[r]);
                maxHeld = Math.max(maxHeld, own[r] + halo[r]);
                sumHeld += own[r] + halo[r];
            }
            assertEquals(20000, sumOwn);
            assertTrue(maxHeld < prevMax, "max held " + maxHeld + " at np " + np);
            prevMax = maxHeld;
            String kind = dec.get("kind").getAsString();
            assertEquals(np == 16 ? "blocks" : "slabs", kind, "np " + np);
            byte[][] now = read(o);
            if (first == null) {
                first = now;
            } else {
                for (int f = 0; f < FILES.length; f++) {
                    assertArrayEquals(first[f], now[f], FILES[f] + " at np " + np);
                }
            }
            table.append(String.format(
                    Locale.ROOT,
                    "| %d | %s | %d | %d | %d | %d | %.2f | yes |%n",
                    np,
                    kind,
                    dec.get("slabs").getAsInt(),
                    maxOwn,
                    maxHalo,
                    maxHeld,
                    sumHeld / 20000.0));
        }
        Files.writeString(Path.of("target", "paircount-scale.md"), table.toString());
    }

    @Test
    void skyJackknifeIsIdenticalAtOneAndSixteenRanks() throws IOException {
        List<String> sky = List.of(
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
                "--no-plot",
                "-q");
        run(1, sky, "t1");
        JsonObject r16 = run(16, sky, "t16");
        assertEquals(
                16,
                r16.getAsJsonObject("decomposition").getAsJsonArray("blocks").size());
        String[] files = {"paircount.csv", "paircount-cov.csv", "paircount.fits"};
        for (String f : files) {
            assertArrayEquals(
                    Files.readAllBytes(dir.resolve("t1").resolve(f)),
                    Files.readAllBytes(dir.resolve("t16").resolve(f)),
                    f);
        }
    }

    private byte[][] read(String o) throws IOException {
        byte[][] b = new byte[FILES.length][];
        for (int f = 0; f < FILES.length; f++) {
            b[f] = Files.readAllBytes(dir.resolve(o).resolve(FILES[f]));
        }
        return b;
    }
}

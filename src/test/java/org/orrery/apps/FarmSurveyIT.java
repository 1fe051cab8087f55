package org.orrery.apps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.io.fits.HduInfo;
import org.orrery.io.fits.MefReader;
import org.orrery.testing.MpiRun;

/**
 * The farm on a synthetic mosaic under real mpirun: 6 extensions of 256×512 int16 (one with damaged data), np 1, 2, 3
 * give the same tables and mirrored outputs, the damaged extension one failed row; a RICE-compressed copy gives the
 * same values, and --compress outputs the same pixels.
 */
class FarmSurveyIT {
    @TempDir
    static Path work;

    static final String[] OPS = {"--ops", "highpass,stats,clipstats,background", "-k", "5", "--box", "64"};

    @BeforeAll
    static void makeMosaics() throws IOException {
        for (String extra : new String[] {"", "--compress"}) {
            MpiRun.Result g = extra.isEmpty()
                    ? MpiRun.run(
                            2,
                            180,
                            work,
                            "GenImages",
                            "--mosaic",
                            "-n",
                            "6",
                            "--nx",
                            "256",
                            "--ny",
                            "512",
                            "-o",
                            "mos",
                            "-q")
                    : MpiRun.run(
                            1,
                            180,
                            work,
                            "GenImages",
                            "--mosaic",
                            "-n",
                            "6",
                            "--nx",
                            "256",
                            "--ny",
                            "512",
                            "-o",
                            "mos",
                            "-q",
                            extra);
            assertEquals(0, g.exitCode(), g::describe);
        }
        // extension 3 gets a DATASUM card its data do not match: silently damaged pixels, caught on reading
        byte[] b = Files.readAllBytes(work.resolve("mos/mosaic_s20240601.fits"));
        int at = new String(b, StandardCharsets.ISO_8859_1).indexOf("HISTORY synthetic CCD 3 of 6");
        System.arraycopy(String.format("%-80s", "DATASUM = '12345'").getBytes(StandardCharsets.US_ASCII), 0, b, at, 80);
        Files.createDirectories(work.resolve("bad"));
        Files.write(work.resolve("bad/night.fits"), b);
    }

    static JsonObject results(Path summary) throws IOException {
        return JsonParser.parseString(Files.readString(summary))
                .getAsJsonObject()
                .getAsJsonObject("results");
    }

    static String[] args(String... head) {
        String[] a = new String[head.length + OPS.length];
        System.arraycopy(head, 0, a, 0, head.length);
        System.arraycopy(OPS, 0, a, head.length, OPS.length);
        return a;
    }

    @Test
    void np123GiveTheSameTablesAndMirrorsAndTheDamagedExtensionFailsAlone() throws IOException {
        byte[][] ref = null;
        for (int np : new int[] {1, 2, 3}) {
            String t = "tables/n" + np + ".csv";
            String json = "tables/n" + np + ".json";
            MpiRun.Result r = MpiRun.run(
                    np,
                    300,
                    work,
                    "ImageFarm",
                    args(
                            "bad/night.fits",
                            "-o",
                            "out",
                            "--table",
                            t,
                            "--summary",
                            json,
                            "-q",
                            "--schedule",
                            np == 3 ? "static" : "dynamic"));
            assertEquals(3, r.exitCode(), r::describe);
            JsonObject s = results(work.resolve(json));
            assertEquals(5, s.get("ok").getAsInt(), r::describe);
            assertEquals(1, s.get("failed").getAsInt(), r::describe);
            assertEquals(np, s.getAsJsonArray("peak_heap_bytes_per_rank").size());
            byte[][] files = {
                Files.readAllBytes(work.resolve(t)),
                Files.readAllBytes(work.resolve(t.replace(".csv", ".fits"))),
                Files.readAllBytes(work.resolve("out/night_hp5.fits")),
                Files.readAllBytes(work.resolve("out/night_bkgsub.fits"))
            };
            if (ref == null) {
                ref = files;
            } else {
                for (int f = 0; f < files.length; f++) {
                    assertArrayEquals(ref[f], files[f], "file " + f + " at np " + np);
                }
            }
        }
        List<String> lines = new String(ref[0], StandardCharsets.UTF_8).lines().toList();
        assertEquals(2 + 6, lines.size());
        assertTrue(
                lines.get(4).startsWith("2,bad/night.fits,failed,\"bad/night.fits HDU 3 (CCD,3): corrupt image data"),
                lines.get(4));
        assertTrue(lines.get(5).startsWith("3,bad/night.fits,ok,,256,512,16,4,"), lines.get(5));
        try (MefReader m = MefReader.open(work.resolve("out/night_bkgsub.fits"))) {
            assertEquals(7, m.hdus().size());
            assertEquals(HduInfo.Kind.OTHER, m.hdus().get(3).kind());
            assertEquals(5, m.images().size());
        }
        assertTrue(!Files.exists(work.resolve("out/.farm-parts")));
    }

    @Test
    void compressedInputGivesTheSameTableValuesAndCompressedOutputsTheSamePixels() throws IOException {
        MpiRun.Result a = MpiRun.run(2, 300, work, "ImageFarm", args("mos/mosaic_s20240601.fits", "-o", "plain", "-q"));
        assertEquals(0, a.exitCode(), a::describe);
        MpiRun.Result b = MpiRun.run(
                2, 300, work, "ImageFarm", args("mos/mosaic_s20240601.fits.fz", "-o", "fz", "--compress", "-q"));
        assertEquals(0, b.exitCode(), b::describe);
        List<String> pa = Files.readAllLines(work.resolve("plain/farm.csv"));
        List<String> pb = Files.readAllLines(work.resolve("fz/farm.csv"));
        assertEquals(pa.size(), pb.size());
        for (int i = 2; i < pa.size(); i++) {
            assertEquals(values(pa.get(i)), values(pb.get(i)), "row " + i);
        }
        for (String tag : new String[] {"hp5", "bkgsub"}) {
            try (MefReader p = MefReader.open(work.resolve("plain/mosaic_s20240601_" + tag + ".fits"));
                    MefReader c = MefReader.open(work.resolve("fz/mosaic_s20240601_" + tag + ".fits.fz"))) {
                assertEquals(6, c.images().size());
                for (int k = 0; k < 6; k++) {
                    assertEquals(HduInfo.Kind.COMPRESSED, c.images().get(k).kind());
                    assertArrayEquals(
                            p.read(p.images().get(k)).data(),
                            c.read(c.images().get(k)).data(),
                            tag + " CCD " + (k + 1));
                }
            }
        }
    }

    /** A CSV row without the input and output-path cells (they name different files). */
    static String values(String row) {
        return row.replaceAll("[^,]*mosaic_s20240601[^,]*", "");
    }
}

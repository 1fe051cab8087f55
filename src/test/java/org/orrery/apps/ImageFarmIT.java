package org.orrery.apps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.testing.MpiRun;
import org.orrery.testing.Summaries;

/**
 * The farm and the image generator under real mpirun: same bytes at any np and scheduling, broken files, bad options.
 */
class ImageFarmIT {
    @TempDir
    static Path work;

    @BeforeAll
    static void makeImages() throws IOException {
        // Small smooth fields (the activity's generator) and uniform images, then some broken files.
        MpiRun.Result g =
                MpiRun.run(2, 120, work, "GenImages", "--out", "imgs", "--count", "5", "--nx", "48", "--ny", "36");
        assertEquals(0, g.exitCode(), g::describe);
        MpiRun.Result u = MpiRun.run(
                1,
                120,
                work,
                "GenImages",
                "--kind",
                "uniform",
                "--out",
                "imgs",
                "--count",
                "3",
                "--nx",
                "30",
                "--ny",
                "20");
        assertEquals(0, u.exitCode(), u::describe);
        Path broken = Files.createDirectories(work.resolve("broken"));
        byte[] good = Files.readAllBytes(work.resolve("imgs/image_000.fits"));
        Files.write(broken.resolve("a_truncated.fits"), java.util.Arrays.copyOf(good, 3000));
        Files.writeString(broken.resolve("b_garbage.fits"), "SIMPLE  = nonsense\n".repeat(300));
        Files.copy(work.resolve("imgs/image_001.fits"), broken.resolve("c_good.fits"));
        Files.write(broken.resolve("d_empty.fits"), new byte[0]);
    }

    @Test
    void generatedImagesAreTheSameBitsAtAnyNp() throws IOException {
        MpiRun.Result g =
                MpiRun.run(3, 120, work, "GenImages", "--out", "imgs3", "--count", "5", "--nx", "48", "--ny", "36");
        assertEquals(0, g.exitCode(), g::describe);
        for (int i = 0; i < 5; i++) {
            String name = "fake_36x48_" + i + ".fits";
            assertArrayEquals(
                    Files.readAllBytes(work.resolve("imgs").resolve(name)),
                    Files.readAllBytes(work.resolve("imgs3").resolve(name)),
                    name);
        }
    }

    @Test
    void tablesAndOutputsAreIdenticalForNp124StaticAndDynamic() throws IOException {
        byte[] refCsv = null;
        byte[] refFits = null;
        byte[] refHp = null;
        for (int np : new int[] {1, 2, 4}) {
            for (String s : new String[] {"static", "dynamic"}) {
                String t = "tables/t" + np + s + ".csv";
                String json = "tables/s" + np + s + ".json";
                MpiRun.Result r = MpiRun.run(
                        np,
                        180,
                        work,
                        "ImageFarm",
                        "imgs",
                        "-k",
                        "5",
                        "-o",
                        "hp",
                        "--table",
                        t,
                        "--schedule",
                        s,
                        "-q",
                        "--summary",
                        json);
                assertEquals(0, r.exitCode(), r::describe);
                assertEquals(8, Summaries.results(work.resolve(json)).get("ok").getAsInt(), r::describe);
                assertEquals(
                        0, Summaries.results(work.resolve(json)).get("failed").getAsInt(), r::describe);
                byte[] csv = Files.readAllBytes(work.resolve(t));
                byte[] fits = Files.readAllBytes(work.resolve(t.replace(".csv", ".fits")));
                byte[] hp = Files.readAllBytes(work.resolve("hp/fake_36x48_3_hp5.fits"));
                if (refCsv == null) {
                    refCsv = csv;
                    refFits = fits;
                    refHp = hp;
                } else {
                    assertArrayEquals(refCsv, csv, "CSV np=" + np + " " + s);
                    assertArrayEquals(refFits, fits, "FITS table np=" + np + " " + s);
                    assertArrayEquals(refHp, hp, "high-pass output np=" + np + " " + s);
                }
            }
        }
        assertEquals(
                2 + 8,
                new String(refCsv, java.nio.charset.StandardCharsets.UTF_8)
                        .lines()
                        .count());
    }

    @Test
    void brokenFilesGiveTheSameTableAndPartialStatusAtNp1And4() throws IOException {
        byte[] ref = null;
        for (int np : new int[] {1, 4}) {
            String t = "tables/broken" + np + ".csv";
            MpiRun.Result r = MpiRun.run(
                    np, 180, work, "ImageFarm", "broken", "missing.fits", "-k", "3", "-o", "hpb", "--table", t, "-q");
            assertEquals(3, r.exitCode(), r::describe);
            assertEquals(
                    List.of("orrery farm: 4 of 5 inputs failed (reasons in " + t + "); exit status 3"),
                    r.stderrLines(),
                    r::describe);
            byte[] csv = Files.readAllBytes(work.resolve(t));
            String text = new String(csv, java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(text.contains("broken/a_truncated.fits,failed,truncated"), text);
            assertTrue(text.contains("broken/c_good.fits,ok,"), text);
            assertTrue(text.contains("broken/d_empty.fits,failed,empty file"), text);
            assertTrue(text.contains("missing.fits,failed,no such file"), text);
            if (ref == null) {
                ref = csv;
            } else {
                assertArrayEquals(ref, csv);
            }
        }
    }

    @Test
    void badOptionsAndBadInputListsFailFastWithOneLine() {
        MpiRun.Result r = MpiRun.run(3, 60, work, "ImageFarm", "--window", "-4", "imgs");
        assertEquals(2, r.exitCode(), r::describe);
        assertEquals(
                List.of("orrery farm: error: --window must be between 1 and 4001, got -4"),
                r.stderrLines(),
                r::describe);
        assertTrue(r.seconds() < 30, r::describe);
        // discovered by rank 0 only (listing), agreed by all ranks
        MpiRun.Result g = MpiRun.run(4, 60, work, "ImageFarm", "imgs/nothing_*.fits");
        assertEquals(2, g.exitCode(), g::describe);
        assertEquals(List.of("orrery farm: error: no files match 'imgs/nothing_*.fits'"), g.stderrLines(), g::describe);
        MpiRun.Result b = MpiRun.run(2, 60, work, "GenImages", "--count", "0");
        assertEquals(2, b.exitCode(), b::describe);
        assertEquals(1, b.stderrLines().size(), b::describe);
    }
}

package org.orrery.apps.genimages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orrery.apps.common.TestImageFiles;
import org.orrery.io.OutputSet;
import org.orrery.io.fits.FitsImage;
import org.orrery.io.fits.FitsImages;
import org.orrery.model.UserError;
import org.orrery.parallel.SerialComm;
import org.orrery.physics.image.RandomField;
import org.orrery.physics.image.TestImageSet;
import picocli.CommandLine;

/** gen-images: config rules, the job on one rank (files, keep/force) and the summary. */
class GenImagesTest {
    @TempDir
    Path dir;

    static GenImagesConfig config(String... args) {
        GenImagesCommand c = new GenImagesCommand();
        new CommandLine(c).parseArgs(args);
        c.validate();
        return c.config();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "-n 0|--count must be between 1 and 1000000, got 0",
                "--nx 0|image size must be at least 1x1 and at most 2e8 pixels, got 0x0",
                "--nx 20000 --ny 20000|image size must be at least 1x1 and at most 2e8 pixels, got 20000x20000",
                "--width-divisor 0|--width-divisor must be positive, got 0.0",
                "--kind uniform --scale Infinity|--scale must be finite, got Infinity",
            })
    void eachRuleHasOneMessage(String args, String message) {
        UserError e = assertThrows(UserError.class, () -> config(args.split(" ")));
        assertEquals(message, e.getMessage());
    }

    @Test
    void defaultsPerKind() {
        GenImagesConfig f = config();
        assertEquals(
                new TestImageSet(
                        TestImageSet.Kind.field,
                        25,
                        1000,
                        1000,
                        RandomField.DEFAULT_SEED,
                        RandomField.DEFAULT_WIDTH_DIVISOR,
                        1000),
                f.set());
        assertEquals(TestImageFiles.DEFAULT_DIR, f.dir());
        assertEquals(TestImageSet.activity(), f.set());
        GenImagesConfig u = config("--kind", "uniform", "--ny", "64", "-o", "x");
        assertEquals(32, u.count());
        assertEquals(128, u.nx());
        assertEquals(64, u.ny());
        assertEquals(Path.of("x"), u.dir());
        assertEquals("image_007.fits", u.set().fileName(7));
        assertEquals("fake_1000x1000_3.fits", f.set().fileName(3));
    }

    @Test
    void jobWritesEachImageFromItsOwnStreamAndKeepsExistingFiles() throws Exception {
        Path out = dir.resolve("img");
        GenImagesConfig c = config(
                "-n",
                "3",
                "--nx",
                "24",
                "--ny",
                "16",
                "-o",
                out.toString(),
                "--summary",
                dir.resolve("s.json").toString(),
                "-q");
        GenImagesJob.Result r = GenImagesJob.run(new SerialComm(), c);
        assertEquals(3, r.written());
        assertEquals(0, r.kept());
        for (int i = 0; i < 3; i++) {
            FitsImage img = FitsImages.read(out.resolve("fake_16x24_" + i + ".fits"));
            assertEquals(24, img.nx());
            assertEquals(16, img.ny());
            assertArrayEquals(
                    RandomField.generate(
                            16,
                            24,
                            RandomField.DEFAULT_WIDTH_DIVISOR,
                            RandomField.seedFor(RandomField.DEFAULT_SEED, i)),
                    img.data());
            assertEquals(i, img.header().getIntValue("GENINDEX"));
        }
        byte[] first = Files.readAllBytes(out.resolve("fake_16x24_1.fits"));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (OutputSet files = OutputSet.open(out, "gen-images", n -> {})) {
            GenImagesReport.write(c, r, new PrintStream(text, true, StandardCharsets.UTF_8), files);
            assertFalse(Files.exists(dir.resolve("s.json")), "the summary appears with the commit");
            files.commit();
        }
        assertEquals("", text.toString(StandardCharsets.UTF_8));
        JsonObject s =
                JsonParser.parseString(Files.readString(dir.resolve("s.json"))).getAsJsonObject();
        assertEquals(3, s.getAsJsonObject("results").get("written").getAsInt());

        GenImagesJob.Result again = GenImagesJob.run(new SerialComm(), c);
        assertEquals(0, again.written());
        assertEquals(3, again.kept());
        Files.delete(out.resolve("fake_16x24_1.fits"));
        GenImagesJob.Result forced = GenImagesJob.run(
                new SerialComm(), config("-n", "3", "--nx", "24", "--ny", "16", "-o", out.toString(), "--force"));
        assertEquals(3, forced.written());
        assertArrayEquals(first, Files.readAllBytes(out.resolve("fake_16x24_1.fits")), "the same bits every time");
    }
}

package org.orrery.io.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files compressed by CFITSIO's own fpack (Debian libcfitsio-bin; skipped where it is absent) decode to exactly what
 * funpack restores: quantised floats (dithered, -q levels), lossy H-compress (-s), GZIP_2 and PLIO, beside the
 * astropy-written fixtures.
 */
class FpackInteropTest {
    private static boolean run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("log.txt").toFile())
                .start();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @ParameterizedTest
    @CsvSource({
        "orig_f32.fits,-r",
        "orig_f32.fits,-r -q 2",
        "orig_f64.fits,-r -q 8",
        "orig_f32.fits,-h -s 0",
        "orig_i16.fits,-h -s 4",
        "orig_i16.fits,-g2",
        "orig_i32.fits,-r",
        "orig_plio.fits,-p",
        "mef.fits,-r"
    })
    void decodesLikeFunpack(String file, String options, @TempDir Path dir) throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/fpack")) && Files.isExecutable(Path.of("/usr/bin/funpack")),
                "fpack/funpack (libcfitsio-bin) not installed");
        Files.copy(TileDecompressorTest.DIR.resolve(file), dir.resolve("in.fits"));
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/fpack"));
        cmd.addAll(List.of(options.split(" ")));
        cmd.addAll(List.of("-O", "in.fits.fz", "in.fits"));
        assertTrue(run(dir, cmd.toArray(String[]::new)), () -> read(dir));
        assertTrue(run(dir, "/usr/bin/funpack", "-O", "back.fits", "in.fits.fz"), () -> read(dir));
        List<double[]> ours = MefWriterTest.allPixels(dir.resolve("in.fits.fz"));
        List<double[]> theirs = MefWriterTest.allPixels(dir.resolve("back.fits"));
        try (MefReader r = MefReader.open(dir.resolve("in.fits.fz"))) {
            assertTrue(
                    r.images().stream().allMatch(h -> h.kind() == HduInfo.Kind.COMPRESSED),
                    "fpack compressed every image");
        }
        assertEquals(theirs.size(), ours.size());
        MefWriterTest.assertSame(theirs, ours);
    }

    private static String read(Path dir) {
        try {
            return Files.readString(dir.resolve("log.txt"));
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}

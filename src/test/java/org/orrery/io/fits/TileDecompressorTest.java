package org.orrery.io.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tile-compressed fixtures written by astropy 5.2.1 (src/test/resources/fixtures/survey/ make_fixtures.py) decode to
 * exactly astropy's pixels: the originals for lossless codecs, astropy's own decoded arrays (dec_*.fits) for quantised
 * floats. Bit equality, NaN included.
 */
class TileDecompressorTest {
    static final Path DIR = Path.of("src/test/resources/fixtures/survey");

    static double[] pixels(Path file) throws IOException {
        try (MefReader r = MefReader.open(file)) {
            List<HduInfo> images = r.images();
            assertEquals(1, images.size(), file + " images");
            return r.read(images.get(0)).data();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "i16_rice",
                "i16_rice_tiles",
                "i16_gzip1",
                "i16_gzip2",
                "i16_hcomp",
                "i32_rice",
                "i32_gzip2",
                "i32_hcomp",
                "plio",
                "f32_rice_nodither",
                "f32_rice_sd1",
                "f32_rice_sd2",
                "f32_gzip1_sd1",
                "f32_gzip2_sd1",
                "f32_hcomp_sd1",
                "f32_gzip2_lossless",
                "f32_gzip1_lossless",
                "f64_gzip2_lossless",
                "f64_rice_sd1"
            })
    void decodesLikeAstropy(String name) throws IOException {
        Path dec = DIR.resolve("dec_" + name + ".fits");
        String orig = name.startsWith("plio") ? "plio" : name.substring(0, 3);
        Path expectedFile = Files.exists(dec) ? dec : DIR.resolve("orig_" + orig + ".fits");
        double[] expected = pixels(expectedFile);
        double[] got = pixels(DIR.resolve("comp_" + name + ".fits.fz"));
        assertEquals(expected.length, got.length);
        int bad = 0;
        for (int i = 0; i < got.length; i++) {
            if (Double.doubleToLongBits(expected[i]) != Double.doubleToLongBits(got[i])) {
                bad++;
            }
        }
        assertEquals(0, bad, name + ": pixels differing from astropy (first: " + firstDiff(expected, got) + ")");
        if (name.startsWith("f32") && !name.contains("sd2") && !name.contains("hcomp")) {
            // astropy itself loses the NaN with SUBTRACTIVE_DITHER_2 and with H-compress: equality above is what counts
            assertTrue(Double.isNaN(got[5 * 90 + 6]), "NaN pixel kept");
        }
    }

    /** Damaged tile bytes (the heap overwritten) make a one-line error naming the HDU, whatever the codec. */
    @ParameterizedTest
    @ValueSource(strings = {"i16_rice", "i16_gzip1", "f32_gzip2_lossless", "i16_hcomp", "plio", "f32_rice_sd1"})
    void damagedTilesAreADomainError(String name, @org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path p = dir.resolve("bad.fits.fz");
        Files.copy(DIR.resolve("comp_" + name + ".fits.fz"), p);
        HduInfo h;
        try (MefReader r = MefReader.open(p)) {
            h = r.images().get(0);
        }
        long heap = h.dataStart() + h.header().getLong("NAXIS1", 0) * h.header().getLong("NAXIS2", 0);
        byte[] junk = new byte[(int) (h.dataStart() + h.dataBytes() - heap)];
        new java.util.Random(1).nextBytes(junk);
        try (var ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(junk), heap);
        }
        try (MefReader r = MefReader.open(p)) {
            org.orrery.model.UserError e = org.junit.jupiter.api.Assertions.assertThrows(
                    org.orrery.model.UserError.class, () -> r.read(r.images().get(0)));
            assertTrue(e.getMessage().contains("HDU 1") && e.getMessage().contains("corrupt"), e.getMessage());
        }
    }

    static String firstDiff(double[] e, double[] g) {
        for (int i = 0; i < g.length; i++) {
            if (Double.doubleToLongBits(e[i]) != Double.doubleToLongBits(g[i])) {
                return "index " + i + " expected " + e[i] + " got " + g[i];
            }
        }
        return "none";
    }
}

package org.orrery.io.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import nom.tam.fits.Fits;
import nom.tam.fits.ImageHDU;
import nom.tam.image.compression.hdu.CompressedImageHDU;
import org.junit.jupiter.api.Test;

/**
 * Minimal reproductions of nom-tam-fits 1.21.2's tile-compression bugs, on fixtures written by astropy 5.2.1
 * (make_fixtures.py). They are why {@link TileCodecs} uses only nom-tam's per-tile integer codecs and Orrery does the
 * rest. If a nom-tam upgrade fixes a bug, its test fails: then the work-around can be reconsidered (and this test
 * inverted).
 */
class NomTamCompressionBugsTest {
    static final Path DIR = TileDecompressorTest.DIR;

    private static float[][] nomTam(String name) throws Exception {
        try (Fits f = new Fits(DIR.resolve(name).toFile())) {
            CompressedImageHDU c = (CompressedImageHDU) f.getHDU(1);
            ImageHDU img = c.asImageHDU();
            return (float[][]) img.getKernel();
        }
    }

    @Test
    void losslessGzip2FloatsReadAsZeros() throws Exception {
        float[][] got = nomTam("comp_f32_gzip2_lossless.fits.fz");
        double[] astropy = TileDecompressorTest.pixels(DIR.resolve("orig_f32.fits"));
        int zeros = 0;
        int nonzeroInAstropy = 0;
        for (int y = 0; y < got.length; y++) {
            for (int x = 0; x < got[y].length; x++) {
                double a = astropy[y * got[y].length + x];
                if (a != 0 && !Double.isNaN(a)) {
                    nonzeroInAstropy++;
                    if (got[y][x] == 0f) {
                        zeros++;
                    }
                }
            }
        }
        assertTrue(nonzeroInAstropy > 6000);
        assertEquals(nonzeroInAstropy, zeros, "nom-tam-fits reads every non-zero lossless GZIP_2 float as 0");
    }

    /** Largest |nom-tam − astropy| and how many pixels differ, for a quantised fixture. */
    private static double[] compare(String name) throws Exception {
        float[][] got = nomTam("comp_" + name + ".fits.fz");
        double[] astropy = TileDecompressorTest.pixels(DIR.resolve("dec_" + name + ".fits"));
        double[] ours = TileDecompressorTest.pixels(DIR.resolve("comp_" + name + ".fits.fz"));
        int nx = got[0].length;
        double worst = 0;
        int differ = 0;
        for (int y = 0; y < got.length; y++) {
            for (int x = 0; x < nx; x++) {
                double a = astropy[y * nx + x];
                if (Double.isNaN(a)) {
                    continue;
                }
                assertEquals(a, ours[y * nx + x], 0.0, "Orrery's decoder equals astropy");
                double d = Math.abs(got[y][x] - a);
                worst = Math.max(worst, d);
                differ += d > 0 ? 1 : 0;
            }
        }
        return new double[] {worst, differ};
    }

    /**
     * NO_DITHER quantised floats (ZSCALE ≈ 0.23 here): nom-tam-fits shifts most pixels by up to about half a
     * quantisation step (it de-quantises as if dithered).
     */
    @Test
    void riceNoDitherFloatsOffByUpToHalfAStep() throws Exception {
        double[] r = compare("f32_rice_nodither");
        assertTrue(r[1] > 5000, "most pixels differ (" + r[1] + ")");
        assertTrue(r[0] > 0.1 && r[0] < 0.2, "by up to about half a step (worst " + r[0] + ")");
    }

    /** Dithered floats: nom-tam-fits rounds in single precision, a few pixels are one float ulp off. */
    @Test
    void ditheredFloatsOffByOneUlp() throws Exception {
        double[] r = compare("f32_rice_sd1");
        assertTrue(r[1] > 0, "some pixels differ");
        assertTrue(r[0] <= 8e-6, "by one float ulp at most (worst " + r[0] + ")");
    }
}

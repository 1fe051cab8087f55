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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.io.AtomicFile;

/**
 * Mirrored outputs keep structure and headers; compressed outputs read back identically in Orrery, astropy and funpack.
 */
class MefWriterTest {

    /** Writes a mirror of {@code in}: images as BITPIX {@code bitpix} (or their own if 0), other HDUs copied. */
    static void mirror(Path in, Path out, MefWriter.Compression c, int bitpix) throws IOException {
        try (MefReader r = MefReader.open(in)) {
            AtomicFile.write(out, os -> {
                MefWriter w = new MefWriter(os, c);
                for (HduInfo h : r.hdus()) {
                    if (h.isImage()) {
                        HduImage img = r.read(h);
                        w.writeImage(
                                h.header(),
                                img.ny(),
                                img.nx(),
                                img.data(),
                                bitpix != 0 ? bitpix : h.bitpix(),
                                "mirrored");
                    } else if (h.index() == 0) {
                        w.writeEmptyPrimary(h.header());
                    } else {
                        w.copyRaw(r, h);
                    }
                }
            });
        }
    }

    static List<double[]> allPixels(Path p) throws IOException {
        List<double[]> out = new ArrayList<>();
        try (MefReader r = MefReader.open(p)) {
            for (HduInfo h : r.images()) {
                out.add(r.read(h).data());
            }
        }
        return out;
    }

    static void assertSame(List<double[]> a, List<double[]> b) {
        assertEquals(a.size(), b.size());
        for (int k = 0; k < a.size(); k++) {
            assertEquals(a.get(k).length, b.get(k).length);
            for (int i = 0; i < a.get(k).length; i++) {
                assertEquals(
                        Double.doubleToLongBits(a.get(k)[i]),
                        Double.doubleToLongBits(b.get(k)[i]),
                        "image " + k + " pixel " + i);
            }
        }
    }

    @Test
    void mirrorKeepsStructureHeadersAndPixels(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("mirror.fits");
        mirror(MefReaderTest.MEF, out, MefWriter.Compression.NONE, -64);
        assertSame(allPixels(MefReaderTest.MEF), allPixels(out));
        try (MefReader a = MefReader.open(MefReaderTest.MEF);
                MefReader b = MefReader.open(out)) {
            assertEquals(a.hdus().size(), b.hdus().size());
            for (int i = 0; i < a.hdus().size(); i++) {
                HduInfo x = a.hdus().get(i);
                HduInfo y = b.hdus().get(i);
                assertEquals(x.isImage(), y.isImage(), "HDU " + i);
                assertEquals(x.extname(), y.extname());
                assertEquals(x.extver(), y.extver());
            }
            assertEquals("fixture mosaic", b.hdus().get(0).header().getString("OBJECT", ""));
            assertEquals(1.5, b.hdus().get(1).header().getDouble("GAIN", 0), 0);
            assertEquals(HduInfo.Kind.IMAGE, b.hdus().get(3).kind());
            assertTrue(b.hdus().get(1).header().cards().stream().anyMatch(c -> c.startsWith("HISTORY mirrored")));
        }
        byte[] first = Files.readAllBytes(out);
        mirror(MefReaderTest.MEF, out, MefWriter.Compression.NONE, -64);
        assertTrue(java.util.Arrays.equals(first, Files.readAllBytes(out)), "same bytes on every run");
    }

    /** An image per BITPIX, with awkward values (extremes, NaN for floats). */
    static Path compressedSample(Path dir) throws IOException {
        Path out = dir.resolve("sample.fits.fz");
        int ny = 13;
        int nx = 37;
        java.util.Random rnd = new java.util.Random(5);
        AtomicFile.write(out, os -> {
            MefWriter w = new MefWriter(os, MefWriter.Compression.LOSSLESS);
            int[] bitpixes = {16, 32, 8, -32, -64, 16};
            for (int b : bitpixes) {
                double[] d = new double[ny * nx];
                for (int i = 0; i < d.length; i++) {
                    d[i] = switch (b) {
                        case 8 -> rnd.nextInt(256);
                        case 16 -> rnd.nextInt(65536) - (w.count() < 6 ? 32768 : 0); // the last one unsigned
                        case 32 -> rnd.nextInt();
                        case -32 -> (float) (rnd.nextGaussian() * 1e3);
                        default -> rnd.nextGaussian();
                    };
                }
                if (b < 0) {
                    d[7] = Double.NaN;
                }
                FitsHeader t = new FitsHeader(List.of(
                        FitsHeader.card("EXTNAME", "B" + Math.abs(b), null),
                        FitsHeader.card("EXTVER", b < 0 ? 2 : 1, null),
                        FitsHeader.card("GAIN", 2.25, "e/ADU")));
                w.writeImage(t, ny, nx, d, b);
            }
        });
        return out;
    }

    private static boolean run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("log.txt").toFile())
                .start();
        return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void compressedOutputReadsBackInOrreryAstropyAndFunpack(@TempDir Path dir) throws Exception {
        Path fz = compressedSample(dir);
        List<double[]> ours = allPixels(fz);
        try (MefReader r = MefReader.open(fz)) {
            assertEquals(6, r.images().size());
            assertTrue(r.images().stream().allMatch(h -> h.kind() == HduInfo.Kind.COMPRESSED));
            assertEquals("B16", r.images().get(0).extname());
            assertEquals("RICE_1", r.images().get(0).header().getString("ZCMPTYPE", ""));
            assertEquals("GZIP_2", r.images().get(3).header().getString("ZCMPTYPE", ""));
        }
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 with astropy needed");
        String py = "from astropy.io import fits\n"
                + "f = fits.open('sample.fits.fz')\n"
                + "fits.HDUList([fits.PrimaryHDU()] + [fits.ImageHDU(h.data, header=h.header) for h in f[1:]])"
                + ".writeto('astropy.fits')\n";
        Files.writeString(dir.resolve("dec.py"), py);
        assumeTrue(run(dir, "/usr/bin/python3", "-c", "import astropy"), "astropy not installed");
        assertTrue(run(dir, "/usr/bin/python3", "dec.py"), () -> log(dir));
        assertSame(ours, allPixels(dir.resolve("astropy.fits")));
        if (Files.isExecutable(Path.of("/usr/bin/funpack"))) {
            assertTrue(run(dir, "/usr/bin/funpack", "-O", "funpack.fits", "sample.fits.fz"), () -> log(dir));
            assertSame(ours, allPixels(dir.resolve("funpack.fits")));
        }
    }

    @Test
    void compressedMirrorOfTheMosaicFixture(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("mirror.fits.fz");
        mirror(MefReaderTest.MEF, out, MefWriter.Compression.LOSSLESS, 0);
        assertSame(allPixels(MefReaderTest.MEF), allPixels(out));
    }

    private static String log(Path dir) {
        try {
            return Files.readString(dir.resolve("log.txt"));
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}

package org.orrery.io.fits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.physics.image.MosaicGenerator;

/** The synthetic mosaic: seeded, one CCD per extension, same bytes on every run, plain or RICE-compressed. */
class MosaicFitsTest {
    @Test
    void streamsSeededCcdsIntoNamedExtensions(@TempDir Path dir) throws IOException {
        Path plain = dir.resolve("m.fits");
        Path fz = dir.resolve("m.fits.fz");
        MosaicFits.write(plain, 42, 6, 64, 40, k -> MosaicGenerator.ccd(42, k, 6, 64, 40), MefWriter.Compression.NONE);
        MosaicFits.write(fz, 42, 6, 64, 40, k -> MosaicGenerator.ccd(42, k, 6, 64, 40), MefWriter.Compression.LOSSLESS);
        try (MefReader a = MefReader.open(plain);
                MefReader b = MefReader.open(fz)) {
            List<HduInfo> ia = a.images();
            assertEquals(6, ia.size());
            for (int k = 0; k < 6; k++) {
                HduInfo h = ia.get(k);
                assertEquals("CCD", h.extname());
                assertEquals(k + 1, h.extver());
                assertEquals(16, h.bitpix());
                short[] want = MosaicGenerator.ccd(42, k, 6, 64, 40);
                double[] w = new double[want.length];
                for (int i = 0; i < w.length; i++) {
                    w[i] = want[i];
                }
                assertArrayEquals(w, a.read(h).data());
                assertArrayEquals(w, b.read(b.images().get(k)).data());
                assertEquals(HduInfo.Kind.COMPRESSED, b.images().get(k).kind());
            }
        }
        byte[] first = Files.readAllBytes(plain);
        MosaicFits.write(plain, 42, 6, 64, 40, k -> MosaicGenerator.ccd(42, k, 6, 64, 40), MefWriter.Compression.NONE);
        assertArrayEquals(first, Files.readAllBytes(plain));
        MosaicFits.write(plain, 43, 6, 64, 40, k -> MosaicGenerator.ccd(43, k, 6, 64, 40), MefWriter.Compression.NONE);
        assertFalse(java.util.Arrays.equals(first, Files.readAllBytes(plain)));
    }

    @Test
    void ccdHasSkyStarsAndNoise() {
        short[] c = MosaicGenerator.ccd(7, 3, 60, 512, 256);
        double sum = 0;
        int saturatedOrBright = 0;
        for (short v : c) {
            sum += v;
            saturatedOrBright += v > 5000 ? 1 : 0;
        }
        double mean = sum / c.length;
        assertEquals(1630, mean, 60); // bias 1000 + sky ≈ 620 + 10
        assertEquals(true, saturatedOrBright > 0);
    }
}

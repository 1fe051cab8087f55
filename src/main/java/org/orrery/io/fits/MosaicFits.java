package org.orrery.io.fits;

import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import org.orrery.io.AtomicFile;

/**
 * Writes a mosaic exposure as one multi-extension FITS file, CCD by CCD from a supplier (e.g. {@code k ->
 * MosaicGenerator.ccd(seed, k, ccds, ny, nx)}; io does not depend on physics): an empty primary (OBJECT, NCCD, SEED)
 * and one BITPIX 16 IMAGE extension per CCD with EXTNAME = 'CCD', EXTVER = CCDNUM = k + 1, SEED — or RICE_1
 * tile-compressed extensions. Streams: memory holds one CCD (its 16-bit and float64 copies: 10 bytes per pixel, 84 MB
 * for 2048 × 4096), whatever the number of CCDs; the file appears atomically when complete.
 */
public final class MosaicFits {
    private MosaicFits() {}

    /** Writes {@code ccds} CCDs of ny × nx from {@code ccd} (index 0-based) to {@code target}. */
    public static void write(
            Path target,
            long seed,
            int ccds,
            int ny,
            int nx,
            IntFunction<short[]> ccd,
            MefWriter.Compression compression) {
        AtomicFile.write(target, out -> {
            MefWriter w = new MefWriter(out, compression);
            w.writeEmptyPrimary(new FitsHeader(List.of(
                    FitsHeader.card("OBJECT", "synthetic mosaic", null),
                    FitsHeader.card("NCCD", ccds, "number of CCD extensions"),
                    FitsHeader.card("SEED", seed, "generator seed"))));
            for (int k = 0; k < ccds; k++) {
                short[] px = ccd.apply(k);
                if (px.length != (long) ny * nx) {
                    throw new IllegalArgumentException(
                            "CCD " + k + " has " + px.length + " pixels, expected " + nx + "x" + ny);
                }
                double[] d = new double[px.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = px[i];
                }
                FitsHeader h = new FitsHeader(List.of(
                        FitsHeader.card("EXTNAME", "CCD", "extension name"),
                        FitsHeader.card("EXTVER", k + 1, "extension version"),
                        FitsHeader.card("CCDNUM", k + 1, "CCD number"),
                        FitsHeader.card("SEED", seed, "generator seed"),
                        FitsHeader.card("BUNIT", "ADU", null)));
                w.writeImage(h, ny, nx, d, 16, "synthetic CCD " + (k + 1) + " of " + ccds);
            }
        });
    }
}

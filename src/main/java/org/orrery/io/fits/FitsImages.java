package org.orrery.io.fits;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import nom.tam.fits.ImageData;
import nom.tam.fits.ImageHDU;
import nom.tam.util.Cursor;
import nom.tam.util.FitsOutputStream;
import org.orrery.io.AtomicFile;

/**
 * Reading and writing 2-D FITS images with nom-tam-fits.
 *
 * <p><b>Reading.</b> The image is the primary HDU if it has data, otherwise the first IMAGE extension. BITPIX 8
 * (unsigned), 16, 32, 64, −32 and −64 are accepted; values are converted to physical float64 values stored·BSCALE +
 * BZERO, for floating-point BITPIX too (as astropy does), and integer pixels equal to BLANK become NaN. (nom-tam-fits
 * 1.21.2's {@code ImageData.convertTo(double.class)} reads BITPIX 8 as signed and ignores BSCALE/BZERO on float data,
 * so the conversion is done here; {@code getKernel()} alone returns stored values.) NAXIS must be 2, or more with every
 * extra axis of length 1. Axis order: nom-tam-fits gives {@code [NAXIS2][NAXIS1]}, so row y, column x is numpy's
 * {@code d[y, x]}. Tile-compressed images (binary tables with ZIMAGE) are refused with a clear message. Every failure —
 * missing, unreadable, truncated, corrupt, not an image — is an {@link IOException} whose message says what is wrong in
 * one line.
 *
 * <p><b>Writing</b> (uncompressed, atomically: temporary file then rename). The output is a primary image HDU; the
 * input header's descriptive cards are kept (structural keywords, scaling and checksums are regenerated or dropped) and
 * HISTORY cards are appended.
 */
public final class FitsImages {
    private FitsImages() {}

    /**
     * nom-tam-fits logs warnings (premature end, junk) through java.util.logging to stderr; our exceptions already say
     * what is wrong in one line, so its logger is silenced (a strong reference keeps the setting alive).
     */
    private static final java.util.logging.Logger NOM_TAM_LOG = java.util.logging.Logger.getLogger("nom.tam");

    static {
        NOM_TAM_LOG.setLevel(java.util.logging.Level.OFF);
    }

    /** Keywords nom-tam-fits regenerates or that would be wrong after conversion. */
    private static final Set<String> STRUCTURAL = Set.of(
            "SIMPLE",
            "XTENSION",
            "BITPIX",
            "NAXIS",
            "EXTEND",
            "PCOUNT",
            "GCOUNT",
            "BSCALE",
            "BZERO",
            "BLANK",
            "END",
            "CHECKSUM",
            "DATASUM",
            "GROUPS");

    /** Reads the 2-D image of {@code file}. */
    public static FitsImage read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new IOException("is a directory, not a FITS file");
        }
        if (Files.size(file) == 0) {
            throw new IOException("empty file (not FITS)");
        }
        try (Fits fits = new Fits(file.toFile())) {
            for (int index = 0; ; index++) {
                BasicHDU<?> hdu;
                try {
                    hdu = fits.readHDU();
                } catch (EOFException e) {
                    throw new IOException("truncated FITS file (HDU " + index + " incomplete)");
                }
                if (hdu == null) {
                    throw new IOException(
                            index == 0 ? "not a FITS file" : "no image data in the primary HDU or any image extension");
                }
                Header h = hdu.getHeader();
                if (h.getBooleanValue("ZIMAGE", false)) {
                    throw new IOException("tile-compressed image in HDU " + index
                            + " is not supported (decompress it first, e.g. funpack)");
                }
                if (!(hdu instanceof ImageHDU img)) {
                    if (index == 0) {
                        throw new IOException("primary HDU is not an image");
                    }
                    continue;
                }
                if (!hasData(h)) {
                    continue; // no data here (typically an empty primary): look at the next image extension
                }
                FitsImage image = toImage(img, h, index, file);
                if (gzip(file)) {
                    refuseMoreImages(fits, index);
                }
                return image;
            }
        } catch (FitsException e) {
            throw new IOException(describe(e));
        } catch (IllegalStateException
                | IllegalArgumentException
                | ArrayIndexOutOfBoundsException
                | ClassCastException e) {
            throw new IOException("corrupt FITS file (" + describe(e) + ")");
        }
    }

    /** True when {@code file} starts with the gzip magic bytes (nom-tam-fits then reads it through gunzip). */
    private static boolean gzip(Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /**
     * A gzip-compressed file is read as a stream, so its extensions cannot be listed and read one by one as those of a
     * plain or tile-compressed mosaic are: rather than silently taking its first image, refuse one that has another
     * image HDU with pixels after HDU {@code first} (reading on only until that one).
     */
    private static void refuseMoreImages(Fits fits, int first) throws IOException, FitsException {
        for (int index = first + 1; ; index++) {
            BasicHDU<?> hdu = fits.readHDU();
            if (hdu == null) {
                return;
            }
            if (hdu instanceof ImageHDU && hasData(hdu.getHeader())) {
                throw new IOException("gzip-compressed file with several images (HDU " + first + " and HDU " + index
                        + " at least): mosaics are split into extensions only from plain or tile-compressed FITS; "
                        + "gunzip it (or fpack it) first");
            }
        }
    }

    private static boolean hasData(Header h) {
        int naxis = h.getIntValue("NAXIS", 0);
        if (naxis == 0) {
            return false;
        }
        for (int a = 1; a <= naxis; a++) {
            if (h.getLongValue("NAXIS" + a, 0) == 0) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        Throwable c = e.getCause();
        if (c instanceof EOFException
                || (m != null && m.toLowerCase(java.util.Locale.ROOT).contains("eof"))) {
            return "truncated FITS file";
        }
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        m = m.lines().findFirst().orElse(m).trim();
        return m.startsWith("Not FITS") || m.contains("SIMPLE")
                ? "not a FITS file (" + m + ")"
                : "corrupt FITS file (" + m + ")";
    }

    private static FitsImage toImage(ImageHDU img, Header h, int index, Path file) throws IOException, FitsException {
        int naxis = h.getIntValue("NAXIS", 0);
        int bitpix = h.getIntValue("BITPIX", 0);
        if (naxis < 2) {
            throw new IOException("HDU " + index + " has NAXIS=" + naxis + ", need a 2-D image");
        }
        for (int a = 3; a <= naxis; a++) {
            if (h.getIntValue("NAXIS" + a, 0) != 1) {
                throw new IOException("HDU " + index + " is a " + naxis + "-D cube (NAXIS" + a + "="
                        + h.getIntValue("NAXIS" + a, 0) + "), need a 2-D image");
            }
        }
        long nx = h.getLongValue("NAXIS1", 0);
        long ny = h.getLongValue("NAXIS2", 0);
        if (nx < 1 || ny < 1) {
            throw new IOException("HDU " + index + " has an empty image (" + nx + "x" + ny + ")");
        }
        if (nx * ny > Integer.MAX_VALUE - 8) {
            throw new IOException("image " + nx + "x" + ny + " too large");
        }
        double bscale = h.getDoubleValue("BSCALE", 1.0);
        double bzero = h.getDoubleValue("BZERO", 0.0);
        boolean scaled = bscale != 1.0 || bzero != 0.0;
        boolean hasBlank = bitpix > 0 && h.containsKey("BLANK");
        long blank = hasBlank ? h.getLongValue("BLANK", 0) : 0;
        ImageData data = img.getData();
        int w = (int) nx;
        int hgt = (int) ny;
        java.nio.ByteBuffer raw = DirectPixels.read(file, data, nx * ny, bitpix);
        if (raw != null) {
            if (bitpix == -64) {
                double[] flat = DirectPixels.doubles(raw, w * hgt, scaled, bscale, bzero);
                return new FitsImage(hgt, w, flat, null, bitpix, scaled, index, h);
            }
            float[] f = DirectPixels.floats(raw, w * hgt);
            double[] flat = DirectPixels.widen(f, scaled, bscale, bzero);
            return new FitsImage(hgt, w, flat, scaled ? null : f, bitpix, scaled, index, h);
        }
        Object kernel;
        try {
            kernel = data.getData();
        } catch (RuntimeException e) {
            throw new IOException(describe(e));
        }
        if (kernel == null) {
            throw new IOException("truncated FITS file (image data missing)");
        }
        double[] flat = new double[w * hgt];
        float[] floats = null;
        switch (bitpix) {
            case 8 -> {
                byte[][] k = squeeze(kernel, byte[][].class, hgt);
                for (int y = 0; y < hgt; y++) {
                    for (int x = 0; x < w; x++) {
                        int v = k[y][x] & 0xFF; // FITS BITPIX 8 is unsigned
                        flat[y * w + x] = hasBlank && v == blank ? Double.NaN : v * bscale + bzero;
                    }
                }
            }
            case 16 -> {
                short[][] k = squeeze(kernel, short[][].class, hgt);
                for (int y = 0; y < hgt; y++) {
                    for (int x = 0; x < w; x++) {
                        short v = k[y][x];
                        flat[y * w + x] = hasBlank && v == blank ? Double.NaN : v * bscale + bzero;
                    }
                }
            }
            case 32 -> {
                int[][] k = squeeze(kernel, int[][].class, hgt);
                for (int y = 0; y < hgt; y++) {
                    for (int x = 0; x < w; x++) {
                        int v = k[y][x];
                        flat[y * w + x] = hasBlank && v == blank ? Double.NaN : v * bscale + bzero;
                    }
                }
            }
            case 64 -> {
                long[][] k = squeeze(kernel, long[][].class, hgt);
                for (int y = 0; y < hgt; y++) {
                    for (int x = 0; x < w; x++) {
                        long v = k[y][x];
                        flat[y * w + x] = hasBlank && v == blank ? Double.NaN : v * bscale + bzero;
                    }
                }
            }
            case -32 -> {
                float[][] k = squeeze(kernel, float[][].class, hgt);
                if (!scaled) {
                    floats = new float[w * hgt];
                }
                for (int y = 0; y < hgt; y++) {
                    for (int x = 0; x < w; x++) {
                        float v = k[y][x];
                        flat[y * w + x] = scaled ? v * bscale + bzero : v;
                        if (floats != null) {
                            floats[y * w + x] = v;
                        }
                    }
                }
            }
            case -64 -> {
                double[][] k = squeeze(kernel, double[][].class, hgt);
                for (int y = 0; y < hgt; y++) {
                    for (int x = 0; x < w; x++) {
                        flat[y * w + x] = scaled ? k[y][x] * bscale + bzero : k[y][x];
                    }
                }
            }
            default -> throw new IOException("HDU " + index + " has invalid BITPIX=" + bitpix);
        }
        return new FitsImage(hgt, w, flat, floats, bitpix, scaled, index, h);
    }

    /** Drops leading length-1 axes of a [1]...[1][ny][nx] kernel. */
    private static <T> T squeeze(Object kernel, Class<T> type, int ny) throws IOException {
        Object k = kernel;
        while (!type.isInstance(k)) {
            if (k instanceof Object[] arr && arr.length == 1) {
                k = arr[0];
            } else {
                throw new IOException(
                        "unexpected image data layout " + k.getClass().getSimpleName());
            }
        }
        T t = type.cast(k);
        if (java.lang.reflect.Array.getLength(t) != ny) {
            throw new IOException("truncated FITS file (image rows missing)");
        }
        return t;
    }

    /**
     * Writes an image atomically as an uncompressed primary HDU: float64 ({@code floats == null}) or float32.
     * Descriptive cards of {@code template} (may be null) are copied; each of {@code history} becomes a HISTORY card.
     */
    public static void write(
            Path target, int ny, int nx, double[] data, float[] floats, Header template, String... history) {
        AtomicFile.write(target, out -> out.write(encode(ny, nx, data, floats, template, history)));
    }

    /**
     * nom-tam-fits writes the current date into the SIMPLE card's comment; a fixed comment keeps output files the same
     * bytes on every run.
     */
    public static void reproducible(Header h) {
        HeaderCard simple = h.findCard("SIMPLE");
        if (simple != null) {
            simple.setComment("conforms to FITS standard");
        }
    }

    /** The bytes of such a FITS file. */
    public static byte[] encode(int ny, int nx, double[] data, float[] floats, Header template, String... history)
            throws IOException {
        try {
            Object kernel;
            if (floats != null) {
                float[][] f = new float[ny][nx];
                for (int y = 0; y < ny; y++) {
                    System.arraycopy(floats, y * nx, f[y], 0, nx);
                }
                kernel = f;
            } else {
                double[][] d = new double[ny][nx];
                for (int y = 0; y < ny; y++) {
                    System.arraycopy(data, y * nx, d[y], 0, nx);
                }
                kernel = d;
            }
            BasicHDU<?> hdu = Fits.makeHDU(kernel);
            Header h = hdu.getHeader();
            reproducible(h);
            if (template != null) {
                Cursor<String, HeaderCard> it = template.iterator();
                while (it.hasNext()) {
                    HeaderCard c = it.next();
                    String key = c.getKey();
                    if (key == null
                            || key.isEmpty()
                            || STRUCTURAL.contains(key)
                            || key.startsWith("NAXIS")
                            || key.startsWith("ZIMAGE")) {
                        continue;
                    }
                    h.addLine(c.copy());
                }
            }
            for (String line : history) {
                h.insertHistory(line);
            }
            ByteArrayOutputStream bytes =
                    new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, 8L * nx * ny + 8640));
            try (Fits f = new Fits();
                    FitsOutputStream out = new FitsOutputStream(bytes)) {
                f.addHDU(hdu);
                f.write(out);
            }
            return bytes.toByteArray();
        } catch (FitsException e) {
            throw new IOException("cannot encode FITS image: " + e.getMessage(), e);
        }
    }
}

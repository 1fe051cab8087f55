package org.orrery.io.fits;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import nom.tam.fits.Data;

/**
 * Float pixels (BITPIX −64 and −32) of a plain FITS file read straight from the file: one positioned read of the data
 * unit and one bulk big-endian conversion ({@code DoubleBuffer.get}/{@code FloatBuffer.get}, which copy the raw bits),
 * instead of nom-tam-fits' row-by-row decoding of a {@code [ny][nx]} array. The values are the same bits; what it saves
 * is CPU, above all each rank's JIT compiling nom-tam-fits' generic array decoder (one of the largest compilations of a
 * farm rank, docs/performance.md). Used only when nom-tam-fits deferred the data (a random-access file, not gzip) and
 * the file holds all of it; otherwise {@link #read} returns null and the caller decodes through nom-tam-fits, which
 * reports damaged files as before.
 */
final class DirectPixels {
    private DirectPixels() {}

    /**
     * The raw big-endian data unit of {@code data} in {@code file} ({@code n} pixels of BITPIX {@code bitpix}), or
     * null.
     */
    static ByteBuffer read(Path file, Data data, long n, int bitpix) throws IOException {
        if ((bitpix != -64 && bitpix != -32) || !data.isDeferred()) {
            return null;
        }
        long bytes = n * (Math.abs(bitpix) / 8);
        long at = data.getFileOffset();
        if (at < 0 || bytes > Integer.MAX_VALUE - 8) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() < at + bytes) {
                return null;
            }
            ByteBuffer b = ByteBuffer.allocate((int) bytes);
            while (b.hasRemaining()) {
                if (ch.read(b, at + b.position()) < 0) {
                    return null;
                }
            }
            return b.flip();
        }
    }

    /** float64 pixels, physical values stored·bscale + bzero when {@code scaled}. */
    static double[] doubles(ByteBuffer raw, int n, boolean scaled, double bscale, double bzero) {
        double[] flat = new double[n];
        raw.asDoubleBuffer().get(flat);
        if (scaled) {
            for (int i = 0; i < n; i++) {
                flat[i] = flat[i] * bscale + bzero;
            }
        }
        return flat;
    }

    /** float32 pixels as stored. */
    static float[] floats(ByteBuffer raw, int n) {
        float[] f = new float[n];
        raw.asFloatBuffer().get(f);
        return f;
    }

    /** The physical float64 values of float32 pixels: {@code v·bscale + bzero} when scaled, else v. */
    static double[] widen(float[] f, boolean scaled, double bscale, double bzero) {
        double[] flat = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            float v = f[i];
            flat[i] = scaled ? v * bscale + bzero : v;
        }
        return flat;
    }
}

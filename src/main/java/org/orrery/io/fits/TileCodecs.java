package org.orrery.io.fits;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import nom.tam.fits.compression.algorithm.hcompress.HDecompress;
import nom.tam.fits.compression.algorithm.plio.PLIOCompress;
import nom.tam.fits.compression.algorithm.rice.RiceCompressOption;
import nom.tam.fits.compression.algorithm.rice.RiceCompressor;

/**
 * The tile codecs of the FITS tiled-image convention (FITS 4.0 §10.4), one tile at a time, and the ONE place Orrery
 * touches nom-tam-fits' compression code.
 *
 * <p>nom-tam-fits 1.21.2 decodes whole compressed HDUs wrongly (reproduced on astropy-written fixtures in
 * {@code NomTamCompressionBugsTest}): lossless GZIP_2 floating-point images read as zeros; NO_DITHER quantised floats
 * come back off by up to half a quantisation step; dithered ones are rounded in single precision (one float ulp off for
 * a few pixels). Integer images (RICE_1, GZIP_2, HCOMPRESS_1, PLIO_1) it reads right, and its per-tile integer codecs
 * are right, so only those are used here — Rice (§10.4.1, {@link RiceCompressor}), H-compress (§10.4.4,
 * {@link HDecompress}) and PLIO (§10.4.3, {@link PLIOCompress}) — while table layout, GZIP (java.util.zip), the GZIP_2
 * byte shuffle, null pixels and de-quantisation with subtractive dithering are done by Orrery
 * ({@link TileDecompressor}, {@link DitherSequence}). The fixtures written by astropy decode to astropy's pixels bit
 * for bit ({@code TileDecompressorTest}).
 *
 * <p>All methods are pure functions of their arguments; thread-safe.
 */
final class TileCodecs {
    private TileCodecs() {}

    /** Rice-decodes {@code count} integers of {@code bytepix} bytes (1, 2 or 4). */
    static long[] riceDecode(byte[] in, int count, int blockSize, int bytepix) {
        RiceCompressOption opt =
                new RiceCompressOption().setBlockSize(blockSize).setBytePix(bytepix);
        ByteBuffer src = ByteBuffer.wrap(in);
        long[] out = new long[count];
        switch (bytepix) {
            case 1 -> {
                ByteBuffer b = ByteBuffer.allocate(count);
                new RiceCompressor.ByteRiceCompressor(opt).decompress(src, b);
                for (int i = 0; i < count; i++) {
                    out[i] = b.get(i);
                }
            }
            case 2 -> {
                ShortBuffer b = ShortBuffer.allocate(count);
                new RiceCompressor.ShortRiceCompressor(opt).decompress(src, b);
                for (int i = 0; i < count; i++) {
                    out[i] = b.get(i);
                }
            }
            case 4 -> {
                IntBuffer b = IntBuffer.allocate(count);
                new RiceCompressor.IntRiceCompressor(opt).decompress(src, b);
                for (int i = 0; i < count; i++) {
                    out[i] = b.get(i);
                }
            }
            default -> throw new IllegalArgumentException("RICE_1 BYTEPIX = " + bytepix);
        }
        return out;
    }

    /** Rice-encodes {@code count} integers of {@code bytepix} bytes (2 or 4) with block size 32. */
    static byte[] riceEncode(int[] values, int from, int count, int bytepix) {
        RiceCompressOption opt = new RiceCompressOption().setBlockSize(32).setBytePix(bytepix);
        ByteBuffer dst = ByteBuffer.allocate(count * bytepix * 2 + 64);
        if (bytepix == 2) {
            ShortBuffer b = ShortBuffer.allocate(count);
            for (int i = 0; i < count; i++) {
                b.put(i, (short) values[from + i]);
            }
            new RiceCompressor.ShortRiceCompressor(opt).compress(b, dst);
        } else if (bytepix == 4) {
            new RiceCompressor.IntRiceCompressor(opt)
                    .compress(IntBuffer.wrap(values, from, count).slice(), dst);
        } else {
            throw new IllegalArgumentException("RICE_1 output BYTEPIX = " + bytepix);
        }
        byte[] out = new byte[dst.position()];
        dst.flip().get(out);
        return out;
    }

    /** H-decompresses a tile of {@code count} pixels (the stream carries its own dimensions). */
    static long[] hdecompress(byte[] in, int count, boolean smooth) {
        // the stream starts with magic 0xDD 0x99 and the tile's ny, nx (big-endian int32): check
        // them before the decoder allocates anything from a damaged stream
        ByteBuffer head = ByteBuffer.wrap(in);
        if (in.length < 14
                || in[0] != (byte) 0xDD
                || in[1] != (byte) 0x99
                || (long) head.getInt(2) * head.getInt(6) != count) {
            throw new IllegalArgumentException("not an H-compress stream for a tile of " + count + " pixels");
        }
        long[] out = new long[count];
        new HDecompress().decompress(ByteBuffer.wrap(in), smooth, out);
        return out;
    }

    /** PLIO-decodes a tile of {@code count} non-negative integers. */
    static long[] plioDecode(byte[] in, int count) {
        IntBuffer b = IntBuffer.allocate(count);
        new PLIOCompress.IntPLIOCompressor().decompress(ByteBuffer.wrap(in), b);
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = b.get(i);
        }
        return out;
    }

    /** gunzip (GZIP_1); the caller checks the length. */
    static byte[] gunzip(byte[] in) throws IOException {
        try (GZIPInputStream z = new GZIPInputStream(new ByteArrayInputStream(in))) {
            return z.readAllBytes();
        }
    }

    /** gzip with the JDK's fixed header (no time stamp): the same bytes on every run. */
    static byte[] gzip(byte[] in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(in.length / 2 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(in);
        }
        return b.toByteArray();
    }

    /**
     * GZIP_2's byte shuffle undone: the stream holds the most significant byte of every element, then the next byte of
     * every element, …; returns the elements' big-endian bytes.
     */
    static byte[] unshuffle(byte[] in, int size) {
        int n = in.length / size;
        byte[] out = new byte[in.length];
        for (int k = 0; k < size; k++) {
            for (int i = 0; i < n; i++) {
                out[i * size + k] = in[k * n + i];
            }
        }
        return out;
    }

    /** GZIP_2's byte shuffle of big-endian elements of {@code size} bytes. */
    static byte[] shuffle(byte[] in, int size) {
        int n = in.length / size;
        byte[] out = new byte[in.length];
        for (int k = 0; k < size; k++) {
            for (int i = 0; i < n; i++) {
                out[k * n + i] = in[i * size + k];
            }
        }
        return out;
    }
}

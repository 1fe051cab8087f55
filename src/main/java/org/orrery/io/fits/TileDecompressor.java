package org.orrery.io.fits;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Locale;

/**
 * Decodes a tile-compressed image HDU (FITS 4.0 §10, the tiled-image convention) into physical float64 pixels, reading
 * one tile at a time from the file.
 *
 * <p>Layout: the BINTABLE has one row per tile; tiles of ZTILE1 × ZTILE2 pixels (default one image row) cover the image
 * x fastest, the last ones cut at the edges. Column COMPRESSED_DATA (a P or Q heap descriptor; PLIO_1 counts 16-bit
 * words) holds the tile's bytes; a tile that could not be quantised is in GZIP_COMPRESSED_DATA (gzip of raw big-endian
 * floats) and an uncompressed one in UNCOMPRESSED_DATA. Codecs: RICE_1 (ZVALs BLOCKSIZE, BYTEPIX), GZIP_1, GZIP_2
 * (byte-shuffled), HCOMPRESS_1 (SMOOTH), PLIO_1 ({@link TileCodecs}).
 *
 * <p>Floating-point images with a ZSCALE column (or keyword) are quantised: stored integer I becomes (I − r +
 * 0.5)·ZSCALE + ZZERO with subtractive dithering (r from {@link DitherSequence} for SUBTRACTIVE_DITHER_1 and _2;
 * ZDITHER0 absent means 1), I·ZSCALE + ZZERO without (NO_DITHER); SUBTRACTIVE_DITHER_2 stores exact zeros as
 * −2147483646; the null value (ZBLANK column or keyword, else −2147483647 as CFITSIO writes it) is NaN. Arithmetic in
 * double then rounded to float for ZBITPIX −32, as CFITSIO and astropy do. Otherwise floats are stored losslessly (GZIP
 * only). Integer images: stored values, ZBLANK/BLANK pixels NaN, then BSCALE/BZERO.
 */
final class TileDecompressor {
    private static final long NULL_VALUE = -2147483647L;
    private static final long ZERO_VALUE = -2147483646L;

    private TileDecompressor() {}

    /** One binary-table column: byte offset in the row, type code, and width. */
    private record Column(int offset, char type, int width, int elementBytes) {}

    static double[] decode(FileChannel ch, HduInfo hdu) throws IOException {
        FitsHeader h = hdu.header();
        int nx = hdu.nx();
        int ny = hdu.ny();
        int zbitpix = hdu.bitpix();
        int tile1 = h.getInt("ZTILE1", nx);
        int tile2 = h.getInt("ZTILE2", 1);
        if (tile1 < 1 || tile2 < 1) {
            throw new IllegalArgumentException("ZTILE1/ZTILE2 must be positive");
        }
        for (int a = 3; a <= h.getInt("ZNAXIS", 2); a++) {
            if (h.getInt("ZTILE" + a, 1) != 1) {
                throw new IllegalArgumentException("ZTILE" + a + " must be 1");
            }
        }
        String type = h.getString("ZCMPTYPE", "").toUpperCase(Locale.ROOT);
        int rowBytes = h.getInt("NAXIS1", 0);
        long rows = h.getLong("NAXIS2", 0);
        long ntx = ((long) nx + tile1 - 1) / tile1;
        long nty = ((long) ny + tile2 - 1) / tile2;
        if (rows != ntx * nty) {
            throw new IllegalArgumentException(rows + " table rows for " + ntx * nty + " tiles");
        }
        long theap = h.getLong("THEAP", (long) rowBytes * rows);
        Column data = column(h, "COMPRESSED_DATA");
        Column gzipData = column(h, "GZIP_COMPRESSED_DATA");
        Column rawData = column(h, "UNCOMPRESSED_DATA");
        Column zscale = column(h, "ZSCALE");
        Column zzero = column(h, "ZZERO");
        Column zblank = column(h, "ZBLANK");
        if (data == null) {
            throw new IllegalArgumentException("no COMPRESSED_DATA column");
        }
        boolean quantised = zbitpix < 0 && (zscale != null || h.contains("ZSCALE"));
        String zq = h.getString("ZQUANTIZ", "NO_DITHER").toUpperCase(Locale.ROOT);
        int dither = quantised
                ? switch (zq) {
                    case "SUBTRACTIVE_DITHER_1" -> 1;
                    case "SUBTRACTIVE_DITHER_2" -> 2;
                    case "NO_DITHER", "NONE" -> 0;
                    default -> throw new IllegalArgumentException("unknown ZQUANTIZ " + zq);
                }
                : 0;
        int zdither0 = h.getInt("ZDITHER0", 1);
        int blockSize = zval(h, "BLOCKSIZE", 32);
        int bytepix = zval(h, "BYTEPIX", 4);
        boolean smooth = zval(h, "SMOOTH", 0) != 0;
        long blankKey = h.getLong("ZBLANK", zbitpix < 0 ? NULL_VALUE : h.getLong("BLANK", Long.MIN_VALUE));
        boolean intNull = h.contains("ZBLANK") || h.contains("BLANK") || zblank != null;
        PixelScaling scaling = PixelScaling.of(h, "BSCALE", "BZERO", false, 0);
        int intBytes = zbitpix > 0 ? zbitpix / 8 : (quantised ? 4 : -zbitpix / 8);

        double[] out = new double[nx * ny];
        byte[] row = new byte[rowBytes];
        float[] r = new float[tile1 * tile2];
        long heapStart = hdu.dataStart() + theap;
        for (long t = 0; t < rows; t++) {
            MefReader.readFully(ch, ByteBuffer.wrap(row), hdu.dataStart() + t * rowBytes);
            ByteBuffer rb = ByteBuffer.wrap(row);
            int x0 = (int) (t % ntx) * tile1;
            int y0 = (int) (t / ntx) * tile2;
            int tw = Math.min(tile1, nx - x0);
            int th = Math.min(tile2, ny - y0);
            int count = tw * th;
            String where = "tile " + (t + 1);
            byte[] bytes = heap(ch, rb, data, heapStart, hdu);
            double[] tileValues = new double[count];
            if (bytes.length == 0 && (gzipData != null || rawData != null)) {
                boolean gz = gzipData != null && descriptorLength(rb, gzipData) > 0;
                byte[] raw = heap(ch, rb, gz ? gzipData : rawData, heapStart, hdu);
                byte[] be = gz ? TileCodecs.gunzip(raw) : raw;
                rawFloats(be, zbitpix, count, tileValues, where);
            } else if (!quantised && zbitpix < 0) {
                byte[] be =
                        switch (type) {
                            case "GZIP_1" -> TileCodecs.gunzip(bytes);
                            case "GZIP_2" -> TileCodecs.unshuffle(TileCodecs.gunzip(bytes), -zbitpix / 8);
                            default -> throw new IllegalArgumentException(type + " cannot hold unquantised floats");
                        };
                rawFloats(be, zbitpix, count, tileValues, where);
            } else {
                long[] ints = integers(type, bytes, count, intBytes, blockSize, bytepix, smooth, where);
                long nul = zblank != null ? rb.getInt(zblank.offset()) : blankKey;
                if (quantised) {
                    double scale = zscale != null ? rb.getDouble(zscale.offset()) : h.getDouble("ZSCALE", 1.0);
                    double zero = zzero != null ? rb.getDouble(zzero.offset()) : h.getDouble("ZZERO", 0.0);
                    if (dither > 0) {
                        DitherSequence.offsets(t + 1, zdither0, r, count);
                    }
                    for (int i = 0; i < count; i++) {
                        long v = ints[i];
                        double d;
                        if (v == nul) {
                            d = Double.NaN;
                        } else if (dither == 2 && v == ZERO_VALUE) {
                            d = 0.0;
                        } else if (dither > 0) {
                            d = ((double) v - r[i] + 0.5) * scale + zero;
                        } else {
                            d = v * scale + zero;
                        }
                        tileValues[i] = scaling.physical(zbitpix == -32 ? (double) (float) d : d);
                    }
                } else {
                    for (int i = 0; i < count; i++) {
                        long v = ints[i];
                        tileValues[i] =
                                intNull && v == nul ? Double.NaN : scaling.physical(zbitpix == 8 ? v & 0xFF : v);
                    }
                }
            }
            for (int y = 0; y < th; y++) {
                System.arraycopy(tileValues, y * tw, out, (y0 + y) * nx + x0, tw);
            }
        }
        return out;
    }

    private static long[] integers(
            String type,
            byte[] bytes,
            int count,
            int intBytes,
            int blockSize,
            int bytepix,
            boolean smooth,
            String where)
            throws IOException {
        long[] v =
                switch (type) {
                    case "RICE_1", "RICE_ONE" -> TileCodecs.riceDecode(bytes, count, blockSize, bytepix);
                    case "HCOMPRESS_1" -> TileCodecs.hdecompress(bytes, count, smooth);
                    case "PLIO_1" -> TileCodecs.plioDecode(bytes, count);
                    case "GZIP_1", "GZIP_2" -> {
                        byte[] raw = TileCodecs.gunzip(bytes);
                        if (type.equals("GZIP_2")) {
                            raw = TileCodecs.unshuffle(raw, intBytes);
                        }
                        yield bigEndianInts(raw, count, intBytes, where);
                    }
                    default -> throw new IllegalArgumentException("unsupported ZCMPTYPE '" + type + "'");
                };
        return v;
    }

    private static long[] bigEndianInts(byte[] raw, int count, int size, String where) {
        if (raw.length != (long) count * size) {
            throw new IllegalArgumentException(
                    where + " holds " + raw.length + " bytes, expected " + (long) count * size);
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = switch (size) {
                case 1 -> b.get();
                case 2 -> b.getShort();
                case 4 -> b.getInt();
                default -> b.getLong();
            };
        }
        return out;
    }

    private static void rawFloats(byte[] be, int zbitpix, int count, double[] out, String where) {
        int size = -zbitpix / 8;
        if (zbitpix > 0 || be.length != (long) count * size) {
            throw new IllegalArgumentException(
                    where + " holds " + be.length + " bytes, expected " + (long) count * size);
        }
        ByteBuffer b = ByteBuffer.wrap(be);
        for (int i = 0; i < count; i++) {
            out[i] = size == 4 ? b.getFloat() : b.getDouble();
        }
    }

    private static int descriptorLength(ByteBuffer row, Column c) {
        return c.type() == 'Q' ? (int) row.getLong(c.offset()) : row.getInt(c.offset());
    }

    private static byte[] heap(FileChannel ch, ByteBuffer row, Column c, long heapStart, HduInfo hdu)
            throws IOException {
        long n = (c.type() == 'Q' ? row.getLong(c.offset()) : row.getInt(c.offset()) & 0xFFFFFFFFL) * c.elementBytes();
        long off = c.type() == 'Q' ? row.getLong(c.offset() + 8) : row.getInt(c.offset() + 4) & 0xFFFFFFFFL;
        if (n < 0 || off < 0 || heapStart + off + n > hdu.dataStart() + hdu.dataBytes() || n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "heap descriptor (" + n + " bytes at " + off + ") outside the data unit");
        }
        byte[] b = new byte[(int) n];
        MefReader.readFully(ch, ByteBuffer.wrap(b), heapStart + off);
        return b;
    }

    private static int zval(FitsHeader h, String name, int fallback) {
        for (int i = 1; i < 100; i++) {
            String n = h.getString("ZNAME" + i, null);
            if (n == null) {
                return fallback;
            }
            if (n.trim().equalsIgnoreCase(name)) {
                return (int) h.getDouble("ZVAL" + i, fallback);
            }
        }
        return fallback;
    }

    /** The column named {@code name}, or null. Heap columns are P/Q descriptors of bytes. */
    private static Column column(FitsHeader h, String name) {
        int fields = h.getInt("TFIELDS", 0);
        int offset = 0;
        for (int i = 1; i <= fields; i++) {
            String form = h.getString("TFORM" + i, "").trim().toUpperCase(Locale.ROOT);
            int k = 0;
            while (k < form.length() && Character.isDigit(form.charAt(k))) {
                k++;
            }
            if (k == form.length()) {
                throw new IllegalArgumentException("bad TFORM" + i + " '" + form + "'");
            }
            int repeat = k == 0 ? 1 : Integer.parseInt(form.substring(0, k));
            char type = form.charAt(k);
            int width =
                    switch (type) {
                        case 'L', 'B', 'A' -> repeat;
                        case 'X' -> (repeat + 7) / 8;
                        case 'I' -> 2 * repeat;
                        case 'J', 'E' -> 4 * repeat;
                        case 'K', 'D', 'C', 'P' -> 8 * repeat;
                        case 'M', 'Q' -> 16 * repeat;
                        default -> throw new IllegalArgumentException("bad TFORM" + i + " '" + form + "'");
                    };
            if (name.equals(h.getString("TTYPE" + i, "").trim())) {
                int element = 1;
                if ((type == 'P' || type == 'Q') && k + 1 < form.length()) {
                    element = switch (form.charAt(k + 1)) {
                        case 'I' -> 2;
                        case 'J', 'E' -> 4;
                        case 'K', 'D' -> 8;
                        default -> 1;
                    };
                }
                return new Column(offset, type, width, element);
            }
            offset += width;
        }
        return null;
    }
}

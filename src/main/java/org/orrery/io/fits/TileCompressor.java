package org.orrery.io.fits;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Lossless tile compression of one image into a BINTABLE extension (FITS 4.0 §10), for {@link MefWriter}: one tile per
 * image row (ZTILE1 = NAXIS1, ZTILE2 = 1), one heap column COMPRESSED_DATA ({@code 1PB}). BITPIX 16 and 32 use RICE_1
 * (BLOCKSIZE 32, BYTEPIX 2 or 4, the FITS/fpack defaults); BITPIX 8, 64, −32 and −64 use GZIP_2 (big-endian values,
 * bytes shuffled by significance, gzip), with ZQUANTIZ = 'NONE' for floats (no ZSCALE column: lossless). The compressed
 * image is held in memory until written (at most the size of the raw image, plus the row table), since PCOUNT precedes
 * the data.
 */
final class TileCompressor {
    private TileCompressor() {}

    static void write(
            MefWriter w, FitsHeader template, int ny, int nx, double[] data, int bitpix, long zero, String... history)
            throws IOException {
        boolean rice = bitpix == 16 || bitpix == 32;
        int bytes = Math.abs(bitpix) / 8;
        ByteArrayOutputStream heap = new ByteArrayOutputStream();
        ByteBuffer table = ByteBuffer.allocate(8 * ny);
        int max = 0;
        int[] ints = rice ? new int[nx] : null;
        ByteBuffer raw = ByteBuffer.allocate(nx * bytes);
        for (int y = 0; y < ny; y++) {
            byte[] tile;
            raw.clear();
            for (int x = 0; x < nx; x++) {
                MefWriter.putValue(raw, bitpix, data[y * nx + x] - zero, y * nx + x);
            }
            if (rice) {
                ByteBuffer r = raw.flip();
                for (int x = 0; x < nx; x++) {
                    ints[x] = bitpix == 16 ? r.getShort() : r.getInt();
                }
                tile = TileCodecs.riceEncode(ints, 0, nx, bytes);
            } else {
                tile = TileCodecs.gzip(TileCodecs.shuffle(raw.array(), bytes));
            }
            table.putInt(tile.length).putInt(heap.size());
            heap.write(tile);
            max = Math.max(max, tile.length);
        }
        List<String> c = new ArrayList<>();
        c.add(FitsHeader.card("XTENSION", "BINTABLE", "binary table extension"));
        c.add(FitsHeader.card("BITPIX", 8, "array data type"));
        c.add(FitsHeader.card("NAXIS", 2, "number of array dimensions"));
        c.add(FitsHeader.card("NAXIS1", 8, "width of table in bytes"));
        c.add(FitsHeader.card("NAXIS2", ny, "number of rows in table"));
        c.add(FitsHeader.card("PCOUNT", heap.size(), "heap size"));
        c.add(FitsHeader.card("GCOUNT", 1, "number of groups"));
        c.add(FitsHeader.card("TFIELDS", 1, "number of fields in each row"));
        c.add(FitsHeader.card("TTYPE1", "COMPRESSED_DATA", "label for field 1"));
        c.add(FitsHeader.card("TFORM1", "1PB(" + max + ")", "variable length array"));
        c.add(FitsHeader.card("ZIMAGE", true, "extension contains compressed image"));
        c.add(FitsHeader.card("ZTENSION", "IMAGE", "image extension"));
        c.add(FitsHeader.card("ZBITPIX", bitpix, "data type of original image"));
        c.add(FitsHeader.card("ZNAXIS", 2, "dimension of original image"));
        c.add(FitsHeader.card("ZNAXIS1", nx, "length of original image axis"));
        c.add(FitsHeader.card("ZNAXIS2", ny, "length of original image axis"));
        c.add(FitsHeader.card("ZPCOUNT", 0, "number of parameters"));
        c.add(FitsHeader.card("ZGCOUNT", 1, "number of groups"));
        c.add(FitsHeader.card("ZTILE1", nx, "size of tiles to be compressed"));
        c.add(FitsHeader.card("ZTILE2", 1, "size of tiles to be compressed"));
        c.add(FitsHeader.card("ZCMPTYPE", rice ? "RICE_1" : "GZIP_2", "compression algorithm"));
        if (rice) {
            c.add(FitsHeader.card("ZNAME1", "BLOCKSIZE", "compression block size"));
            c.add(FitsHeader.card("ZVAL1", 32, "pixels per block"));
            c.add(FitsHeader.card("ZNAME2", "BYTEPIX", "bytes per pixel"));
            c.add(FitsHeader.card("ZVAL2", bytes, "bytes per pixel"));
        } else if (bitpix < 0) {
            c.add(FitsHeader.card("ZQUANTIZ", "NONE", "lossless: floats not quantised"));
        }
        if (zero != 0) {
            c.add(FitsHeader.card("BSCALE", 1, null));
            c.add(FitsHeader.card("BZERO", zero, "unsigned integers"));
        }
        w.writeExtensionHeader(c, template, history);
        w.writeData(table.array(), table.position());
        byte[] h = heap.toByteArray();
        w.writeData(h, h.length);
        w.pad((long) table.position() + h.length, (byte) 0);
    }
}

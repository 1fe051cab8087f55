package org.orrery.io.fits;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.orrery.model.UserError;

/**
 * Writes a multi-extension FITS file HDU by HDU to a stream (wrap it in {@code org.orrery.io.AtomicFile.write} for
 * all-or-nothing files), so a mosaic is never held in memory whole.
 *
 * <p>Each image HDU gets freshly generated structural cards followed by the descriptive cards of a template header (the
 * input HDU's, so EXTNAME, EXTVER, WCS, GAIN, … are kept; structural, scaling, checksum, table and tile-compression
 * keywords are dropped as they would be wrong), then HISTORY cards. Pixels are written as BITPIX 8/16/32 (values
 * rounded to the nearest integer and range-checked; NaN refused) or −32/−64, big-endian; unscaled, except that 16- and
 * 32-bit data in the unsigned range get BZERO = 2^(BITPIX−1) (the unsigned-integer convention).
 *
 * <p>With {@link Compression#LOSSLESS} every image goes into a tile-compressed BINTABLE extension (FITS 4.0 §10; tiles
 * = image rows as fpack makes them): integer images with RICE_1 (block 32), floating-point ones with lossless GZIP_2
 * (byte-shuffled gzip). A primary image then becomes an empty primary (keeping its descriptive cards) plus a compressed
 * extension 1, as fpack does. BITPIX 64 images stay uncompressed (astropy 5.2 cannot decompress 64-bit integer tiles).
 * astropy and funpack read these files back to the same pixels ({@code MefWriterTest}). Not thread-safe.
 */
public final class MefWriter {
    /** Output compression. */
    public enum Compression {
        /** Plain IMAGE HDUs. */
        NONE,
        /** RICE_1 for integer images, lossless GZIP_2 for floating-point images. */
        LOSSLESS
    }

    private static final Set<String> DROP = Set.of(
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
            "CHECKSUM",
            "DATASUM",
            "GROUPS",
            "TFIELDS",
            "THEAP",
            "END");
    private static final Pattern DROP_PATTERN = Pattern.compile(
            "NAXIS\\d+|T(TYPE|FORM|UNIT|DIM|NULL|SCAL|ZERO|DISP)\\d+|Z(IMAGE|BITPIX|NAXIS\\d*|TILE\\d+|CMPTYPE|"
                    + "NAME\\d+|VAL\\d+"
                    + "|QUANTIZ|DITHER0|SIMPLE|TENSION|EXTEND|BLOCKED|PCOUNT|GCOUNT|HECKSUM|DATASUM|BLANK|SCALE|ZERO|"
                    + "MASKCMP)");

    private final OutputStream out;
    private final Compression compression;
    private int hdus;

    public MefWriter(OutputStream out, Compression compression) {
        this.out = out;
        this.compression = compression;
    }

    /** Number of HDUs written so far. */
    public int count() {
        return hdus;
    }

    /** The descriptive cards of {@code template} (null: none) that an output HDU keeps. */
    public static List<String> keptCards(FitsHeader template) {
        List<String> kept = new ArrayList<>();
        if (template == null) {
            return kept;
        }
        for (String card : template.cards()) {
            String key = FitsHeader.key(card);
            if (DROP.contains(key) || DROP_PATTERN.matcher(key).matches()) {
                continue;
            }
            if (key.equals("EXTNAME") && template.getString("EXTNAME", "").equals("COMPRESSED_IMAGE")) {
                continue;
            }
            kept.add(card);
        }
        return kept;
    }

    /** An empty primary HDU (NAXIS = 0, EXTEND = T) with the descriptive cards of {@code template}. */
    public void writeEmptyPrimary(FitsHeader template, String... history) throws IOException {
        requireFirst(true);
        List<String> cards = new ArrayList<>(List.of(
                FitsHeader.card("SIMPLE", true, "conforms to FITS standard"),
                FitsHeader.card("BITPIX", 8, "array data type"),
                FitsHeader.card("NAXIS", 0, "number of array dimensions"),
                FitsHeader.card("EXTEND", true, null)));
        writeHeader(cards, template, history);
    }

    /**
     * An IMAGE extension without pixels (NAXIS = 0) with the descriptive cards of {@code template}: keeps an output's
     * HDU numbering when an input image could not be processed.
     */
    public void writeEmptyExtension(FitsHeader template, String... history) throws IOException {
        requireFirst(false);
        writeHeader(
                List.of(
                        FitsHeader.card("XTENSION", "IMAGE", "image extension"),
                        FitsHeader.card("BITPIX", 8, "array data type"),
                        FitsHeader.card("NAXIS", 0, "number of array dimensions"),
                        FitsHeader.card("PCOUNT", 0, "number of parameters"),
                        FitsHeader.card("GCOUNT", 1, "number of groups")),
                template,
                history);
    }

    /**
     * Writes an image: as the primary HDU if nothing has been written yet (with compression: an empty primary and then
     * a compressed extension), else as an extension.
     */
    public void writeImage(FitsHeader template, int ny, int nx, double[] data, int bitpix, String... history)
            throws IOException {
        if (!MefReader.validBitpix(bitpix)) {
            throw new IllegalArgumentException("BITPIX " + bitpix);
        }
        if (data.length != (long) nx * ny) {
            throw new IllegalArgumentException(data.length + " pixels for " + nx + "x" + ny);
        }
        long zero = unsignedZero(data, bitpix);
        if (compression == Compression.LOSSLESS && bitpix != 64) {
            if (hdus == 0) {
                writeEmptyPrimary(template);
            }
            TileCompressor.write(this, template, ny, nx, data, bitpix, zero, history);
            return;
        }
        List<String> cards = new ArrayList<>();
        cards.add(
                hdus == 0
                        ? FitsHeader.card("SIMPLE", true, "conforms to FITS standard")
                        : FitsHeader.card("XTENSION", "IMAGE", "image extension"));
        cards.add(FitsHeader.card("BITPIX", bitpix, "array data type"));
        cards.add(FitsHeader.card("NAXIS", 2, "number of array dimensions"));
        cards.add(FitsHeader.card("NAXIS1", nx, null));
        cards.add(FitsHeader.card("NAXIS2", ny, null));
        cards.add(
                hdus == 0
                        ? FitsHeader.card("EXTEND", true, null)
                        : FitsHeader.card("PCOUNT", 0, "number of parameters"));
        if (hdus > 0) {
            cards.add(FitsHeader.card("GCOUNT", 1, "number of groups"));
        }
        if (zero != 0) {
            cards.add(FitsHeader.card("BSCALE", 1, null));
            cards.add(FitsHeader.card("BZERO", zero, "unsigned integers"));
        }
        writeHeader(cards, template, history);
        int bytes = Math.abs(bitpix) / 8;
        ByteBuffer b = ByteBuffer.allocate(Math.max(bytes, (1 << 16) / bytes * bytes));
        for (int i = 0; i < data.length; i++) {
            putValue(b, bitpix, data[i] - zero, i);
            if (!b.hasRemaining()) {
                out.write(b.array(), 0, b.position());
                b.clear();
            }
        }
        out.write(b.array(), 0, b.position());
        pad((long) data.length * bytes, (byte) 0);
    }

    /** Copies HDU {@code hdu} of {@code reader} verbatim (header and data), e.g. a table. */
    public void copyRaw(MefReader reader, HduInfo hdu) throws IOException {
        requireFirst(hdu.index() == 0);
        writeCards(hdu.header().cards());
        byte[] buf = new byte[1 << 16];
        long done = 0;
        try (var ch = java.nio.channels.FileChannel.open(reader.file())) {
            while (done < hdu.dataBytes()) {
                int n = (int) Math.min(buf.length, hdu.dataBytes() - done);
                MefReader.readFully(ch, ByteBuffer.wrap(buf, 0, n), hdu.dataStart() + done);
                out.write(buf, 0, n);
                done += n;
            }
        }
        pad(hdu.dataBytes(), (byte) 0);
    }

    /**
     * BZERO for unsigned data: 2^(BITPIX−1) when an integer image's values fit the unsigned range [0, 2^BITPIX − 1] but
     * not the signed one (FITS 4.0 §5.3, e.g. uint16 CCD data), else 0.
     */
    static long unsignedZero(double[] data, int bitpix) {
        if (bitpix != 16 && bitpix != 32) {
            return 0;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : data) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double signedMax = bitpix == 16 ? Short.MAX_VALUE : Integer.MAX_VALUE;
        double unsignedMax = bitpix == 16 ? 65535 : 4294967295.0;
        return lo >= 0 && hi > signedMax + 0.5 && hi <= unsignedMax ? 1L << (bitpix - 1) : 0;
    }

    static void putValue(ByteBuffer b, int bitpix, double v, int index) {
        if (bitpix > 0) {
            if (Double.isNaN(v)) {
                throw new UserError(
                        "pixel " + index + " is NaN, which an integer image (BITPIX " + bitpix + ") cannot hold");
            }
            long r = Math.round(v);
            long lo = bitpix == 8
                    ? 0
                    : bitpix == 16 ? Short.MIN_VALUE : bitpix == 32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
            long hi = bitpix == 8
                    ? 255
                    : bitpix == 16 ? Short.MAX_VALUE : bitpix == 32 ? Integer.MAX_VALUE : Long.MAX_VALUE;
            if (r < lo || r > hi) {
                throw new UserError("pixel " + index + " = " + v + " does not fit BITPIX " + bitpix);
            }
            switch (bitpix) {
                case 8 -> b.put((byte) r);
                case 16 -> b.putShort((short) r);
                case 32 -> b.putInt((int) r);
                default -> b.putLong(r);
            }
        } else if (bitpix == -32) {
            b.putFloat((float) v);
        } else {
            b.putDouble(v);
        }
    }

    void writeExtensionHeader(List<String> structural, FitsHeader template, String... history) throws IOException {
        requireFirst(false);
        writeHeader(structural, template, history);
    }

    void writeData(byte[] bytes, int length) throws IOException {
        out.write(bytes, 0, length);
    }

    void pad(long written, byte fill) throws IOException {
        int rem = (int) (written % FitsHeader.BLOCK);
        if (rem != 0) {
            byte[] p = new byte[FitsHeader.BLOCK - rem];
            java.util.Arrays.fill(p, fill);
            out.write(p);
        }
    }

    private void requireFirst(boolean primary) {
        if (primary != (hdus == 0)) {
            throw new IllegalStateException(
                    primary ? "the primary HDU must come first" : "write the primary HDU first");
        }
    }

    private void writeHeader(List<String> structural, FitsHeader template, String... history) throws IOException {
        List<String> cards = new ArrayList<>(structural);
        cards.addAll(keptCards(template));
        for (String h : history) {
            for (int i = 0; i < Math.max(1, h.length()); i += 72) {
                cards.add("HISTORY " + h.substring(i, Math.min(h.length(), i + 72)));
            }
        }
        writeCards(cards);
    }

    private void writeCards(List<String> cards) throws IOException {
        StringBuilder sb = new StringBuilder(cards.size() * FitsHeader.CARD + FitsHeader.BLOCK);
        for (String c : cards) {
            sb.append(
                    c.length() >= FitsHeader.CARD
                            ? c.substring(0, FitsHeader.CARD)
                            : c + " ".repeat(FitsHeader.CARD - c.length()));
        }
        sb.append("END").append(" ".repeat(FitsHeader.CARD - 3));
        while (sb.length() % FitsHeader.BLOCK != 0) {
            sb.append(' ');
        }
        out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
        hdus++;
    }
}

package org.orrery.io.fits;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.orrery.model.UserError;

/**
 * A streaming reader of multi-extension FITS files (FITS 4.0 §3–§7): {@link #open} reads every header and skips every
 * data unit, so listing a 60-CCD mosaic touches a few hundred kilobytes; {@link #read} then reads one image's pixels at
 * a time. A caller holds at most the images it is working on, whatever the file size.
 *
 * <p>Image HDUs are the primary array when it has pixels, IMAGE extensions, and tile-compressed images (BINTABLE with
 * ZIMAGE = T, decoded by {@link TileDecompressor}). Images must be 2-D (extra axes of length 1 are allowed). A data
 * unit holds |BITPIX|/8 · GCOUNT · (PCOUNT + Π NAXISn) bytes, padded to 2880-byte blocks.
 *
 * <p>Damage stays local: an HDU whose header is readable but whose pixels are not (bad keywords, truncated data,
 * corrupt tiles) is listed with a {@link HduInfo#problem()}, and {@link #read} throws a {@link UserError} naming the
 * file and the HDU index; the HDUs before it — and those after it, whenever its size is known — stay readable. Only a
 * file whose first header is not FITS fails as a whole. A DATASUM card, when present, is verified before the pixels are
 * decoded. Not thread-safe: one reader per thread (positional reads on one channel).
 */
public final class MefReader implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final List<HduInfo> hdus;

    private MefReader(Path file, FileChannel channel, List<HduInfo> hdus) {
        this.file = file;
        this.channel = channel;
        this.hdus = hdus;
    }

    /**
     * Opens {@code file} and lists its HDUs. Throws {@link IOException} (missing, unreadable) or {@link UserError} (not
     * a FITS file) naming the file.
     */
    public static MefReader open(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, not a FITS file");
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new MefReader(file, ch, scan(file, ch));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /** Every HDU, in file order. */
    public List<HduInfo> hdus() {
        return hdus;
    }

    /** The image HDUs (plain and compressed, readable or with a problem), in file order. */
    public List<HduInfo> images() {
        return hdus.stream().filter(HduInfo::isImage).toList();
    }

    /**
     * The physical pixels of image HDU {@code hdu}; a {@link UserError} naming the file and HDU if they cannot be read.
     */
    public HduImage read(HduInfo hdu) throws IOException {
        String where = file + " " + hdu.label();
        if (!hdu.isImage()) {
            throw new UserError(where + ": not an image HDU");
        }
        if (hdu.problem() != null) {
            throw new UserError(where + ": " + hdu.problem());
        }
        try {
            verifyDatasum(hdu);
            double[] data =
                    hdu.kind() == HduInfo.Kind.COMPRESSED ? TileDecompressor.decode(channel, hdu) : readPlain(hdu);
            return new HduImage(hdu, hdu.ny(), hdu.nx(), data);
        } catch (UserError e) {
            throw e;
        } catch (RuntimeException | java.util.zip.ZipException | EOFException e) {
            // decoders of damaged bytes fail in many ways (bad descriptors, codec streams that end
            // early or overrun): all of them mean this HDU's data are corrupt, not a program error
            String m = e.getMessage() == null
                    ? e.getClass().getSimpleName()
                    : e.getMessage().lines().findFirst().orElse("");
            throw new UserError(where + ": corrupt image data (" + m + ")", e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static List<HduInfo> scan(Path file, FileChannel ch) throws IOException {
        List<HduInfo> out = new ArrayList<>();
        long size = ch.size();
        long pos = 0;
        for (int index = 0; pos < size; index++) {
            byte[] buf = new byte[FitsHeader.BLOCK];
            ByteArrayBuilder all = new ByteArrayBuilder();
            FitsHeader h = null;
            long at = pos;
            while (h == null && at + FitsHeader.BLOCK <= size) {
                readFully(ch, ByteBuffer.wrap(buf), at);
                at += FitsHeader.BLOCK;
                if (!printable(buf)) {
                    break;
                }
                all.add(buf);
                h = FitsHeader.parse(all.bytes(), all.length());
            }
            if (h == null || h.cards().isEmpty()) {
                if (index == 0) {
                    throw new UserError(file + ": not a FITS file");
                }
                out.add(broken(index, "unreadable header at byte " + pos + " (damaged or junk after the last HDU)"));
                break;
            }
            String first = FitsHeader.key(h.cards().get(0));
            if (!first.equals(index == 0 ? "SIMPLE" : "XTENSION")) {
                if (index == 0) {
                    throw new UserError(file + ": not a FITS file (first keyword " + first + ")");
                }
                out.add(broken(index, "no XTENSION card at byte " + pos + " (damaged or junk after the last HDU)"));
                break;
            }
            long dataBytes;
            try {
                dataBytes = dataBytes(h);
            } catch (IllegalArgumentException e) {
                out.add(new HduInfo(
                        index,
                        HduInfo.Kind.OTHER,
                        "",
                        1,
                        0,
                        0,
                        0,
                        at,
                        0,
                        h,
                        "bad header (" + e.getMessage() + "); later HDUs cannot be located"));
                break;
            }
            HduInfo info = describe(index, h, at, dataBytes);
            if (at + dataBytes > size) {
                out.add(withProblem(info, "truncated data (" + (size - at) + " of " + dataBytes + " bytes present)"));
                break;
            }
            out.add(info);
            pos = at + (dataBytes + FitsHeader.BLOCK - 1) / FitsHeader.BLOCK * FitsHeader.BLOCK;
        }
        return List.copyOf(out);
    }

    private static HduInfo broken(int index, String problem) {
        return new HduInfo(index, HduInfo.Kind.OTHER, "", 1, 0, 0, 0, 0, 0, new FitsHeader(List.of()), problem);
    }

    private static HduInfo withProblem(HduInfo i, String problem) {
        return new HduInfo(
                i.index(),
                i.kind(),
                i.extname(),
                i.extver(),
                i.bitpix(),
                i.nx(),
                i.ny(),
                i.dataStart(),
                i.dataBytes(),
                i.header(),
                i.problem() != null ? i.problem() : problem);
    }

    private static boolean printable(byte[] b) {
        for (byte c : b) {
            if (c < 32 || c > 126) {
                return false;
            }
        }
        return true;
    }

    static long dataBytes(FitsHeader h) {
        int naxis = h.getInt("NAXIS", 0);
        if (naxis < 0 || naxis > 999) {
            throw new IllegalArgumentException("NAXIS = " + naxis);
        }
        if (naxis == 0) {
            return 0;
        }
        long n = 1;
        for (int a = 1; a <= naxis; a++) {
            long len = h.getLong("NAXIS" + a, -1);
            if (len < 0) {
                throw new IllegalArgumentException("NAXIS" + a + " missing or negative");
            }
            n = Math.multiplyExact(n, len);
        }
        int bitpix = h.getInt("BITPIX", 0);
        if (!validBitpix(bitpix)) {
            throw new IllegalArgumentException("BITPIX = " + bitpix);
        }
        long pcount = h.getLong("PCOUNT", 0);
        long gcount = h.getLong("GCOUNT", 1);
        if (pcount < 0 || gcount < 0) {
            throw new IllegalArgumentException("negative PCOUNT or GCOUNT");
        }
        return Math.multiplyExact(Math.abs(bitpix) / 8L, Math.multiplyExact(gcount, Math.addExact(pcount, n)));
    }

    static boolean validBitpix(int b) {
        return b == 8 || b == 16 || b == 32 || b == 64 || b == -32 || b == -64;
    }

    private static HduInfo describe(int index, FitsHeader h, long dataStart, long dataBytes) {
        String extname = "";
        int extver = 1;
        try {
            extname = h.getString("EXTNAME", "");
            extver = h.getInt("EXTVER", 1);
            boolean compressed =
                    index > 0 && h.getString("XTENSION", "").equals("BINTABLE") && h.getBoolean("ZIMAGE", false);
            boolean image = index == 0 || h.getString("XTENSION", "").equals("IMAGE");
            if (compressed && extname.equals("COMPRESSED_IMAGE")) {
                extname = "";
            }
            if (!compressed && (!image || dataBytes == 0)) {
                return new HduInfo(index, HduInfo.Kind.OTHER, extname, extver, 0, 0, 0, dataStart, dataBytes, h, null);
            }
            String p = compressed ? "Z" : "";
            HduInfo.Kind kind = compressed ? HduInfo.Kind.COMPRESSED : HduInfo.Kind.IMAGE;
            int bitpix = h.getInt(p + "BITPIX", 0);
            int naxis = h.getInt(p + "NAXIS", 0);
            long nx = h.getLong(p + "NAXIS1", 0);
            long ny = naxis >= 2 ? h.getLong(p + "NAXIS2", 0) : 1;
            String problem = null;
            if (!validBitpix(bitpix)) {
                problem = "invalid " + p + "BITPIX = " + bitpix;
            } else if (naxis < 2) {
                problem = p + "NAXIS = " + naxis + ", need a 2-D image";
            } else if (nx < 1 || ny < 1 || nx * ny > Integer.MAX_VALUE - 8) {
                problem = "image size " + nx + "x" + ny + " not supported";
            }
            for (int a = 3; problem == null && a <= naxis; a++) {
                if (h.getLong(p + "NAXIS" + a, 0) != 1) {
                    problem = naxis + "-D cube (" + p + "NAXIS" + a + " = " + h.getLong(p + "NAXIS" + a, 0)
                            + "), need a 2-D image";
                }
            }
            return new HduInfo(
                    index,
                    kind,
                    extname,
                    extver,
                    bitpix,
                    (int) Math.min(nx, Integer.MAX_VALUE),
                    (int) Math.min(ny, Integer.MAX_VALUE),
                    dataStart,
                    dataBytes,
                    h,
                    problem);
        } catch (IllegalArgumentException e) {
            boolean img = index == 0 || h.cards().get(0).contains("'IMAGE") || h.contains("ZIMAGE");
            return new HduInfo(
                    index,
                    img ? HduInfo.Kind.IMAGE : HduInfo.Kind.OTHER,
                    extname,
                    extver,
                    0,
                    0,
                    0,
                    dataStart,
                    dataBytes,
                    h,
                    "bad header (" + e.getMessage() + ")");
        }
    }

    private double[] readPlain(HduInfo hdu) throws IOException {
        FitsHeader h = hdu.header();
        int bitpix = hdu.bitpix();
        int bytes = Math.abs(bitpix) / 8;
        int nx = hdu.nx();
        int ny = hdu.ny();
        PixelScaling scaling =
                PixelScaling.of(h, "BSCALE", "BZERO", bitpix > 0 && h.contains("BLANK"), h.getLong("BLANK", 0));
        double[] out = new double[nx * ny];
        int rowsPerChunk = Math.max(1, (1 << 20) / (nx * bytes));
        ByteBuffer buf = ByteBuffer.allocate(rowsPerChunk * nx * bytes);
        for (int y0 = 0; y0 < ny; y0 += rowsPerChunk) {
            int rows = Math.min(rowsPerChunk, ny - y0);
            buf.clear().limit(rows * nx * bytes);
            readFully(channel, buf, hdu.dataStart() + (long) y0 * nx * bytes);
            buf.flip();
            scaling.convert(buf, bitpix, out, y0 * nx, rows * nx);
        }
        return out;
    }

    /**
     * When the header has a DATASUM (fpack writes one; astropy with {@code checksum=True}), the data unit must have
     * that 32-bit ones'-complement sum of its big-endian words, padding included (FITS 4.0 Appendix J) — damaged data
     * are then caught even where a codec would decode them silently.
     */
    private void verifyDatasum(HduInfo hdu) throws IOException {
        String raw = hdu.header().getString("DATASUM", "").trim();
        if (raw.isEmpty()) {
            return;
        }
        long want;
        try {
            want = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("DATASUM '" + raw + "' is not a number");
        }
        long padded = (hdu.dataBytes() + FitsHeader.BLOCK - 1) / FitsHeader.BLOCK * FitsHeader.BLOCK;
        long available = Math.min(padded, channel.size() - hdu.dataStart());
        ByteBuffer b = ByteBuffer.allocate(1 << 20);
        long sum = 0;
        for (long at = 0; at < available; at += b.capacity()) {
            b.clear().limit((int) Math.min(b.capacity(), available - at));
            readFully(channel, b, hdu.dataStart() + at);
            b.flip();
            while (b.remaining() >= 4) {
                sum += b.getInt() & 0xFFFFFFFFL;
            }
            sum = (sum & 0xFFFFFFFFL) + (sum >>> 32);
        }
        while ((sum >>> 32) != 0) {
            sum = (sum & 0xFFFFFFFFL) + (sum >>> 32);
        }
        if (sum != want) {
            throw new IllegalArgumentException("data checksum " + sum + " differs from DATASUM " + want);
        }
    }

    static void readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        long p = at;
        while (b.hasRemaining()) {
            int n = ch.read(b, p);
            if (n < 0) {
                throw new EOFException("unexpected end of file at byte " + p);
            }
            p += n;
        }
    }

    /** A growable byte array for header blocks. */
    private static final class ByteArrayBuilder {
        private byte[] bytes = new byte[FitsHeader.BLOCK];
        private int length;

        void add(byte[] b) {
            if (length + b.length > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + b.length));
            }
            System.arraycopy(b, 0, bytes, length, b.length);
            length += b.length;
        }

        byte[] bytes() {
            return bytes;
        }

        int length() {
            return length;
        }
    }
}

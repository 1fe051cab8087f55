package org.orrery.io.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.orrery.model.UserError;

/**
 * Tells a text catalog from what is not one before it is parsed: a gzip, bzip2, xz, zip, FITS or NumPy file, or any
 * file with a NUL byte in its first 64 KiB, is refused with "not a text catalog" and what it looks like, rather than a
 * decoder's "Input length = 1".
 */
public final class TextFiles {
    private static final int PEEK = 1 << 16;

    private TextFiles() {}

    /**
     * Throws {@link UserError} naming {@code file} (as {@code what}) when it is not text. Missing files pass (the
     * reader says so).
     */
    public static void requireText(Path file, String what) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return;
        }
        byte[] b;
        try (InputStream in = Files.newInputStream(file)) {
            b = in.readNBytes(PEEK);
        } catch (IOException e) {
            return; // the reader reports the I/O problem in its own words
        }
        String kind = kind(b);
        if (kind != null) {
            throw new UserError(what + " " + file + " is not a text catalog (it is " + kind + ")");
        }
    }

    /** What the bytes look like when they are not text, or null. */
    static String kind(byte[] b) {
        if (starts(b, 0x1f, 0x8b)) {
            return "gzip-compressed: unpack it with gunzip first";
        }
        if (starts(b, 'B', 'Z', 'h')) {
            return "bzip2-compressed: unpack it with bunzip2 first";
        }
        if (starts(b, 0xfd, '7', 'z', 'X', 'Z')) {
            return "xz-compressed: unpack it with unxz first";
        }
        if (starts(b, 'P', 'K', 3, 4)) {
            return "a zip archive";
        }
        if (starts(b, 0x93, 'N', 'U', 'M', 'P', 'Y')) {
            return "a NumPy .npy file";
        }
        if (starts(b, 'S', 'I', 'M', 'P', 'L', 'E', ' ', ' ', '=')) {
            return "a FITS file: give it a .fits name";
        }
        for (byte x : b) {
            if (x == 0) {
                return "binary data";
            }
        }
        return null;
    }

    private static boolean starts(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** A decoding failure while reading text, in words. */
    public static String notText() {
        return "not a text catalog (bytes that are not UTF-8 text: binary or compressed data?)";
    }
}

package org.orrery.io.fits;

/**
 * One HDU of a FITS file as listed by {@link MefReader}, without its pixels.
 *
 * @param index HDU number in the file (0 = primary)
 * @param kind what the HDU holds
 * @param extname EXTNAME ("" when absent; astropy's default name "COMPRESSED_IMAGE" of an unnamed compressed image also
 *     counts as absent)
 * @param extver EXTVER (1 when absent, as astropy assumes)
 * @param bitpix BITPIX of the image (ZBITPIX for a compressed one), 0 for other HDUs
 * @param nx NAXIS1 of the image (ZNAXIS1), 0 for other HDUs
 * @param ny NAXIS2 of the image (ZNAXIS2), 0 for other HDUs
 * @param dataStart byte offset of the data unit in the file
 * @param dataBytes length of the data unit in bytes (without padding)
 * @param header the HDU's header cards as stored
 * @param problem null for a usable HDU, else one line saying what is wrong with it (its pixels cannot be read; the
 *     other HDUs are unaffected)
 */
public record HduInfo(
        int index,
        Kind kind,
        String extname,
        int extver,
        int bitpix,
        int nx,
        int ny,
        long dataStart,
        long dataBytes,
        FitsHeader header,
        String problem) {

    /** HDU contents. */
    public enum Kind {
        /** A primary array or IMAGE extension with pixels. */
        IMAGE,
        /** A tile-compressed image (BINTABLE with ZIMAGE = T). */
        COMPRESSED,
        /** No image pixels: an empty primary, a table, or an unreadable HDU. */
        OTHER
    }

    /** True for an image HDU (plain or compressed), whether or not it is readable. */
    public boolean isImage() {
        return kind != Kind.OTHER;
    }

    /** A short label: {@code HDU 3 (CCD,2)}. */
    public String label() {
        return "HDU " + index + (extname.isEmpty() ? "" : " (" + extname + "," + extver + ")");
    }
}

package org.orrery.io.fits;

import java.nio.ByteBuffer;

/**
 * Stored FITS values to physical values (FITS 4.0 §5.3): physical = stored·BSCALE + BZERO in float64; integer pixels
 * equal to BLANK (or ZBLANK for compressed images) become NaN; BITPIX 8 is unsigned. Floating-point values are scaled
 * too when BSCALE/BZERO are present (as astropy does), and their NaNs stay NaN.
 *
 * @param scale BSCALE (1 when absent)
 * @param zero BZERO (0 when absent)
 * @param hasBlank whether integer pixels equal to {@code blank} are undefined
 * @param blank the undefined-pixel value of integer images
 */
record PixelScaling(double scale, double zero, boolean hasBlank, long blank) {

    static PixelScaling of(FitsHeader h, String scaleKey, String zeroKey, boolean hasBlank, long blank) {
        return new PixelScaling(h.getDouble(scaleKey, 1.0), h.getDouble(zeroKey, 0.0), hasBlank, blank);
    }

    boolean identity() {
        return scale == 1.0 && zero == 0.0;
    }

    /** Physical value of integer {@code v}. */
    double physical(long v) {
        if (hasBlank && v == blank) {
            return Double.NaN;
        }
        return identity() ? v : v * scale + zero;
    }

    /** Physical value of floating-point {@code v}. */
    double physical(double v) {
        return identity() ? v : v * scale + zero;
    }

    /** Converts {@code count} big-endian values of {@code bitpix} from {@code b} into {@code out[from...]}. */
    void convert(ByteBuffer b, int bitpix, double[] out, int from, int count) {
        for (int i = 0; i < count; i++) {
            out[from + i] = switch (bitpix) {
                case 8 -> physical(b.get() & 0xFF);
                case 16 -> physical(b.getShort());
                case 32 -> physical(b.getInt());
                case 64 -> physical(b.getLong());
                case -32 -> physical(b.getFloat());
                case -64 -> physical(b.getDouble());
                default -> throw new IllegalArgumentException("BITPIX = " + bitpix);
            };
        }
    }
}

package org.orrery.io.fits;

import nom.tam.fits.Header;

/**
 * A 2-D FITS image as read by {@link FitsImages#read}: {@code ny} rows of {@code nx} pixels, row-major
 * ({@code data[y*nx + x]} is numpy's {@code d[y, x]}, FITS pixel (x+1, y+1)).
 *
 * <p>{@code data} holds physical values BSCALE·stored + BZERO as float64 (BLANK pixels of integer images become NaN).
 * {@code floatData} is non-null only for unscaled BITPIX −32 images: the stored float32 values, which NumPy/SciPy would
 * process in float32. {@code hdu} is the HDU index the image came from (0 = primary), {@code header} its header.
 */
public record FitsImage(
        int ny, int nx, double[] data, float[] floatData, int bitpix, boolean scaled, int hdu, Header header) {

    /** True when the image should be processed (and written) in float32, as NumPy would. */
    public boolean isFloat32() {
        return floatData != null;
    }

    public long pixels() {
        return (long) ny * nx;
    }
}

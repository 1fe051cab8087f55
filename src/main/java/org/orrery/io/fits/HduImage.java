package org.orrery.io.fits;

/**
 * The pixels of one image HDU read by {@link MefReader#read}: {@code ny} rows of {@code nx} physical values
 * (stored·BSCALE + BZERO; BLANK/ZBLANK pixels and NaN are NaN), row-major, {@code data[y*nx + x]} = numpy's {@code d[y,
 * x]}.
 *
 * @param hdu where the pixels came from (its header is {@code hdu.header()})
 * @param ny rows (NAXIS2 or ZNAXIS2)
 * @param nx columns (NAXIS1 or ZNAXIS1)
 * @param data physical pixel values
 */
public record HduImage(HduInfo hdu, int ny, int nx, double[] data) {}

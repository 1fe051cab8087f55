package org.orrery.physics.image;

import java.util.Locale;
import org.orrery.model.UserError;

/**
 * A set of synthetic test images, the same bits whoever makes image i: image i is drawn from its own stream
 * {@link RandomField#seedFor}(seed, i).
 *
 * <ul>
 *   <li>{@link Kind#field}: the teaching activity's smooth random fields ({@code generate_fake_data}: random phases,
 *       Gaussian spectrum of width max ρ / {@code widthDivisor}, inverse FFT), named {@code fake_<ny>x<nx>_<i>.fits} as
 *       in the notebook.
 *   <li>{@link Kind#uniform}: the textbook's small images, {@code np.random.rand(ny, nx) * scale}, named
 *       {@code image_<iii>.fits}.
 * </ul>
 *
 * @param count number of images (1 .. 10^6)
 * @param ny image height in pixels
 * @param nx image width in pixels (nx·ny at most 2·10^8)
 * @param seed base seed
 * @param widthDivisor fields: spectrum width = max ρ / widthDivisor (positive)
 * @param scale uniform images: U[0,1) × scale (finite)
 */
public record TestImageSet(Kind kind, int count, int ny, int nx, long seed, double widthDivisor, double scale) {

    /** What to generate (lower case: the names appear on the command line and in FITS headers). */
    public enum Kind {
        field,
        uniform
    }

    public TestImageSet {
        if (count < 1 || count > 1_000_000) {
            throw new UserError("the number of images must be between 1 and 1000000, got " + count);
        }
        if (nx < 1 || ny < 1 || (long) nx * ny > 200_000_000L) {
            throw new UserError("image size must be at least 1x1 and at most 2e8 pixels, got " + nx + "x" + ny);
        }
        if (!(widthDivisor > 0) || Double.isInfinite(widthDivisor)) {
            throw new UserError("the spectrum width divisor must be positive, got " + widthDivisor);
        }
        if (!Double.isFinite(scale)) {
            throw new UserError("the uniform images' scale must be finite, got " + scale);
        }
    }

    /** The notebook's activity: 25 fields 1000×1000 from the default seed. */
    public static TestImageSet activity() {
        return new TestImageSet(
                Kind.field, 25, 1000, 1000, RandomField.DEFAULT_SEED, RandomField.DEFAULT_WIDTH_DIVISOR, 1000);
    }

    /** The file name of image i. */
    public String fileName(int i) {
        return kind == Kind.field
                ? String.format(Locale.ROOT, "fake_%dx%d_%d.fits", ny, nx, i)
                : String.format(Locale.ROOT, "image_%03d.fits", i);
    }

    /** The stream seed of image i. */
    public long stream(int i) {
        return RandomField.seedFor(seed, i);
    }

    /** The pixels of image i, row-major {@code [y][x]} flattened. */
    public double[] pixels(int i) {
        return kind == Kind.field
                ? RandomField.generate(ny, nx, widthDivisor, stream(i))
                : RandomField.uniform(ny, nx, scale, stream(i));
    }

    /** How the pixels were made, for a FITS HISTORY card. */
    public String recipe() {
        return kind == Kind.field
                ? "Re(ifft2(exp(-rho^2/(max(rho)/" + widthDivisor + ")^2) exp(i phi))), phi ~ U[0,2pi)"
                : "U[0,1) * " + scale;
    }
}

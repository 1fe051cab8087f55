package org.orrery.apps.genimages;

import java.nio.file.Path;
import org.orrery.model.UserError;
import org.orrery.physics.image.TestImageSet;

/**
 * A validated gen-images run: which images ({@link #set()}), where, whether to rewrite existing files, and the summary
 * file (or null). One message per rule, naming the option. With {@code mosaic}: one multi-extension file of
 * {@code count} int16 CCDs of ny × nx ({@link #mosaicFile()}), tile-compressed when {@code compress}.
 */
public record GenImagesConfig(
        TestImageSet.Kind kind,
        int count,
        int ny,
        int nx,
        long seed,
        double widthDivisor,
        double scale,
        Path dir,
        boolean force,
        Path summary,
        boolean quiet,
        boolean mosaic,
        boolean compress) {

    /** A run of the teaching images (no mosaic). */
    public GenImagesConfig(
            TestImageSet.Kind kind,
            int count,
            int ny,
            int nx,
            long seed,
            double widthDivisor,
            double scale,
            Path dir,
            boolean force,
            Path summary,
            boolean quiet) {
        this(kind, count, ny, nx, seed, widthDivisor, scale, dir, force, summary, quiet, false, false);
    }

    public GenImagesConfig {
        if (count < 1 || count > 1_000_000) {
            throw new UserError("--count must be between 1 and 1000000, got " + count);
        }
        if (nx < 1 || ny < 1 || (long) nx * ny > 200_000_000L) {
            throw new UserError("image size must be at least 1x1 and at most 2e8 pixels, got " + nx + "x" + ny);
        }
        if (!(widthDivisor > 0) || Double.isInfinite(widthDivisor)) {
            throw new UserError("--width-divisor must be positive, got " + widthDivisor);
        }
        if (!Double.isFinite(scale)) {
            throw new UserError("--scale must be finite, got " + scale);
        }
        if (compress && !mosaic) {
            throw new UserError("--compress needs --mosaic (the teaching images are plain FITS)");
        }
        if (mosaic && count > 9999) {
            throw new UserError("--count must be at most 9999 CCDs with --mosaic, got " + count);
        }
    }

    /** The mosaic file: {@code DIR/mosaic_s<seed>.fits}, or {@code .fits.fz} when compressed. */
    public Path mosaicFile() {
        return dir.resolve("mosaic_s" + seed + (compress ? ".fits.fz" : ".fits"));
    }

    /** The images to make. */
    public TestImageSet set() {
        return new TestImageSet(kind, count, ny, nx, seed, widthDivisor, scale);
    }
}

package org.orrery.apps.farm;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orrery.io.fits.FitsHeader;
import org.orrery.io.fits.MefWriter;
import org.orrery.physics.image.Background2D;
import org.orrery.physics.image.MedianFilter;
import org.orrery.physics.image.NanStats;
import org.orrery.physics.image.SigmaClip;

/**
 * The survey operations on one image's physical pixels: {@code clipstats} (astropy {@code sigma_clipped_stats}: NaN/inf
 * ignored, ddof 0), {@code background} (photutils {@code Background2D}: non-finite pixels masked; global values are the
 * medians of the filtered meshes, photutils' {@code background_median} and {@code background_rms_median}) and, for
 * extension items, the high-pass image. Image results are kept with the BITPIX they will be written with
 * ({@link #outputBitpix}).
 */
final class FarmOps {
    private FarmOps() {}

    /** What the operations made of one image: table values and output images by tag (hp, bkgsub, bkg, rms). */
    record Measured(SurveyRow row, Map<String, double[]> images, int bitpix) {}

    /**
     * BITPIX of new image outputs: −32 for 8- and 16-bit integer and float32 inputs (float32 holds every such value and
     * their background-subtracted values to 6e-8 relative), −64 otherwise.
     */
    static int outputBitpix(int inputBitpix) {
        return inputBitpix == 8 || inputBitpix == 16 || inputBitpix == -32 ? -32 : -64;
    }

    /**
     * Runs the survey operations (and, when {@code highpass}, the median high-pass) on {@code data} (ny × nx).
     * {@code bkgOutput}: the name recorded for the background-subtracted output.
     */
    static Measured measure(
            FarmOptions o,
            double[] data,
            int ny,
            int nx,
            int bitpix,
            SurveyRow id,
            boolean highpass,
            String bkgOutput) {
        Map<String, double[]> images = new LinkedHashMap<>();
        double cm = Double.NaN;
        double cmed = Double.NaN;
        double cs = Double.NaN;
        long kept = -1;
        if (o.has(FarmOptions.Op.clipstats)) {
            SigmaClip.Stats s = o.survey().clip().stats(data, null, 0);
            cm = s.mean();
            cmed = s.median();
            cs = s.std();
            kept = s.kept();
        }
        double bm = Double.NaN;
        double br = Double.NaN;
        String bout = "";
        if (o.has(FarmOptions.Op.background)) {
            boolean[] mask = null;
            for (int i = 0; i < data.length; i++) {
                if (!Double.isFinite(data[i])) {
                    mask = mask == null ? new boolean[data.length] : mask;
                    mask[i] = true;
                }
            }
            Background2D.Result b =
                    Background2D.compute(data, mask, ny, nx, o.survey().bkg(), 1);
            bm = NanStats.median(b.mesh(), b.mesh().length, new double[b.mesh().length]);
            br = NanStats.median(b.rmsMesh(), b.rmsMesh().length, new double[b.rmsMesh().length]);
            images.put("bkgsub", b.subtract(data));
            if (o.survey().maps()) {
                images.put("bkg", b.background());
                images.put("rms", b.rms());
            }
            bout = bkgOutput;
        }
        if (highpass) {
            images.put("hp" + o.window(), MedianFilter.highPass(data, ny, nx, o.window()));
        }
        SurveyRow row = new SurveyRow(id.hduRow(), id.extname(), id.extver(), cm, cmed, cs, kept, bm, br, bout);
        return new Measured(row, images, outputBitpix(bitpix));
    }

    /** The HISTORY lines of an output image {@code tag}. */
    static String[] history(FarmOptions o, String tag, String input, String label) {
        List<String> h = new ArrayList<>();
        String what =
                switch (tag) {
                    case "bkgsub" -> "image - Background2D background";
                    case "bkg" -> "Background2D background map";
                    case "rms" -> "Background2D background rms map";
                    default -> "frame - median_filter(frame, size=" + o.window() + "), mode=reflect (scipy.ndimage)";
                };
        h.add("orrery farm: " + what);
        if (!tag.startsWith("hp")) {
            h.add("orrery farm:" + o.survey().describe(false, true));
        }
        h.add("orrery farm: input " + Path.of(input).getFileName() + " " + label);
        return h.toArray(new String[0]);
    }

    /** Writes one image as a single-HDU FITS file {@code target} (atomically: written beside it, then renamed). */
    static void writeSingle(
            Path target,
            FitsHeader template,
            int ny,
            int nx,
            double[] data,
            int bitpix,
            MefWriter.Compression compression,
            String... history)
            throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".part");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            MefWriter w = new MefWriter(out, compression);
            w.writeImage(template, ny, nx, data, bitpix, history);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
}

package org.orrery.apps.farm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.orrery.io.AtomicFile;
import org.orrery.io.fits.FitsHeader;
import org.orrery.io.fits.FitsImage;
import org.orrery.io.fits.FitsImages;
import org.orrery.io.fits.HduInfo;
import org.orrery.io.fits.MefReader;
import org.orrery.io.fits.MefWriter;
import org.orrery.model.UserError;
import org.orrery.physics.image.ImageStats;
import org.orrery.physics.image.MedianFilter;

/**
 * A whole single-image input (read by nom-tam-fits, {@link FitsImages}): statistics, brightest pixel, sigma-clipped
 * statistics and mesh background on the calling thread; the high-pass and background-subtracted outputs written (and
 * synced) on the writer thread while the next input is computed. The high-pass output without {@code --compress} is
 * encoded exactly as it always was, so the teaching activity's files keep their bytes; other outputs are written by
 * {@link MefWriter} with the input HDU's descriptive header cards.
 */
final class FarmSingle {
    private FarmSingle() {}

    static Future<FarmRecord> compute(
            FarmOptions options,
            ExecutorService writer,
            int rank,
            int index,
            String input,
            FitsImage img,
            double readSeconds,
            long t0)
            throws IOException {
        int nan = ImageStats.firstNaN(img.data());
        if (nan >= 0) {
            return FarmWorker.done(FarmRecord.failed(
                    index,
                    input,
                    "NaN pixel at x=" + nan % img.nx() + ", y=" + nan / img.nx()
                            + " (NaN or BLANK pixels have no median; mask or fill them first)",
                    FarmWorker.seconds(t0, readSeconds),
                    rank));
        }
        double mean = Double.NaN;
        double std = Double.NaN;
        double medLog = Double.NaN;
        int bx = -1;
        int by = -1;
        double bv = Double.NaN;
        String output = "";
        if (options.has(FarmOptions.Op.stats)) {
            ImageStats.Moments m = ImageStats.moments(img.data());
            mean = m.mean();
            std = m.std();
            medLog = ImageStats.medianLog10(img.data());
        }
        if (options.has(FarmOptions.Op.brightest)) {
            ImageStats.Brightest b = ImageStats.brightest(img.data(), img.ny(), img.nx());
            bx = b.x();
            by = b.y();
            bv = b.value();
        }
        SurveyRow extra = SurveyRow.NONE;
        Map<String, double[]> survey = Map.of();
        int surveyBitpix = 0;
        if (options.has(FarmOptions.Op.clipstats) || options.has(FarmOptions.Op.background)) {
            FarmOps.Measured m = FarmOps.measure(
                    options,
                    img.data(),
                    img.ny(),
                    img.nx(),
                    img.bitpix(),
                    SurveyRow.NONE,
                    false,
                    options.output(input, "bkgsub").toString());
            extra = m.row();
            survey = m.images();
            surveyBitpix = m.bitpix();
        }
        if (!options.writesImages()) {
            return FarmWorker.done(new FarmRecord(
                    index,
                    input,
                    true,
                    "",
                    img.nx(),
                    img.ny(),
                    img.bitpix(),
                    img.hdu(),
                    mean,
                    std,
                    medLog,
                    bx,
                    by,
                    bv,
                    output,
                    FarmWorker.seconds(t0, readSeconds),
                    rank,
                    extra));
        }
        byte[] bytes = null;
        double[] hpCompressed = null;
        Path out = null;
        if (options.has(FarmOptions.Op.highpass)) {
            int k = options.window();
            out = options.outputFor(input);
            String hist1 = "orrery farm: frame - median_filter(frame, size=" + k + "), mode=reflect (scipy.ndimage)";
            String hist2 = "orrery farm: input " + Path.of(input).getFileName() + " HDU " + img.hdu() + " BITPIX "
                    + img.bitpix() + (img.isFloat32() ? " (float32)" : " (float64 physical values)");
            if (img.isFloat32()) {
                float[] hp = MedianFilter.highPass(img.floatData(), img.ny(), img.nx(), k);
                if (options.survey().compress()) {
                    hpCompressed = new double[hp.length];
                    for (int i = 0; i < hp.length; i++) {
                        hpCompressed[i] = hp[i];
                    }
                } else {
                    bytes = FitsImages.encode(img.ny(), img.nx(), null, hp, img.header(), hist1, hist2);
                }
            } else {
                double[] hp = MedianFilter.highPass(img.data(), img.ny(), img.nx(), k);
                if (options.survey().compress()) {
                    hpCompressed = hp;
                } else {
                    bytes = FitsImages.encode(img.ny(), img.nx(), hp, null, img.header(), hist1, hist2);
                }
            }
            output = out.toString();
        }
        double computeSeconds = FarmWorker.seconds(t0, readSeconds);
        FarmRecord ok = new FarmRecord(
                index,
                input,
                true,
                "",
                img.nx(),
                img.ny(),
                img.bitpix(),
                img.hdu(),
                mean,
                std,
                medLog,
                bx,
                by,
                bv,
                output,
                computeSeconds,
                rank,
                extra);
        byte[] hpBytes = bytes;
        double[] hpImage = hpCompressed;
        Path hpOut = out;
        Map<String, double[]> surveyImages = survey;
        int sBitpix = surveyBitpix;
        return writer.submit(() -> {
            long w0 = FarmWorker.cpuNanos();
            try {
                if (hpBytes != null) {
                    AtomicFile.write(hpOut, o -> o.write(hpBytes));
                }
                if (hpImage != null || !surveyImages.isEmpty()) {
                    FitsHeader template = singleHeader(input, img.hdu());
                    if (hpImage != null) {
                        writeOne(
                                options,
                                hpOut,
                                template,
                                img,
                                hpImage,
                                img.isFloat32() ? -32 : -64,
                                "hp" + options.window(),
                                input);
                    }
                    for (Map.Entry<String, double[]> e : surveyImages.entrySet()) {
                        writeOne(
                                options,
                                options.output(input, e.getKey()),
                                template,
                                img,
                                e.getValue(),
                                sBitpix,
                                e.getKey(),
                                input);
                    }
                }
            } catch (UserError | OutOfMemoryError | IOException e) {
                return FarmRecord.failed(
                        index,
                        input,
                        e instanceof OutOfMemoryError ? "out of memory writing its output" : e.getMessage(),
                        computeSeconds + (FarmWorker.cpuNanos() - w0) * 1e-9,
                        rank);
            } catch (RuntimeException e) {
                return FarmRecord.failed(
                        index,
                        input,
                        "cannot write its output: " + e,
                        computeSeconds + (FarmWorker.cpuNanos() - w0) * 1e-9,
                        rank);
            }
            return ok.withSeconds(computeSeconds + (FarmWorker.cpuNanos() - w0) * 1e-9);
        });
    }

    /** The header of HDU {@code hdu} of a single-image input, for outputs written with {@link MefWriter}. */
    private static FitsHeader singleHeader(String input, int hdu) throws IOException {
        try (MefReader r = MefReader.open(Path.of(input))) {
            return r.hdus().stream()
                    .filter(h -> h.index() == hdu)
                    .findFirst()
                    .map(HduInfo::header)
                    .orElse(null);
        }
    }

    private static void writeOne(
            FarmOptions options,
            Path target,
            FitsHeader template,
            FitsImage img,
            double[] data,
            int bitpix,
            String tag,
            String input) {
        MefWriter.Compression c =
                options.survey().compress() ? MefWriter.Compression.LOSSLESS : MefWriter.Compression.NONE;
        AtomicFile.write(target, os -> new MefWriter(os, c)
                .writeImage(
                        template,
                        img.ny(),
                        img.nx(),
                        data,
                        bitpix,
                        FarmOps.history(options, tag, input, "HDU " + img.hdu())));
    }
}

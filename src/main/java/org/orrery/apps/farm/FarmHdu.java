package org.orrery.apps.farm;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.orrery.io.fits.HduImage;
import org.orrery.io.fits.HduInfo;
import org.orrery.io.fits.MefReader;
import org.orrery.io.fits.MefWriter;
import org.orrery.model.UserError;
import org.orrery.physics.image.ImageStats;

/**
 * One image extension of a multi-extension or tile-compressed input: reads only that HDU ({@link MefReader}: headers
 * listed, one image decoded), runs the operations, and leaves each output image as a part file
 * ({@link FarmMirror#part}) that {@link FarmMirror} assembles into the mirrored output files once every extension is
 * done. A damaged extension gives a failed record for that extension only.
 */
final class FarmHdu {
    private FarmHdu() {}

    /** Reads the pixels of {@code it}'s HDU. */
    static FarmWorker.Loaded load(FarmItems.Item it) {
        long t0 = FarmWorker.cpuNanos();
        try (MefReader r = MefReader.open(Path.of(it.input()))) {
            HduInfo h = r.hdus().stream()
                    .filter(x -> x.index() == it.hdu())
                    .findFirst()
                    .orElseThrow(() -> new UserError(
                            it.input() + ": HDU " + it.hdu() + " is gone (the file changed during the run)"));
            HduImage img = r.read(h);
            return new FarmWorker.Loaded(null, null, (FarmWorker.cpuNanos() - t0) * 1e-9, img);
        } catch (FileSystemException e) {
            return failedLoad(e.getReason() != null ? e.getReason() : e.getMessage(), t0);
        } catch (IOException | UserError e) {
            return failedLoad(e.getMessage(), t0);
        } catch (OutOfMemoryError e) {
            return failedLoad("out of memory reading it (give the JVM more heap)", t0);
        } catch (RuntimeException e) {
            return failedLoad("cannot read: " + e, t0);
        }
    }

    private static FarmWorker.Loaded failedLoad(String why, long t0) {
        return new FarmWorker.Loaded(null, why, (FarmWorker.cpuNanos() - t0) * 1e-9, null);
    }

    /**
     * The record of row {@code row} and, when it succeeded and has output images, the task that writes its parts (to
     * run on the writer thread; it returns the final record).
     */
    record Outcome(FarmRecord record, Callable<FarmRecord> write) {}

    static Outcome compute(
            FarmOptions o, int row, FarmItems.Item it, HduImage img, double readSeconds, long t0, int rank) {
        SurveyRow id = SurveyRow.of(true, img.hdu().extname(), img.hdu().extver());
        double[] data = img.data();
        boolean classic =
                o.has(FarmOptions.Op.highpass) || o.has(FarmOptions.Op.stats) || o.has(FarmOptions.Op.brightest);
        int nan = classic ? ImageStats.firstNaN(data) : -1;
        if (nan >= 0) {
            return new Outcome(
                    FarmRecord.failedHdu(
                            row,
                            it.input(),
                            it.hdu(),
                            id,
                            "NaN pixel at x=" + nan % img.nx() + ", y=" + nan / img.nx()
                                    + " (NaN or BLANK pixels have no median; mask or fill them first)",
                            secs(t0, readSeconds),
                            rank),
                    null);
        }
        double mean = Double.NaN;
        double std = Double.NaN;
        double medLog = Double.NaN;
        if (o.has(FarmOptions.Op.stats)) {
            ImageStats.Moments m = ImageStats.moments(data);
            mean = m.mean();
            std = m.std();
            medLog = ImageStats.medianLog10(data);
        }
        int bx = -1;
        int by = -1;
        double bv = Double.NaN;
        if (o.has(FarmOptions.Op.brightest)) {
            ImageStats.Brightest b = ImageStats.brightest(data, img.ny(), img.nx());
            bx = b.x();
            by = b.y();
            bv = b.value();
        }
        FarmOps.Measured m = FarmOps.measure(
                o,
                data,
                img.ny(),
                img.nx(),
                img.hdu().bitpix(),
                id,
                o.has(FarmOptions.Op.highpass),
                o.output(it.input(), "bkgsub").toString());
        String hp = o.has(FarmOptions.Op.highpass) ? o.outputFor(it.input()).toString() : "";
        FarmRecord rec = new FarmRecord(
                row,
                it.input(),
                true,
                "",
                img.nx(),
                img.ny(),
                img.hdu().bitpix(),
                it.hdu(),
                mean,
                std,
                medLog,
                bx,
                by,
                bv,
                hp,
                secs(t0, readSeconds),
                rank,
                m.row());
        if (m.images().isEmpty()) {
            return new Outcome(rec, null);
        }
        Callable<FarmRecord> write = () -> {
            long w0 = FarmWorker.cpuNanos();
            try {
                for (Map.Entry<String, double[]> e : m.images().entrySet()) {
                    FarmOps.writeSingle(
                            FarmMirror.part(o, it.input(), it.hdu(), e.getKey()),
                            null,
                            img.ny(),
                            img.nx(),
                            e.getValue(),
                            m.bitpix(),
                            MefWriter.Compression.NONE);
                }
                return rec.withSeconds(rec.seconds() + (FarmWorker.cpuNanos() - w0) * 1e-9);
            } catch (IOException | UserError | OutOfMemoryError e) {
                return rec.failing("cannot write its output: " + e.getMessage()).withSeconds(rec.seconds());
            }
        };
        return new Outcome(rec, write);
    }

    private static double secs(long t0, double extra) {
        return (FarmWorker.cpuNanos() - t0) * 1e-9 + extra;
    }
}

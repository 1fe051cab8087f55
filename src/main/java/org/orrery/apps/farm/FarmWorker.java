package org.orrery.apps.farm;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.orrery.io.AtomicFile;
import org.orrery.io.fits.FitsImage;
import org.orrery.io.fits.FitsImages;
import org.orrery.model.UserError;
import org.orrery.physics.image.ImageStats;
import org.orrery.physics.image.MedianFilter;
import org.orrery.sim.TaskFarm;

/**
 * Processes the farm's input files into {@link FarmRecord}s: the {@link TaskFarm.Worker} of the
 * farm, item i being {@code inputs.get(i)}. Never throws for a bad file: every failure
 * (missing, unreadable, not an image, NaN pixels, unwritable output, an unexpected exception or
 * running out of memory on this file) becomes a failed record with a one-line reason, so one bad
 * file cannot stop or stall the farm. Reading can run ahead on a background thread
 * ({@link #prefetch}) while the previous file is computed, and the high-pass output is written
 * and synced on a writer thread while the next file is computed ({@link #processAsync}).
 *
 * <p>A record's {@code seconds} is the CPU time spent on its file (reading on the reader thread
 * plus computing and writing on the calling thread): what one core would need for it, unaffected
 * by ranks sharing cores. Its sum over all files is the farm's serial-time estimate.
 */
public final class FarmWorker implements TaskFarm.Worker<FarmWorker.Loaded, FarmRecord>, AutoCloseable {
    private final FarmOptions options;
    private final int rank;
    private final List<String> inputs;
    private final ExecutorService reader;
    private final ExecutorService writer;

    /** A worker on {@code rank} for the input list {@code inputs}. */
    public FarmWorker(FarmOptions options, int rank, List<String> inputs) {
        this.options = options;
        this.rank = rank;
        this.inputs = List.copyOf(inputs);
        this.reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "farm-reader");
            t.setDaemon(true);
            return t;
        });
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "farm-writer");
            t.setDaemon(true);
            return t;
        });
    }

    /** A read started in the background: the image, or why it could not be read. */
    public record Loaded(FitsImage image, String error, double seconds) { }

    /** Starts reading input {@code item} on the reader thread. */
    @Override
    public Future<Loaded> prefetch(int item) {
        String input = inputs.get(item);
        return reader.submit(() -> load(input));
    }

    /** Processes input {@code item} once {@code loaded}; see {@link #processAsync}. */
    @Override
    public Future<FarmRecord> process(int item, Future<Loaded> loaded) {
        return processAsync(item, inputs.get(item), loaded);
    }

    /** CPU time of the calling thread in ns (wall time where the JVM cannot measure it). */
    static long cpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        return mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : System.nanoTime();
    }

    static Loaded load(String input) {
        long t0 = cpuNanos();
        try {
            FitsImage img = FitsImages.read(Path.of(input));
            return new Loaded(img, null, (cpuNanos() - t0) * 1e-9);
        } catch (FileSystemException e) {
            return new Loaded(null, e.getReason() != null ? e.getReason() : e.getMessage(), (cpuNanos() - t0) * 1e-9);
        } catch (IOException e) {
            return new Loaded(null, e.getMessage(), (cpuNanos() - t0) * 1e-9);
        } catch (OutOfMemoryError e) {
            return new Loaded(null, "out of memory reading it (give the JVM more heap)", (cpuNanos() - t0) * 1e-9);
        } catch (RuntimeException e) {
            return new Loaded(null, "cannot read: " + e, (cpuNanos() - t0) * 1e-9);
        }
    }

    /**
     * Processes input {@code index} whose read was started with {@link #prefetch}; the high-pass
     * output is written (and synced) on the writer thread, so the caller can compute the next file
     * meanwhile. The returned future never fails: write errors give a failed record.
     */
    Future<FarmRecord> processAsync(int index, String input, Future<Loaded> pending) {
        long t0 = cpuNanos();
        Loaded loaded;
        try {
            loaded = pending.get();
        } catch (ExecutionException e) {
            loaded = new Loaded(null, "cannot read: " + e.getCause(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            loaded = new Loaded(null, "interrupted while reading", 0);
        }
        double readSeconds = loaded.seconds();
        if (loaded.image() == null) {
            return done(FarmRecord.failed(index, input, loaded.error(), readSeconds + (cpuNanos() - t0) * 1e-9, rank));
        }
        try {
            return compute(index, input, loaded.image(), readSeconds, t0);
        } catch (OutOfMemoryError e) {
            return done(FarmRecord.failed(index, input, "out of memory processing a " + loaded.image().nx() + "x" + loaded.image().ny()
                    + " image (give the JVM more heap)", seconds(t0, readSeconds), rank));
        } catch (UserError e) {
            return done(FarmRecord.failed(index, input, e.getMessage(), seconds(t0, readSeconds), rank));
        } catch (IOException | RuntimeException e) {
            return done(FarmRecord.failed(index, input, "processing failed: " + e, seconds(t0, readSeconds), rank));
        }
    }


    private static Future<FarmRecord> done(FarmRecord r) {
        return CompletableFuture.completedFuture(r);
    }

    private static double seconds(long t0, double extra) {
        return (cpuNanos() - t0) * 1e-9 + extra;
    }

    private Future<FarmRecord> compute(int index, String input, FitsImage img, double readSeconds, long t0) throws IOException {
        int nan = ImageStats.firstNaN(img.data());
        if (nan >= 0) {
            return done(FarmRecord.failed(index, input, "NaN pixel at x=" + nan % img.nx() + ", y=" + nan / img.nx()
                    + " (NaN or BLANK pixels have no median; mask or fill them first)", seconds(t0, readSeconds), rank));
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
        if (!options.has(FarmOptions.Op.highpass)) {
            return done(new FarmRecord(index, input, true, "", img.nx(), img.ny(), img.bitpix(), img.hdu(), mean, std, medLog, bx, by,
                    bv, output, seconds(t0, readSeconds), rank));
        }
        int k = options.window();
        Path out = options.outputFor(input);
        String hist1 = "orrery farm: frame - median_filter(frame, size=" + k + "), mode=reflect (scipy.ndimage)";
        String hist2 = "orrery farm: input " + Path.of(input).getFileName() + " HDU " + img.hdu() + " BITPIX " + img.bitpix()
                + (img.isFloat32() ? " (float32)" : " (float64 physical values)");
        byte[] bytes;
        if (img.isFloat32()) {
            float[] hp = MedianFilter.highPass(img.floatData(), img.ny(), img.nx(), k);
            bytes = FitsImages.encode(img.ny(), img.nx(), null, hp, img.header(), hist1, hist2);
        } else {
            double[] hp = MedianFilter.highPass(img.data(), img.ny(), img.nx(), k);
            bytes = FitsImages.encode(img.ny(), img.nx(), hp, null, img.header(), hist1, hist2);
        }
        double computeSeconds = seconds(t0, readSeconds);
        FarmRecord ok = new FarmRecord(index, input, true, "", img.nx(), img.ny(), img.bitpix(), img.hdu(), mean, std, medLog, bx, by,
                bv, out.toString(), computeSeconds, rank);
        return writer.submit(() -> {
            long w0 = cpuNanos();
            try {
                AtomicFile.write(out, o -> o.write(bytes));
            } catch (UserError | OutOfMemoryError e) {
                return FarmRecord.failed(index, input, e instanceof UserError ? e.getMessage() : "out of memory writing " + out,
                        computeSeconds + (cpuNanos() - w0) * 1e-9, rank);
            } catch (RuntimeException e) {
                return FarmRecord.failed(index, input, "cannot write " + out + ": " + e, computeSeconds + (cpuNanos() - w0) * 1e-9, rank);
            }
            double s = computeSeconds + (cpuNanos() - w0) * 1e-9;
            return new FarmRecord(ok.index(), ok.input(), true, "", ok.nx(), ok.ny(), ok.bitpix(), ok.hdu(), ok.mean(), ok.std(),
                    ok.medianLog10(), ok.brightX(), ok.brightY(), ok.brightValue(), ok.output(), s, rank);
        });
    }

    @Override
    public void close() {
        reader.shutdownNow();
        writer.shutdown(); // lets a queued write finish; callers have awaited every record before closing
    }
}

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
import org.orrery.io.fits.FitsImage;
import org.orrery.io.fits.FitsImages;
import org.orrery.io.fits.HduImage;
import org.orrery.model.UserError;
import org.orrery.sim.TaskFarm;

/**
 * Processes the farm's input files into {@link FarmRecord}s: the {@link TaskFarm.Worker} of the farm, item i being
 * {@code inputs.get(i)}. Never throws for a bad file: every failure (missing, unreadable, not an image, NaN pixels,
 * unwritable output, an unexpected exception or running out of memory on this file) becomes a failed record with a
 * one-line reason, so one bad file cannot stop or stall the farm. Reading can run ahead on a background thread
 * ({@link #prefetch}) while the previous file is computed, and the high-pass output is written and synced on a writer
 * thread while the next file is computed ({@link #processAsync}).
 *
 * <p>A record's {@code seconds} is the CPU time spent on its file (reading on the reader thread plus computing and
 * writing on the calling thread): what one core would need for it, unaffected by ranks sharing cores. Its sum over all
 * files is the farm's serial-time estimate.
 */
public final class FarmWorker implements TaskFarm.Worker<FarmWorker.Loaded, FarmRecord>, AutoCloseable {
    private final FarmOptions options;
    private final int rank;
    private final List<FarmItems.Item> items;
    private final ExecutorService reader;
    private final ExecutorService writer;

    /** A worker on {@code rank} for the input list {@code inputs}, each a whole single-image file. */
    public FarmWorker(FarmOptions options, int rank, List<String> inputs) {
        this(options, FarmItems.whole(inputs), rank);
    }

    /** A worker on {@code rank} for {@code items} (item i = table row i). */
    public FarmWorker(FarmOptions options, List<FarmItems.Item> items, int rank) {
        this.options = options;
        this.rank = rank;
        this.items = List.copyOf(items);
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

    /**
     * A read started in the background: the image of a whole file ({@code image}) or of one extension
     * ({@code hduImage}), or why it could not be read.
     */
    public record Loaded(FitsImage image, String error, double seconds, HduImage hduImage) {
        public Loaded(FitsImage image, String error, double seconds) {
            this(image, error, seconds, null);
        }
    }

    /** Starts reading item {@code item} on the reader thread. */
    @Override
    public Future<Loaded> prefetch(int item) {
        FarmItems.Item it = items.get(item);
        return reader.submit(() -> it.wholeFile() ? load(it.input()) : FarmHdu.load(it));
    }

    /** Processes item {@code item} once {@code loaded}; see {@link #processAsync}. */
    @Override
    public Future<FarmRecord> process(int item, Future<Loaded> loaded) {
        FarmItems.Item it = items.get(item);
        return it.wholeFile() ? processAsync(item, it.input(), loaded) : processHdu(item, it, loaded);
    }

    private Future<FarmRecord> processHdu(int row, FarmItems.Item it, Future<Loaded> pending) {
        long t0 = cpuNanos();
        SurveyRow id = SurveyRow.of(true, it.extname(), it.extver());
        Loaded loaded;
        try {
            loaded = pending.get();
        } catch (ExecutionException e) {
            loaded = new Loaded(null, "cannot read: " + e.getCause(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            loaded = new Loaded(null, "interrupted while reading", 0);
        }
        if (loaded.hduImage() == null) {
            return done(FarmRecord.failedHdu(
                    row, it.input(), it.hdu(), id, loaded.error(), seconds(t0, loaded.seconds()), rank));
        }
        try {
            FarmHdu.Outcome o = FarmHdu.compute(options, row, it, loaded.hduImage(), loaded.seconds(), t0, rank);
            return o.write() == null ? done(o.record()) : writer.submit(o.write());
        } catch (OutOfMemoryError e) {
            return done(FarmRecord.failedHdu(
                    row,
                    it.input(),
                    it.hdu(),
                    id,
                    "out of memory processing a " + loaded.hduImage().nx() + "x"
                            + loaded.hduImage().ny() + " image (give the JVM more heap)",
                    seconds(t0, loaded.seconds()),
                    rank));
        } catch (RuntimeException e) {
            String why = e instanceof UserError ? e.getMessage() : "processing failed: " + e;
            return done(FarmRecord.failedHdu(row, it.input(), it.hdu(), id, why, seconds(t0, loaded.seconds()), rank));
        }
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
     * Processes input {@code index} whose read was started with {@link #prefetch}; the high-pass output is written (and
     * synced) on the writer thread, so the caller can compute the next file meanwhile. The returned future never fails:
     * write errors give a failed record.
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
            return FarmSingle.compute(options, writer, rank, index, input, loaded.image(), readSeconds, t0);
        } catch (OutOfMemoryError e) {
            return done(FarmRecord.failed(
                    index,
                    input,
                    "out of memory processing a " + loaded.image().nx() + "x"
                            + loaded.image().ny() + " image (give the JVM more heap)",
                    seconds(t0, readSeconds),
                    rank));
        } catch (UserError e) {
            return done(FarmRecord.failed(index, input, e.getMessage(), seconds(t0, readSeconds), rank));
        } catch (IOException | RuntimeException e) {
            return done(FarmRecord.failed(index, input, "processing failed: " + e, seconds(t0, readSeconds), rank));
        }
    }

    static Future<FarmRecord> done(FarmRecord r) {
        return CompletableFuture.completedFuture(r);
    }

    static double seconds(long t0, double extra) {
        return (cpuNanos() - t0) * 1e-9 + extra;
    }

    @Override
    public void close() {
        reader.shutdownNow();
        writer.shutdown(); // lets a queued write finish; callers have awaited every record before closing
    }
}

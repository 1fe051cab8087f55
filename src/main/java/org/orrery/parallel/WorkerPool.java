package org.orrery.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Threads inside one rank (the "OpenMP within a node" half of hybrid MPI + threads). Work over a half-open range is cut
 * into fixed chunks; each chunk writes only its own outputs, so results do not depend on the number of threads. With
 * one thread everything runs on the caller. Only the calling (MPI) thread communicates.
 */
public final class WorkerPool implements AutoCloseable {
    private final int threads;
    private final ExecutorService pool;

    /** A body over the sub-range [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to) throws Exception;
    }

    public WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1
                ? null
                : Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "orrery-worker");
                    t.setDaemon(true);
                    return t;
                });
    }

    public int threads() {
        return threads;
    }

    /**
     * Runs {@code body} over [from, to) in chunks of {@code grain} items (the last may be shorter), spread over the
     * threads; returns when all are done. The first failure is rethrown.
     */
    public void forRange(int from, int to, int grain, RangeBody body) {
        if (to <= from) {
            return;
        }
        if (pool == null) {
            call(body, from, to);
            return;
        }
        List<Future<?>> fs = new ArrayList<>();
        for (int a = from; a < to; a += grain) {
            final int lo = a;
            final int hi = Math.min(to, a + grain);
            fs.add(pool.submit(() -> {
                call(body, lo, hi);
                return null;
            }));
        }
        for (Future<?> f : fs) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                if (c instanceof Error er) {
                    throw er;
                }
                throw new IllegalStateException(c);
            }
        }
    }

    private static void call(RangeBody body, int lo, int hi) {
        try {
            body.run(lo, hi);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A grain giving each thread about {@code perThread} chunks of [from, to), rounded up to {@code align}. */
    public int grain(int from, int to, int perThread, int align) {
        int n = Math.max(1, to - from);
        int g = (int) Math.ceil((double) n / (threads * perThread));
        return Math.max(align, (g + align - 1) / align * align);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}

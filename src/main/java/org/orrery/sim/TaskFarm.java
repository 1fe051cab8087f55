package org.orrery.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.orrery.parallel.BlockDecomposition;
import org.orrery.parallel.Comm;

/**
 * Hands work items (ints, e.g. indices into an input list) to ranks and brings every result record back to rank 0; the
 * image farm's engine. Only items and small records cross MPI: a {@link Worker} loads and processes its own inputs (the
 * farm's pixels never travel).
 *
 * <ul>
 *   <li><b>static</b>: rank r takes the r-th block of the list ({@link BlockDecomposition}); records are gathered to
 *       rank 0 at the end (counts first, then payload).
 *   <li><b>dynamic</b> (self-scheduling, like {@code imap_unordered}): workers send READY and get WORK (the next index)
 *       or STOP from rank 0; each worker asks for its next item as soon as it starts one, so its reader thread can load
 *       the next file while it computes (one item of look-ahead per rank); its writer thread writes each output while
 *       the next file is computed. Near the end (fewer items left than workers) a look-ahead request gets LATER: the
 *       worker asks again when it has finished its item, so the last items go to whichever workers are free first
 *       rather than queueing behind another worker's current item ({@link Dispenser}). Results return as small RESULT
 *       messages. Rank 0's main thread coordinates by polling ({@code iprobe}, then a 1 ms sleep) rather than spinning
 *       in a blocking receive, so it costs almost no CPU, and a second thread on rank 0 works on items from the same
 *       queue: np ranks give np workers, which matters at np = 2 on a 2-core machine. With np = 1 the single rank
 *       simply works through the list.
 * </ul>
 *
 * Either way each item is processed by exactly one rank and, when the worker's record does not depend on which, the
 * assembled results are the same at any np and scheduling.
 */
public final class TaskFarm {
    private TaskFarm() {}

    /**
     * Processes items, reading one ahead: {@link #prefetch} starts loading an item in the background, {@link #process}
     * computes it once loaded and may finish (e.g. write its output) in the background. Neither may fail for a bad
     * item: a failure is part of the record.
     *
     * @param <L> what loading an item gives
     * @param <R> the result record of an item
     */
    public interface Worker<L, R> {
        Future<L> prefetch(int item);

        Future<R> process(int item, Future<L> loaded);
    }

    /** Result records as bytes for MPI messages (a list, count first). */
    public interface Codec<R> {
        byte[] encode(List<R> records);

        List<R> decode(byte[] bytes, int off, int len);
    }

    /** The record of a {@link Worker#process} future (which never completes exceptionally). */
    public static <R> R await(Future<R> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an item to finish", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("item processing failed: " + e.getCause(), e.getCause());
        }
    }

    /** How work is handed out. */
    public enum Mode {
        STATIC,
        DYNAMIC
    }

    static final int TAG_READY = 4101;
    static final int TAG_WORK = 4102;
    static final int TAG_RESULT = 4103;
    static final int TAG_STOP = 4104;
    static final int TAG_LATER = 4105;

    /** What {@link Dispenser#take} returns when a look-ahead is refused: ask again when idle. */
    static final int LATER = -2;

    private static final byte[] AHEAD = {1};
    private static final byte[] IDLE = {0};

    /** Where a worker's next item comes from: an item, −1 (none left) or {@link #LATER}. */
    @FunctionalInterface
    interface Next {
        /** The next item; {@code ahead}: asked while the worker still computes its current item. */
        int take(boolean ahead);
    }

    /**
     * The dynamic farm's shared queue: items in order, none once {@code stop} holds, and a look-ahead only while at
     * least as many items remain as there are workers (else {@link #LATER}), so that the last items go to whichever
     * workers are free first (a look-ahead handed out before that can still wait behind a slow item).
     */
    static final class Dispenser implements Next {
        private final int[] items;
        private final int workers;
        private final BooleanSupplier stop;
        private int cursor;

        Dispenser(int[] items, int workers, BooleanSupplier stop) {
            this.items = items.clone();
            this.workers = workers;
            this.stop = stop;
        }

        @Override
        public synchronized int take(boolean ahead) {
            if (cursor >= items.length || stop.getAsBoolean()) {
                return -1;
            }
            if (ahead && items.length - cursor < workers) {
                return LATER;
            }
            return items[cursor++];
        }
    }

    /**
     * collective: processes {@code workItems} (each ≥ 0) on all ranks. Returns the records on rank 0 (in completion
     * order) and an empty list elsewhere. {@code progress} is called on rank 0's main thread for each record it learns
     * of as it arrives.
     */
    public static <L, R> List<R> run(
            Comm comm, Mode mode, int[] workItems, Worker<L, R> worker, Codec<R> codec, Consumer<R> progress)
            throws InterruptedException {
        return run(comm, mode, workItems, worker, codec, progress, () -> false);
    }

    /**
     * collective: as {@link #run(Comm, Mode, int[], Worker, Codec, Consumer)}, but once {@code stop} is true (a
     * preemption request: rank 0's answer in dynamic mode, each rank's own in static mode) no further item is handed
     * out; items already started, and the one read ahead, finish and their records are returned. The caller compares
     * the count with the items it asked for.
     */
    public static <L, R> List<R> run(
            Comm comm,
            Mode mode,
            int[] workItems,
            Worker<L, R> worker,
            Codec<R> codec,
            Consumer<R> progress,
            BooleanSupplier stop)
            throws InterruptedException {
        if (comm.size() == 1) {
            List<R> all = new ArrayList<>();
            int[] next = {0};
            localLoop(
                    ahead -> next[0] < workItems.length && !stop.getAsBoolean() ? workItems[next[0]++] : -1,
                    worker,
                    r -> {
                        all.add(r);
                        progress.accept(r);
                    });
            return all;
        }
        return mode == Mode.STATIC
                ? runStatic(comm, workItems, worker, codec, progress, stop)
                : runDynamic(comm, workItems, worker, codec, progress, stop);
    }

    /** Works through items from {@code next} (−1 = none left), reading one item ahead when {@code next} allows. */
    static <L, R> void localLoop(Next next, Worker<L, R> worker, Consumer<R> sink) {
        int cur = next.take(false);
        Future<L> load = cur >= 0 ? worker.prefetch(cur) : null;
        Future<R> writing = null; // the previous item's record, done when its output is written
        while (cur >= 0) {
            int nxt = next.take(true);
            Future<L> nextLoad = nxt >= 0 ? worker.prefetch(nxt) : null;
            Future<R> rec = worker.process(cur, load);
            if (nxt == LATER) {
                nxt = next.take(false);
                nextLoad = nxt >= 0 ? worker.prefetch(nxt) : null;
            }
            if (writing != null) {
                sink.accept(await(writing));
            }
            writing = rec;
            cur = nxt;
            load = nextLoad;
        }
        if (writing != null) {
            sink.accept(await(writing));
        }
    }

    private static <L, R> List<R> runStatic(
            Comm comm,
            int[] workItems,
            Worker<L, R> worker,
            Codec<R> codec,
            Consumer<R> progress,
            BooleanSupplier stop) {
        BlockDecomposition bd = new BlockDecomposition(workItems.length, comm.size());
        int from = (int) bd.start(comm.rank());
        int to = (int) bd.end(comm.rank());
        List<R> mine = new ArrayList<>();
        int[] next = {from};
        boolean root = comm.rank() == 0;
        localLoop(ahead -> next[0] < to && !stop.getAsBoolean() ? workItems[next[0]++] : -1, worker, r -> {
            mine.add(r);
            if (root) {
                progress.accept(r);
            }
        });
        Comm.Gathered<byte[]> g = comm.gatherVariable(codec.encode(mine), 0); // collective
        byte[] all = g.data();
        int[] lens = g.counts();
        int[] displs = g.displs();
        List<R> out = new ArrayList<>();
        if (root) {
            for (int r = 0; r < lens.length; r++) {
                List<R> recs = codec.decode(all, displs[r], lens[r]);
                if (r > 0) {
                    recs.forEach(progress);
                }
                out.addAll(recs);
            }
        }
        return out;
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static int bytesInt(byte[] b) {
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }

    private static <L, R> List<R> runDynamic(
            Comm comm, int[] workItems, Worker<L, R> worker, Codec<R> codec, Consumer<R> progress, BooleanSupplier stop)
            throws InterruptedException {
        if (comm.rank() != 0) {
            workerLoop(comm, worker, codec);
            return List.of();
        }
        // The queue both the remote workers and rank 0's own compute thread draw from.
        Dispenser dispenser = new Dispenser(workItems, comm.size(), stop);
        List<R> all = new ArrayList<>();
        ConcurrentLinkedQueue<R> local = new ConcurrentLinkedQueue<>();
        AtomicReference<Throwable> localFailure = new AtomicReference<>();
        Thread computer = new Thread(
                () -> {
                    try {
                        localLoop(dispenser, worker, local::add);
                    } catch (Throwable t) {
                        localFailure.set(t);
                    }
                },
                "farm-rank0-worker");
        computer.setDaemon(true);
        computer.start();

        int workers = comm.size() - 1;
        int stopsSent = 0;
        int outstanding = 0;
        byte[] one = {1};
        while (stopsSent < workers || outstanding > 0) {
            Comm.Received m = comm.iprobeBytes(Comm.ANY_SOURCE, Comm.ANY_TAG);
            if (m == null) {
                drain(local, all, progress);
                LockSupport.parkNanos(1_000_000L);
                continue;
            }
            byte[] buf = new byte[Math.max(1, m.count())];
            comm.recv(buf, m.source(), m.tag());
            if (m.tag() == TAG_READY) {
                int idx = dispenser.take(buf[0] == AHEAD[0]);
                if (idx >= 0) {
                    comm.send(intBytes(idx), 4, m.source(), TAG_WORK);
                    outstanding++;
                } else if (idx == LATER) {
                    comm.send(one, 1, m.source(), TAG_LATER);
                } else {
                    comm.send(one, 1, m.source(), TAG_STOP);
                    stopsSent++;
                }
            } else if (m.tag() == TAG_RESULT) {
                for (R r : codec.decode(buf, 0, m.count())) {
                    all.add(r);
                    progress.accept(r);
                }
                outstanding--;
            } else {
                throw new IllegalStateException(
                        "task farm coordinator: unexpected message tag " + m.tag() + " from rank " + m.source());
            }
        }
        while (computer.isAlive()) {
            computer.join(50);
            drain(local, all, progress);
        }
        drain(local, all, progress);
        if (localFailure.get() != null) {
            throw new IllegalStateException("rank 0 worker failed: " + localFailure.get(), localFailure.get());
        }
        return all;
    }

    private static <R> void drain(ConcurrentLinkedQueue<R> local, List<R> all, Consumer<R> progress) {
        R r;
        while ((r = local.poll()) != null) {
            all.add(r);
            progress.accept(r);
        }
    }

    /**
     * A worker rank: ask, receive, ask for the next (so it can be read ahead; near the end: when idle), compute,
     * return.
     */
    private static <L, R> void workerLoop(Comm comm, Worker<L, R> worker, Codec<R> codec) {
        comm.send(IDLE, 1, 0, TAG_READY);
        int cur = receiveAssignment(comm);
        Future<L> load = cur >= 0 ? worker.prefetch(cur) : null;
        Future<R> writing = null;
        while (cur >= 0) {
            comm.send(AHEAD, 1, 0, TAG_READY);
            int nxt = receiveAssignment(comm);
            Future<L> nextLoad = nxt >= 0 ? worker.prefetch(nxt) : null;
            Future<R> rec = worker.process(cur, load);
            if (nxt == LATER) {
                comm.send(IDLE, 1, 0, TAG_READY);
                nxt = receiveAssignment(comm);
                nextLoad = nxt >= 0 ? worker.prefetch(nxt) : null;
            }
            if (writing != null) {
                sendResult(comm, codec, await(writing));
            }
            writing = rec;
            cur = nxt;
            load = nextLoad;
        }
        if (writing != null) {
            sendResult(comm, codec, await(writing));
        }
    }

    private static <R> void sendResult(Comm comm, Codec<R> codec, R r) {
        byte[] payload = codec.encode(List.of(r));
        comm.send(payload, payload.length, 0, TAG_RESULT);
    }

    private static int receiveAssignment(Comm comm) {
        Comm.Received m = comm.probeBytes(0, Comm.ANY_TAG);
        byte[] buf = new byte[Math.max(4, m.count())];
        comm.recv(buf, 0, m.tag());
        if (m.tag() == TAG_STOP) {
            return -1;
        }
        if (m.tag() == TAG_LATER) {
            return LATER;
        }
        if (m.tag() != TAG_WORK) {
            throw new IllegalStateException("task farm worker: unexpected message tag " + m.tag());
        }
        return bytesInt(buf);
    }
}

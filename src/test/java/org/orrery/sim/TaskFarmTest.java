package org.orrery.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.orrery.parallel.SerialComm;
import org.orrery.parallel.Spmd;
import org.orrery.parallel.ThreadComm;
import org.orrery.physics.paircount.PointSet;

/**
 * The one-rank paths of the sim engines: the task farm processes each item once, reading one ahead; near the end it
 * hands no look-ahead; on ranks as threads every item is processed once in both modes; loading a catalog through a
 * {@link Distributed.RowSource} keeps rows in order. Several ranks are exercised under mpirun by the integration tests.
 */
class TaskFarmTest {

    /** Squares items; records the order of prefetch and process calls. */
    static final class Squares implements TaskFarm.Worker<Integer, Long> {
        final List<String> calls = new ArrayList<>();

        @Override
        public Future<Integer> prefetch(int item) {
            calls.add("load " + item);
            return CompletableFuture.completedFuture(item);
        }

        @Override
        public Future<Long> process(int item, Future<Integer> loaded) {
            calls.add("process " + item);
            return CompletableFuture.completedFuture((long) item * item);
        }
    }

    static final TaskFarm.Codec<Long> LONGS = new TaskFarm.Codec<>() {
        @Override
        public byte[] encode(List<Long> records) {
            ByteBuffer b = ByteBuffer.allocate(8 * records.size());
            records.forEach(b::putLong);
            return b.array();
        }

        @Override
        public List<Long> decode(byte[] bytes, int off, int len) {
            ByteBuffer b = ByteBuffer.wrap(bytes, off, len);
            List<Long> out = new ArrayList<>();
            while (b.hasRemaining()) {
                out.add(b.getLong());
            }
            return out;
        }
    };

    @Test
    void everyItemOnceInOrderWithOneItemOfLookAhead() throws Exception {
        for (TaskFarm.Mode mode : TaskFarm.Mode.values()) {
            Squares w = new Squares();
            List<Long> progress = new ArrayList<>();
            List<Long> out = TaskFarm.run(new SerialComm(), mode, new int[] {3, 1, 4}, w, LONGS, progress::add);
            assertEquals(List.of(9L, 1L, 16L), out);
            assertEquals(out, progress);
            assertEquals(List.of("load 3", "load 1", "process 3", "load 4", "process 1", "process 4"), w.calls);
        }
    }

    @Test
    void nearTheEndALookAheadWaitsUntilTheWorkerIsIdle() {
        boolean[] stop = {false};
        TaskFarm.Dispenser d = new TaskFarm.Dispenser(new int[] {7, 8, 9, 10, 11}, 2, () -> stop[0]);
        assertEquals(7, d.take(false));
        assertEquals(8, d.take(true));
        assertEquals(9, d.take(true));
        assertEquals(10, d.take(true)); // two left for two workers
        assertEquals(TaskFarm.LATER, d.take(true)); // one left: it goes to the first worker that is free
        assertEquals(11, d.take(false));
        assertEquals(-1, d.take(true));
        assertEquals(-1, d.take(false));
        TaskFarm.Dispenser stopped = new TaskFarm.Dispenser(new int[] {1, 2, 3}, 3, () -> stop[0]);
        assertEquals(1, stopped.take(false));
        assertEquals(TaskFarm.LATER, stopped.take(true));
        stop[0] = true;
        assertEquals(-1, stopped.take(false));
    }

    @Test
    void onRanksAsThreadsEveryItemIsProcessedOnceAndReachesRankZero() throws Exception {
        int[] items = new int[23];
        for (int i = 0; i < items.length; i++) {
            items[i] = 3 * i + 1;
        }
        for (int np : new int[] {2, 3}) {
            for (TaskFarm.Mode mode : TaskFarm.Mode.values()) {
                ThreadComm[] comms = ThreadComm.world(np);
                ExecutorService pool = Executors.newFixedThreadPool(np);
                try {
                    List<Future<List<Long>>> f = new ArrayList<>();
                    for (ThreadComm c : comms) {
                        f.add(pool.submit(() -> TaskFarm.run(c, mode, items, new Squares(), LONGS, r -> {})));
                    }
                    List<Long> got = new ArrayList<>(f.get(0).get(50, TimeUnit.SECONDS));
                    for (int r = 1; r < np; r++) {
                        assertEquals(List.of(), f.get(r).get(50, TimeUnit.SECONDS));
                    }
                    got.sort(null);
                    List<Long> want = new ArrayList<>();
                    for (int i : items) {
                        want.add((long) i * i);
                    }
                    assertEquals(want, got, np + " ranks, " + mode);
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }

    @Test
    void aFailedFutureIsAnErrorOfTheFarmNotASilentGap() {
        CompletableFuture<Long> bad = new CompletableFuture<>();
        bad.completeExceptionally(new IllegalStateException("disk on fire"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TaskFarm.await(bad));
        assertTrue(e.getMessage().contains("disk on fire"), e.getMessage());
    }

    /** A source of {@code n} rows (x = row, y = 2 row, z = 3 row, w = 1). */
    static Distributed.RowSource rows(int n) {
        return new Distributed.RowSource() {
            int next;

            @Override
            public int read(double[] buf, int max) {
                int k = 0;
                while (k < max && next < n) {
                    buf[4 * k] = next;
                    buf[4 * k + 1] = 2.0 * next;
                    buf[4 * k + 2] = 3.0 * next;
                    buf[4 * k + 3] = 1;
                    k++;
                    next++;
                }
                return k;
            }

            @Override
            public long rows() {
                return next;
            }

            @Override
            public void close() {}
        };
    }

    @Test
    void catalogRowsArriveInOrderWithTheirIds() {
        int n = Distributed.READ_CHUNK + 17; // two chunks
        Distributed.Loaded l = Distributed.read(new SerialComm(), "test rows", false, () -> rows(n));
        PointSet p = l.points();
        assertEquals(n, p.size());
        for (int i = 0; i < n; i += 4099) {
            assertEquals(i, p.id(i));
            assertEquals(2.0 * i, p.y(i));
        }
        assertEquals(2, l.chunkIndex().length);
        double[] sums = Distributed.weightSums(new SerialComm(), l);
        assertEquals(n, sums[0]);
        Spmd.AgreedError e = assertThrows(
                Spmd.AgreedError.class, () -> Distributed.read(new SerialComm(), "empty.txt", false, () -> rows(0)));
        assertEquals("catalog empty.txt has no points", e.getMessage());
    }
}

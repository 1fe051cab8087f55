package org.orrery.parallel;

import java.lang.reflect.Array;

/**
 * A communicator whose ranks are threads of one JVM ({@link Spmd#mainThreads}): the same SPMD program, the same
 * decomposition and messages as under MPI, but one JVM per host, so the classes are loaded, the kernels compiled and
 * the JVM started once, not once per rank. Messages and collective contributions are copied (as MPI copies them between
 * processes); reductions combine the contributions in rank order on every rank, so all ranks get the same bits.
 * Thread-safe in the sense MPI's {@code THREAD_MULTIPLE} is; Orrery's programs communicate from one thread per rank.
 * See {@link ThreadWorld} for how ranks wait.
 */
public final class ThreadComm implements Comm {
    private final ThreadWorld world;
    private final int rank;
    /** Collectives this rank has entered (the same sequence on every rank). */
    private long seq;

    ThreadComm(ThreadWorld world, int rank) {
        this.world = world;
        this.rank = rank;
    }

    /** A world of {@code size} ranks; {@code comms[r]} is rank r's communicator (for tests and {@link Spmd}). */
    public static ThreadComm[] world(int size) {
        ThreadWorld w = new ThreadWorld(size);
        ThreadComm[] comms = new ThreadComm[size];
        for (int r = 0; r < size; r++) {
            comms[r] = new ThreadComm(w, r);
        }
        return comms;
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return world.size;
    }

    @Override
    public double wtime() {
        return (System.nanoTime() - world.t0) * 1e-9;
    }

    @Override
    public String processorName() {
        return SerialComm.hostName();
    }

    @Override
    public String libraryVersion() {
        return "none: " + size() + " ranks as threads of one JVM";
    }

    @Override
    public String backendName() {
        return "threads";
    }

    private Object[] exchange(Object mine) {
        return world.exchange(rank, seq++, mine);
    }

    /** A private copy of {@code a[off, off + count)} (any primitive array). */
    private static Object copy(Object a, int off, int count) {
        Object c = Array.newInstance(a.getClass().getComponentType(), count);
        System.arraycopy(a, off, c, 0, count);
        return c;
    }

    private void checkRank(int r, String what) {
        if (r < 0 || r >= size()) {
            throw new MpiFailure(what + ": invalid rank " + r + " (ranks 0.." + (size() - 1) + ")");
        }
    }

    // ---- collectives ------------------------------------------------------------------------

    @Override
    public void barrier() {
        exchange(null);
    }

    private void bcastArray(Object buf, int off, int count, int root) {
        checkRank(root, "bcast");
        Object[] all = exchange(rank == root ? copy(buf, off, count) : null);
        if (rank != root) {
            int n = Array.getLength(all[root]);
            if (n > count) {
                throw new MpiFailure("bcast: message truncated (" + n + " elements, buffer " + count + ")");
            }
            System.arraycopy(all[root], 0, buf, off, n);
        }
    }

    @Override
    public void bcast(double[] buf, int off, int count, int root) {
        bcastArray(buf, off, count, root);
    }

    @Override
    public void bcast(long[] buf, int off, int count, int root) {
        bcastArray(buf, off, count, root);
    }

    @Override
    public void bcast(int[] buf, int off, int count, int root) {
        bcastArray(buf, off, count, root);
    }

    @Override
    public void bcast(byte[] buf, int off, int count, int root) {
        bcastArray(buf, off, count, root);
    }

    @Override
    public String bcastString(String s, int root) {
        checkRank(root, "bcast");
        return (String) exchange(rank == root ? s : null)[root];
    }

    private void gatherArrays(Object send, int sendOff, Object recv, int[] counts, int[] displs, boolean here) {
        Object[] all = exchange(copy(send, sendOff, counts[rank]));
        if (here) {
            for (int r = 0; r < size(); r++) {
                System.arraycopy(all[r], 0, recv, displs[r], counts[r]);
            }
        }
    }

    @Override
    public void allGatherv(double[] send, int sendOff, double[] recv, int[] counts, int[] displs) {
        gatherArrays(send, sendOff, recv, counts, displs, true);
    }

    @Override
    public void allGatherv(long[] send, int sendOff, long[] recv, int[] counts, int[] displs) {
        gatherArrays(send, sendOff, recv, counts, displs, true);
    }

    @Override
    public void gatherv(double[] send, int sendOff, double[] recv, int[] counts, int[] displs, int root) {
        checkRank(root, "gatherv");
        gatherArrays(send, sendOff, recv, counts, displs, rank == root);
    }

    @Override
    public void gatherv(long[] send, int sendOff, long[] recv, int[] counts, int[] displs, int root) {
        checkRank(root, "gatherv");
        gatherArrays(send, sendOff, recv, counts, displs, rank == root);
    }

    @Override
    public void gatherv(byte[] send, int sendOff, byte[] recv, int[] counts, int[] displs, int root) {
        checkRank(root, "gatherv");
        gatherArrays(send, sendOff, recv, counts, displs, rank == root);
    }

    @Override
    public int[] allGather(int value) {
        Object[] all = exchange(value);
        int[] out = new int[size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = (Integer) all[r];
        }
        return out;
    }

    @Override
    public long[] allGather(long value) {
        Object[] all = exchange(value);
        long[] out = new long[size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = (Long) all[r];
        }
        return out;
    }

    /** Combines every rank's contribution into {@code buf} in rank order when {@code here}. */
    private void reduceLongs(long[] buf, int count, Op op, boolean here) {
        Object[] all = exchange(copy(buf, 0, count));
        if (!here) {
            return;
        }
        System.arraycopy(all[0], 0, buf, 0, count);
        for (int r = 1; r < size(); r++) {
            long[] c = (long[]) all[r];
            for (int i = 0; i < count; i++) {
                buf[i] = switch (op) {
                    case SUM -> buf[i] + c[i];
                    case MAX -> Math.max(buf[i], c[i]);
                    case MIN -> Math.min(buf[i], c[i]);
                };
            }
        }
    }

    /** Combines every rank's contribution into {@code buf} in rank order when {@code here}. */
    private void reduceDoubles(double[] buf, int count, Op op, boolean here) {
        Object[] all = exchange(copy(buf, 0, count));
        if (!here) {
            return;
        }
        System.arraycopy(all[0], 0, buf, 0, count);
        for (int r = 1; r < size(); r++) {
            double[] c = (double[]) all[r];
            for (int i = 0; i < count; i++) {
                buf[i] = switch (op) {
                    case SUM -> buf[i] + c[i];
                    case MAX -> Math.max(buf[i], c[i]);
                    case MIN -> Math.min(buf[i], c[i]);
                };
            }
        }
    }

    @Override
    public void reduce(long[] buf, int count, Op op, int root) {
        checkRank(root, "reduce");
        reduceLongs(buf, count, op, rank == root);
    }

    @Override
    public void reduce(double[] buf, int count, Op op, int root) {
        checkRank(root, "reduce");
        reduceDoubles(buf, count, op, rank == root);
    }

    @Override
    public void allReduce(long[] buf, int count, Op op) {
        reduceLongs(buf, count, op, true);
    }

    @Override
    public void allReduce(double[] buf, int count, Op op) {
        reduceDoubles(buf, count, op, true);
    }

    // ---- point to point ---------------------------------------------------------------------

    /**
     * Messages larger than this (bytes) complete when a receive takes them, as MPI's rendezvous protocol does for large
     * messages: a sender cannot queue a whole catalog in memory ahead of its receivers ({@code Distributed.read}).
     */
    static final int EAGER_BYTES = 64 * 1024;

    /** Sends a copy; a plain send of a large message to another rank waits until it is received. */
    private void post(Object buf, int count, int dest, int tag, boolean mayWait) {
        checkRank(dest, "send");
        ThreadWorld.Message m = new ThreadWorld.Message(rank, tag, copy(buf, 0, count), count);
        ThreadWorld.Mailbox box = world.box(dest);
        box.put(m);
        int width = buf instanceof byte[] ? 1 : Long.BYTES;
        if (mayWait && dest != rank && (long) count * width > EAGER_BYTES) {
            box.awaitTaken(m);
        }
    }

    private Received receive(Object buf, int source, int tag) {
        if (source != ANY_SOURCE) {
            checkRank(source, "recv");
        }
        ThreadWorld.Message m = world.box(rank).take(source, tag, true, true);
        if (m.data.getClass() != buf.getClass()) {
            throw new MpiFailure("recv: message of another type (tag " + m.tag + " from rank " + m.source + ")");
        }
        if (m.count > Array.getLength(buf)) {
            throw new MpiFailure(
                    "recv: message truncated (" + m.count + " elements, buffer " + Array.getLength(buf) + ")");
        }
        System.arraycopy(m.data, 0, buf, 0, m.count);
        return new Received(m.source, m.tag, m.count);
    }

    @Override
    public int sendRecv(double[] send, int sendCount, int dest, double[] recv, int source, int tag) {
        post(send, sendCount, dest, tag, false); // both sides send first: never wait for the match
        return receive(recv, source, tag).count();
    }

    @Override
    public int sendRecv(long[] send, int sendCount, int dest, long[] recv, int source, int tag) {
        post(send, sendCount, dest, tag, false); // both sides send first: never wait for the match
        return receive(recv, source, tag).count();
    }

    @Override
    public void send(byte[] buf, int count, int dest, int tag) {
        post(buf, count, dest, tag, true);
    }

    @Override
    public void send(double[] buf, int count, int dest, int tag) {
        post(buf, count, dest, tag, true);
    }

    @Override
    public void send(long[] buf, int count, int dest, int tag) {
        post(buf, count, dest, tag, true);
    }

    @Override
    public Received recv(byte[] buf, int source, int tag) {
        return receive(buf, source, tag);
    }

    @Override
    public Received recv(double[] buf, int source, int tag) {
        return receive(buf, source, tag);
    }

    @Override
    public Received recv(long[] buf, int source, int tag) {
        return receive(buf, source, tag);
    }

    private static Received asBytes(ThreadWorld.Message m) {
        int width = m.data instanceof byte[] ? 1 : Long.BYTES;
        return new Received(m.source, m.tag, m.count * width);
    }

    @Override
    public Received probeBytes(int source, int tag) {
        return asBytes(world.box(rank).take(source, tag, false, true));
    }

    @Override
    public Received iprobeBytes(int source, int tag) {
        ThreadWorld.Message m = world.box(rank).take(source, tag, false, false);
        return m == null ? null : asBytes(m);
    }

    // ---- error protocol ---------------------------------------------------------------------

    @Override
    public void agree(String errorOrNull) {
        Object[] all = exchange(errorOrNull);
        for (Object e : all) {
            if (e != null) {
                throw new Spmd.AgreedError((String) e);
            }
        }
    }

    /**
     * Ends the JVM, every rank with it, running its shutdown hooks (as {@code mpirun}'s SIGTERM to the other ranks did:
     * staged output files removed, the output lock released); halts after {@value #ABORT_GRACE_MILLIS} ms if a hook
     * hangs.
     */
    @Override
    public void abort(int code) {
        Thread watchdog = new Thread(
                () -> {
                    try {
                        Thread.sleep(ABORT_GRACE_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    Runtime.getRuntime().halt(code);
                },
                "abort-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        System.exit(code);
    }

    static final long ABORT_GRACE_MILLIS = 10_000;
}

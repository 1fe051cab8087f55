package org.orrery.parallel;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one rank's time went, for the per-rank breakdown in every program's {@code --summary}.
 *
 * <p>Per rank, in seconds: {@code wall} = JVM start (RuntimeMXBean) → the end of the program body; {@code startup} =
 * JVM start → MPI initialised (JVM boot, class loading, option parsing, MPI_Init); {@code wait} = time inside
 * {@link Comm} calls ({@link TimedComm}) and waiting for rank 0 outside them ({@link RootWait}); {@code serial} =
 * phases the program marks as done by one rank while the others wait (rank 0's generation, loading, output:
 * {@link #addSerialSince}); {@code compute} = wall − startup − wait − serial, i.e. everything else the body did. So
 * startup + compute + wait + serial = wall on every rank. Also, overlapping the above (other threads, or pauses inside
 * the body): {@code jit} = total JIT compilation time of all compiler threads (CompilationMXBean; it can exceed wall
 * when several compiler threads work at once), {@code gc} and {@code gc_count} summed over the GarbageCollectorMXBeans,
 * and {@code calls} (communication calls made).
 *
 * <p>State is per process (one rank per JVM); {@link #mpiReady} starts the body's clock and forgets earlier phases.
 * Serial phases are recorded from the communicating thread.
 */
public final class RankTimes {
    private RankTimes() {}

    /** Field names, in the order {@link #gather} packs them. */
    public static final List<String> FIELDS =
            List.of("wall_s", "startup_s", "compute_s", "wait_s", "serial_s", "jit_s", "gc_s", "gc_count", "calls");

    private static long readyNanos = System.nanoTime();
    private static long readyEpochMillis = System.currentTimeMillis();
    private static final Map<String, Double> SERIAL = new LinkedHashMap<>();
    private static long restNanos;

    /** Marks MPI as initialised: the end of start-up and the start of the body. */
    public static synchronized void mpiReady() {
        readyNanos = System.nanoTime();
        readyEpochMillis = System.currentTimeMillis();
        SERIAL.clear();
        restNanos = 0;
    }

    /** When MPI was ready ({@link #mpiReady}), milliseconds since the epoch. */
    public static synchronized long mpiReadyEpochMillis() {
        return readyEpochMillis;
    }

    /** The clock {@link #addSerialSince} expects (nanoseconds, {@link System#nanoTime()}). */
    public static long now() {
        return System.nanoTime();
    }

    /** Adds the time since {@code startNanos} ({@link #now()}) to the serial phase {@code phase}. */
    public static synchronized void addSerialSince(String phase, long startNanos) {
        SERIAL.merge(phase, (System.nanoTime() - startNanos) * 1e-9, Double::sum);
    }

    /** Adds the time since {@code startNanos} to this rank's wait: it waited for another rank outside MPI calls. */
    public static synchronized void addRestSince(long startNanos) {
        restNanos += System.nanoTime() - startNanos;
    }

    /** The serial phases this rank recorded (name → seconds), in the order first seen. */
    public static synchronized Map<String, Double> serialPhases() {
        return new LinkedHashMap<>(SERIAL);
    }

    /** This rank's figures now, in {@link #FIELDS} order. */
    public static synchronized double[] local(TimedComm comm) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        double startup = Math.max(0, (readyEpochMillis - jvmStart) * 1e-3);
        double body = (System.nanoTime() - readyNanos) * 1e-9;
        double serial =
                SERIAL.values().stream().mapToDouble(Double::doubleValue).sum();
        double wait = comm.waitSeconds() + restNanos * 1e-9;
        double compute = Math.max(0, body - wait - serial);
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        double jitSeconds =
                jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() * 1e-3 : 0;
        double gc = 0;
        double gcCount = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, b.getCollectionTime()) * 1e-3;
            gcCount += Math.max(0, b.getCollectionCount());
        }
        return new double[] {startup + body, startup, compute, wait, serial, jitSeconds, gc, gcCount, comm.calls()};
    }

    /**
     * collective: every rank's {@link #local} figures onto {@code root}, as {@code [rank][field]} (null on the other
     * ranks). Each rank writes its row into a zeroed direct buffer and the rows are summed onto the root (x + 0 = x
     * exactly), so one reduce on direct buffers does it.
     */
    public static double[][] gather(TimedComm comm, int root) {
        int p = comm.size();
        int k = FIELDS.size();
        double[] mine = local(comm);
        DoubleBuffer send = direct(p * k);
        DoubleBuffer recv = direct(p * k);
        send.put(comm.rank() * k, mine, 0, k);
        comm.reduce(send, recv, p * k, Comm.Op.SUM, root); // collective
        if (comm.rank() != root) {
            return null;
        }
        double[][] rows = new double[p][k];
        for (int r = 0; r < p; r++) {
            recv.get(r * k, rows[r], 0, k);
        }
        return rows;
    }

    private static DoubleBuffer direct(int n) {
        return ByteBuffer.allocateDirect(Math.max(1, n) * Double.BYTES)
                .order(ByteOrder.nativeOrder())
                .asDoubleBuffer();
    }
}

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
 * {@code cpu} (the CPU time, user + system, of the whole JVM process so far: with {@code wall} it says how many cores
 * the JVM kept busy, its compiler and GC threads included) and {@code calls} (communication calls made).
 *
 * <p>State is per process (one rank per JVM), or per rank thread and the threads it starts ({@link ThreadComm}: then
 * {@code jit}, {@code gc} and {@code cpu} are the one JVM's, the same on every rank); {@link #mpiReady} starts the
 * body's clock and forgets earlier phases. Serial phases are recorded from the communicating thread.
 */
public final class RankTimes {
    private RankTimes() {}

    /** Field names, in the order {@link #gather} packs them. */
    public static final List<String> FIELDS = List.of(
            "wall_s", "startup_s", "compute_s", "wait_s", "serial_s", "jit_s", "gc_s", "gc_count", "cpu_s", "calls");

    /** One rank's figures (guarded by itself). */
    private static final class State {
        long readyNanos = System.nanoTime();
        long readyEpochMillis = System.currentTimeMillis();
        final Map<String, Double> serial = new LinkedHashMap<>();
        long restNanos;
    }

    /** The process's state; a rank thread ({@link #ownRank}) and the threads it starts have their own. */
    private static final InheritableThreadLocal<State> STATE = new InheritableThreadLocal<>() {
        @Override
        protected State initialValue() {
            return PROCESS;
        }
    };

    private static final State PROCESS = new State();

    /**
     * Gives the calling thread, a rank of {@link ThreadComm}, and the threads it starts from now on their own figures.
     */
    static void ownRank() {
        STATE.set(new State());
    }

    /** Marks MPI as initialised: the end of start-up and the start of the body. */
    public static void mpiReady() {
        State s = STATE.get();
        synchronized (s) {
            s.readyNanos = System.nanoTime();
            s.readyEpochMillis = System.currentTimeMillis();
            s.serial.clear();
            s.restNanos = 0;
        }
    }

    /** When MPI was ready ({@link #mpiReady}), milliseconds since the epoch. */
    public static long mpiReadyEpochMillis() {
        State s = STATE.get();
        synchronized (s) {
            return s.readyEpochMillis;
        }
    }

    /** The clock {@link #addSerialSince} expects (nanoseconds, {@link System#nanoTime()}). */
    public static long now() {
        return System.nanoTime();
    }

    /** Adds the time since {@code startNanos} ({@link #now()}) to the serial phase {@code phase}. */
    public static void addSerialSince(String phase, long startNanos) {
        State s = STATE.get();
        synchronized (s) {
            s.serial.merge(phase, (System.nanoTime() - startNanos) * 1e-9, Double::sum);
        }
    }

    /** Adds the time since {@code startNanos} to this rank's wait: it waited for another rank outside MPI calls. */
    public static void addRestSince(long startNanos) {
        State s = STATE.get();
        synchronized (s) {
            s.restNanos += System.nanoTime() - startNanos;
        }
    }

    /** The serial phases this rank recorded (name → seconds), in the order first seen. */
    public static Map<String, Double> serialPhases() {
        State s = STATE.get();
        synchronized (s) {
            return new LinkedHashMap<>(s.serial);
        }
    }

    /** This rank's figures now, in {@link #FIELDS} order. */
    public static double[] local(TimedComm comm) {
        State s = STATE.get();
        double startup;
        double body;
        double serial;
        double rest;
        synchronized (s) {
            long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
            startup = Math.max(0, (s.readyEpochMillis - jvmStart) * 1e-3);
            body = (System.nanoTime() - s.readyNanos) * 1e-9;
            serial = s.serial.values().stream().mapToDouble(Double::doubleValue).sum();
            rest = s.restNanos * 1e-9;
        }
        double wait = comm.waitSeconds() + rest;
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
        double cpu = ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .map(d -> d.toNanos() * 1e-9)
                .orElse(0.0);
        return new double[] {startup + body, startup, compute, wait, serial, jitSeconds, gc, gcCount, cpu, comm.calls()
        };
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

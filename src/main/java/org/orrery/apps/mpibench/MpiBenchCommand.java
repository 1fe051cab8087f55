package org.orrery.apps.mpibench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.orrery.apps.OrreryVersion;
import org.orrery.apps.common.Programs;
import org.orrery.apps.common.SpmdProgram;
import org.orrery.model.UserError;
import org.orrery.parallel.BlockDecomposition;
import org.orrery.parallel.CTwin;
import org.orrery.parallel.Comm;
import org.orrery.parallel.MpiBackends;
import org.orrery.parallel.NativeComm;
import org.orrery.parallel.TimedComm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Java side of {@code bench mpi} ({@code org.orrery.bench.MpiBench} runs it), an SPMD program ({@code launch/orrery
 * mpibench -np 2}): the same operations, sizes, order and timing as the C baseline {@code src/bench/c/mpibench.c},
 * through {@link Comm} three times: the array methods every program uses ({@code api = array}: a copy into the
 * backend's direct scratch buffer and back), the zero-copy direct-buffer methods ({@code api = direct}), both through
 * {@link TimedComm} as in every program run without {@code --summary} (wait accounting off: no clock read per call,
 * rank 0 prints {@code wait-clock,off}), and the direct-buffer methods of the backend without the timing layer
 * ({@code api = untimed}: only the call counting less). Under the shim, a last row ({@code api = floor}, {@code op =
 * jni-empty}) times a call into the shim that does nothing: the per-call floor of any JNI backend.
 *
 * <p>Operations: bcast from rank 0; allGatherv of N doubles in block counts (latency case: 1 per rank); reduce SUM onto
 * rank 0 (zeros, so repeated in-place sums stay finite); allReduce SUM; sendRecv around a ring. Latency: 1 double,
 * K_small calls; bandwidth: N doubles (default 3 × 65 536), K_large calls. Timing: one untimed repetition (JIT
 * warm-up), then R repetitions; before each a barrier; a repetition's time per call is the slowest rank's wall time / K
 * (MPI_Wtime, reduced with MAX onto rank 0). Rank 0 prints CSV rows
 * {@code api,op,elements,bytes,reps,iters,median_s,min_s,max_s}.
 *
 * <p>With {@code --c-twin LIB}: the paired mode instead ({@link PairedBlocks}): C and Java blocks alternate in these
 * processes.
 */
@Command(
        name = "mpibench",
        mixinStandardHelpOptions = true,
        versionProvider = OrreryVersion.class,
        description = "MPI latency and bandwidth through Comm (array and direct-buffer methods); the C twin is "
                + "src/bench/c/mpibench.c.")
public final class MpiBenchCommand implements SpmdProgram {

    @Option(names = "--n", description = "Doubles in the bandwidth case (default ${DEFAULT-VALUE}).")
    int n = 3 * 65536;

    @Option(names = "--reps", description = "Timed repetitions (default ${DEFAULT-VALUE}).")
    int reps = 15;

    @Option(names = "--small-iters", description = "Calls per repetition, latency case (default ${DEFAULT-VALUE}).")
    int smallIters = 2000;

    @Option(names = "--large-iters", description = "Calls per repetition, bandwidth case (default ${DEFAULT-VALUE}).")
    int largeIters = 50;

    @Option(
            names = "--c-twin",
            paramLabel = "LIB",
            description = "Paired mode: alternate blocks of the C loop in LIB (liborrery_mpibench of this MPI "
                    + "configuration) and of the same calls in Java, in these processes (see PairedBlocks).")
    Path cTwin;

    @Option(names = "--blocks", description = "Paired mode: timed C/Java block pairs (default ${DEFAULT-VALUE}).")
    int blocks = 15;

    public static void main(String[] args) {
        Programs.main(MpiBenchCommand::new, args);
    }

    @Override
    public String name() {
        return "mpibench";
    }

    @Override
    public void validate() {
        if (n < 1 || reps < 1 || smallIters < 1 || largeIters < 1 || blocks < 1) {
            throw new UserError("--n, --reps, --small-iters, --large-iters and --blocks must be >= 1");
        }
    }

    /** The operations, in the C program's order. */
    enum Op {
        BCAST,
        ALLGATHERV,
        REDUCE,
        ALLREDUCE,
        SENDRECV
    }

    private static DoubleBuffer direct(int n) {
        return ByteBuffer.allocateDirect(8 * n).order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    /** How a row calls MPI: the column {@code api} of the CSV. */
    enum Api {
        /** Comm's array methods, as programs call them (through the timing layer). */
        ARRAY,
        /** Comm's direct-buffer methods, through the timing layer. */
        DIRECT,
        /** The direct-buffer methods of the backend itself, without {@link TimedComm}. */
        UNTIMED
    }

    @Override
    public int run(Comm comm) {
        if (cTwin != null) {
            String error = null;
            try {
                CTwin.load(cTwin);
            } catch (IllegalArgumentException e) {
                error = "--c-twin: " + e.getMessage();
            }
            comm.agree(error); // collective: every rank stops when one cannot load it
            PairedBlocks.run(comm, n, blocks, smallIters, largeIters);
            return 0;
        }
        if (comm.rank() == 0 && comm instanceof TimedComm t) {
            // How the array and direct rows are timed (bench mpi prints it under its table).
            System.out.println("wait-clock," + t.clock());
        }
        for (Op op : Op.values()) {
            for (boolean large : new boolean[] {false, true}) {
                for (Api api : Api.values()) {
                    int count = large ? n : 1;
                    int total = op == Op.ALLGATHERV && count == 1 ? comm.size() : count;
                    Runnable call = call(comm, op, count, total, api);
                    time(comm, call, large ? largeIters : smallIters, api.name(), op.name(), total);
                }
            }
        }
        if (comm.backendName().startsWith(MpiBackends.SHIM)) {
            // The floor of any JNI backend: one call into the shim that does nothing.
            time(comm, NativeComm::emptyNativeCall, smallIters, "floor", "jni-empty", 0);
        }
        return 0;
    }

    /** One call of {@code op}: {@code count} doubles ({@code total} over the ranks for allGatherv). */
    private static Runnable call(Comm timed, Op op, int count, int total, Api api) {
        Comm comm = api == Api.UNTIMED && timed instanceof TimedComm t ? t.inner() : timed;
        boolean useDirect = api != Api.ARRAY;
        int p = comm.size();
        int r = comm.rank();
        BlockDecomposition d = new BlockDecomposition(total, p);
        int[] counts = d.counts(1);
        int[] displs = d.displs(1);
        int right = (r + 1) % p;
        int left = (r - 1 + p) % p;
        double[] a = new double[total];
        double[] b = new double[total];
        DoubleBuffer da = direct(total);
        DoubleBuffer db = direct(total);
        return switch (op) {
            case BCAST -> useDirect ? () -> comm.bcast(da, count, 0) : () -> comm.bcast(a, 0, count, 0);
            case ALLGATHERV ->
                useDirect
                        ? () -> comm.allGatherv(da, counts[r], db, counts, displs)
                        : () -> comm.allGatherv(a, 0, b, counts, displs);
            case REDUCE ->
                useDirect
                        ? () -> comm.reduce(da, db, count, Comm.Op.SUM, 0)
                        : () -> comm.reduce(a, count, Comm.Op.SUM, 0);
            case ALLREDUCE ->
                useDirect
                        ? () -> comm.allReduce(da, db, count, Comm.Op.SUM)
                        : () -> comm.allReduce(a, count, Comm.Op.SUM);
            case SENDRECV ->
                useDirect
                        ? () -> comm.sendRecv(da, count, right, db, count, left, 7)
                        : () -> comm.sendRecv(a, count, right, b, left, 7);
        };
    }

    /** Times {@code iters} calls of {@code call} per repetition; rank 0 prints the row. */
    private void time(Comm comm, Runnable call, int iters, String api, String op, int total) {
        double[] t = new double[reps];
        double[] slowest = new double[1];
        for (int rep = -1; rep < reps; rep++) {
            comm.barrier(); // collective
            double t0 = comm.wtime();
            for (int k = 0; k < iters; k++) {
                call.run(); // collective (point-to-point for SENDRECV, matched by every rank)
            }
            slowest[0] = (comm.wtime() - t0) / iters;
            comm.reduce(slowest, 1, Comm.Op.MAX, 0); // collective
            if (rep >= 0) {
                t[rep] = slowest[0];
            }
        }
        if (comm.rank() == 0) {
            Arrays.sort(t);
            double median = reps % 2 == 1 ? t[reps / 2] : 0.5 * (t[reps / 2 - 1] + t[reps / 2]);
            System.out.printf(
                    Locale.ROOT,
                    "%s,%s,%d,%d,%d,%d,%.9e,%.9e,%.9e%n",
                    api.toLowerCase(Locale.ROOT),
                    op.toLowerCase(Locale.ROOT),
                    total,
                    8L * total,
                    reps,
                    iters,
                    median,
                    t[0],
                    t[reps - 1]);
            System.out.flush();
        }
    }
}

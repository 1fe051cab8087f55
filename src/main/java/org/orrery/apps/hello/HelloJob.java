package org.orrery.apps.hello;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.orrery.parallel.Comm;
import org.orrery.parallel.MpiRuntime;

/**
 * The {@code hello} check: every rank reports rank, size, host and pid (gathered to rank 0 in rank order, counts first,
 * then payload); a token known only to rank 0 is broadcast and must arrive intact on every rank; the sums of the ranks,
 * of their squares and of ones are reduced and must equal p(p&minus;1)/2, (p&minus;1)p(2p&minus;1)/6 and p exactly.
 */
public final class HelloJob {
    private HelloJob() {}

    /**
     * What the check found.
     *
     * @param size number of ranks
     * @param library the MPI library's version string
     * @param backend the MPI backend this job runs on (ompi-java or shim)
     * @param backendName what the backend says it is ({@link Comm#backendName()}, e.g. the MPI the shim was built with)
     * @param nativeLib the native bridge library the backend loaded (a path)
     * @param launcher the mpirun/mpiexec that started the job, as the launcher recorded it
     * @param lines one line per rank, in rank order (rank 0 only; empty elsewhere)
     * @param broadcastOk every rank received rank 0's token
     * @param reductionOk the sums equal their closed forms
     * @param rankSum the reduced sum of ranks
     * @param wallSeconds wall time of the whole check
     */
    public record Result(
            int size,
            String library,
            String backend,
            String backendName,
            String nativeLib,
            String launcher,
            List<String> lines,
            boolean broadcastOk,
            boolean reductionOk,
            long rankSum,
            double wallSeconds) {
        public Result {
            lines = List.copyOf(lines);
        }

        /** Both checks passed. */
        public boolean ok() {
            return broadcastOk && reductionOk;
        }

        /** The sum of ranks 0 .. size&minus;1. */
        public long expectedRankSum() {
            return (long) size * (size - 1) / 2;
        }
    }

    /** collective: runs the check on every rank; the result is complete on rank 0. */
    public static Result run(Comm comm) {
        double t0 = comm.wtime();
        int rank = comm.rank();
        int size = comm.size();
        String line = String.format(
                "rank %d of %d on %s, pid %d",
                rank, size, comm.processorName(), ProcessHandle.current().pid());

        // Counts first, then payload.
        Comm.Gathered<byte[]> gathered = comm.gatherVariable(line.getBytes(StandardCharsets.UTF_8), 0); // collective

        // Broadcast check: a token known only to rank 0 must arrive intact everywhere.
        long token = rank == 0 ? System.nanoTime() ^ 0x5DEECE66DL : 0;
        long got = comm.bcastLong(token, 0); // collective
        long[] tokens = comm.allGather(got); // collective
        boolean bcastOk = true;
        for (long t : tokens) {
            bcastOk &= t == tokens[0];
        }
        // Reduction check: sum of ranks and of rank squares are known exactly.
        long[] sums = {rank, (long) rank * rank, 1};
        comm.allReduce(sums, 3, Comm.Op.SUM); // collective
        long p = size;
        boolean reduceOk = sums[0] == p * (p - 1) / 2 && sums[1] == (p - 1) * p * (2 * p - 1) / 6 && sums[2] == p;
        double wall = comm.wtime() - t0;

        List<String> lines = new ArrayList<>();
        if (rank == 0) {
            for (int r = 0; r < size; r++) {
                lines.add(new String(
                        gathered.data(), gathered.displs()[r], gathered.counts()[r], StandardCharsets.UTF_8));
            }
        }
        return new Result(
                size,
                comm.libraryVersion(),
                MpiRuntime.backend(),
                comm.backendName(),
                MpiRuntime.nativeLibrary(),
                MpiRuntime.launcher(),
                lines,
                bcastOk,
                reduceOk,
                sums[0],
                wall);
    }
}

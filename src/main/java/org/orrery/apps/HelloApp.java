package org.orrery.apps;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.orrery.io.Summary;
import org.orrery.parallel.Comm;
import org.orrery.parallel.MpiRuntime;
import org.orrery.parallel.Spmd;
import org.orrery.parallel.SpmdProgram;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The first program to run on a new machine or cluster: every rank reports rank, size, host and
 * pid; rank 0 prints them in rank order, checks a broadcast and a reduction, and prints the MPI
 * backend with the native library it loaded, the MPI library version, the launcher and the Java version.
 */
@Command(name = "hello", mixinStandardHelpOptions = true, versionProvider = OrreryVersion.class,
        description = "Check an MPI installation: every rank reports in; a broadcast and a reduction are verified.")
public final class HelloApp implements SpmdProgram {

    @Option(names = "--summary", paramLabel = "FILE.json", description = "Also write a machine-readable summary.")
    Path summary;

    public static void main(String[] args) {
        Spmd.main(new HelloApp(), args);
    }

    @Override
    public String name() {
        return "hello";
    }

    @Override
    public int run(Comm comm) {
        double t0 = comm.wtime();
        int rank = comm.rank();
        int size = comm.size();
        String line = String.format("rank %d of %d on %s, pid %d", rank, size, comm.processorName(),
                ProcessHandle.current().pid());

        // Counts first, then payload.
        Comm.Gathered<byte[]> lines = comm.gatherVariable(line.getBytes(StandardCharsets.UTF_8), 0); // collective

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

        if (rank == 0) {
            System.out.printf("Orrery hello: %d rank%s%n", size, size == 1 ? "" : "s");
            String bridge = MpiRuntime.nativeLibrary();
            System.out.println("Backend: " + comm.backendName() + " (" + bridge + ")");
            System.out.println("MPI:  " + comm.libraryVersion());
            System.out.println("Launcher: " + MpiRuntime.launcher());
            System.out.println("Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                    + " (" + System.getProperty("java.vendor") + ")");
            for (int r = 0; r < size; r++) {
                System.out.println(new String(lines.data(), lines.displs()[r], lines.counts()[r], StandardCharsets.UTF_8));
            }
            System.out.printf("broadcast check: %s%n", bcastOk ? "ok" : "FAILED");
            System.out.printf("reduction check: %s (sum of ranks %d, expected %d)%n", reduceOk ? "ok" : "FAILED",
                    sums[0], p * (p - 1) / 2);
            if (summary != null) {
                new Summary("hello", size, 1, comm.libraryVersion()).timing(wall, size / wall, "ranks/s")
                        .result("broadcast_ok", bcastOk).result("reduction_ok", reduceOk).result("backend", MpiRuntime.backend())
                        .result("native_library", bridge).result("launcher", MpiRuntime.launcher()).write(summary);
            }
        }
        return bcastOk && reduceOk ? 0 : 1;
    }
}

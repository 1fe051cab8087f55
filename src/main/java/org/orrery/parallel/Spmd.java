package org.orrery.parallel;

import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The SPMD harness every Orrery program runs in, and the one place that starts and stops MPI.
 *
 * <ol>
 *   <li>MPI is initialised once ({@code THREAD_FUNNELED}: worker threads compute, only the main thread communicates)
 *       with {@code ERRORS_RETURN}, and finalised on every normal path.
 *   <li>Errors all ranks know of together ({@link Comm#agree}, which throws {@link AgreedError}) end the job cleanly:
 *       rank 0 prints one line {@code orrery <program>: error: <what>}, every rank finalises and exits with status
 *       {@value AgreedError#EXIT_CODE}.
 *   <li>Any other failure on any rank prints one line (prefixed {@code [rank r]} when not rank 0) and aborts the whole
 *       job, so no rank is left waiting in a collective. The caller's classifier turns the failure into that line and
 *       an exit code (the apps map their input errors to 2).
 * </ol>
 *
 * Option parsing happens before, in the programs' own layer; this class knows nothing of options. Set
 * {@code ORRERY_DEBUG=1} for stack traces of failures that are not bad input.
 */
public final class Spmd {
    private Spmd() {}

    /** An error every rank raised together through {@link Comm#agree}: bad input, exit 2. */
    public static final class AgreedError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        /** Exit status of an agreed error (the same as bad input). */
        public static final int EXIT_CODE = 2;

        private final int exitCode;

        public AgreedError(String message) {
            this(message, EXIT_CODE);
        }

        /** An agreed error with another status (1: an environment or I/O failure every rank stops for). */
        public AgreedError(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    /** The program body, run on every rank; returns the exit code. */
    @FunctionalInterface
    public interface Body {
        int run(Comm comm) throws Exception;
    }

    /** What a failure means to the user: one line of text and the exit code. */
    public record Failure(String message, int exitCode) {}

    /** Rank according to the launcher's environment, readable before MPI starts (0 as a singleton). */
    public static int environmentRank() {
        for (String v : new String[] {"OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK"}) {
            String s = System.getenv(v);
            if (s != null) {
                try {
                    return Integer.parseInt(s.trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /** Whether {@code ORRERY_DEBUG} asks for stack traces. */
    public static boolean debug() {
        return System.getenv("ORRERY_DEBUG") != null;
    }

    /** One error line, as every program prints it. */
    public static String errorLine(String program, int rank, String message) {
        return (rank == 0 ? "" : "[rank " + rank + "] ") + "orrery " + program + ": error: " + message;
    }

    /** The default reading of a failure: agreed errors exit 2, anything else 1 with its class name. */
    public static Failure describe(Throwable t) {
        if (t instanceof AgreedError a) {
            return new Failure(a.getMessage(), a.exitCode());
        }
        if (t instanceof OutOfMemoryError) {
            return new Failure(
                    "out of memory (" + t.getMessage()
                            + "); give the JVM more heap (launch/orrery --jvm -Xmx...; ranks that are threads of one"
                            + " JVM share it) or use more ranks on more hosts",
                    1);
        }
        String m = t.getMessage();
        return new Failure(t.getClass().getSimpleName() + (m == null ? "" : ": " + m), 1);
    }

    /**
     * Runs {@code body} on every rank under MPI and exits the JVM with its status; the wait is measured (see
     * {@link #main(String, Body, Function, boolean)}).
     *
     * @param program the name in error lines
     * @param body the SPMD body
     * @param classify turns a failure the body threw into its line and exit code
     */
    public static void main(String program, Body body, Function<Throwable, Failure> classify) {
        main(program, body, classify, true);
    }

    /**
     * {@link #main(String, Body, Function)}, measuring the time spent waiting in communication calls only when
     * {@code timeWait} (programs: when given {@code --summary}, whose per-rank breakdown reports it as {@code wait_s});
     * otherwise no clock is read per call.
     */
    public static void main(String program, Body body, Function<Throwable, Failure> classify, boolean timeWait) {
        // Before MPI starts: a rank killed from here on can be named by the launcher.
        RankRegistry.register(environmentRank());
        MpiBackend mpi = start(program);
        // Every call is counted; timed when asked: the per-rank breakdown (RankTimes) reports the wait in them.
        Comm comm = new TimedComm(mpi.comm(), timeWait);
        RankTimes.mpiReady();
        int code;
        try {
            code = body.run(comm);
            RootWait.await(comm); // collective: the others wait out rank 0's report asleep, not in MPI_Finalize
        } catch (AgreedError e) {
            if (comm.rank() == 0) {
                System.err.println(errorLine(program, 0, e.getMessage()));
                // Bad input (status 2) is the user's: its line is all; an agreed environment failure may be a bug.
                if (debug() && e.exitCode() != AgreedError.EXIT_CODE) {
                    e.printStackTrace();
                }
            }
            code = e.exitCode();
        } catch (Throwable t) {
            fatal(program, comm, t, classify.apply(t));
            return;
        }
        System.out.flush();
        System.err.flush();
        System.exit(RankRegistry.exitStatus(finish(program, mpi, comm, code)));
    }

    /**
     * How many ranks run as threads of this JVM instead of under MPI ({@code -Dorrery.threadRanks=N}, which
     * {@code launch/orrery} sets for a run on one host; see {@link ThreadComm}); 0 when not set (MPI).
     */
    public static int threadRanks() {
        String v = System.getProperty("orrery.threadRanks");
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * {@link #main(String, Body, Function, boolean)} with {@code ranks} ranks that are threads of this JVM
     * ({@link ThreadComm}, no MPI): rank r runs {@code bodies.apply(r)}, on its own thread. Exits the JVM with the
     * first non-zero status in rank order (0 if none); a failure that is not agreed prints its line and ends the JVM at
     * once, as an MPI abort ends every rank.
     */
    public static void mainThreads(
            String program,
            int ranks,
            IntFunction<Body> bodies,
            Function<Throwable, Failure> classify,
            boolean timeWait) {
        String mismatch = MpiBackends.threadRanksMismatch(System.getenv());
        if (mismatch != null) {
            System.err.println(errorLine(program, environmentRank(), mismatch));
            System.exit(1);
        }
        ThreadComm[] comms = ThreadComm.world(ranks);
        int[] codes = new int[ranks];
        Thread[] threads = new Thread[ranks];
        for (int r = 0; r < ranks; r++) {
            int rank = r;
            threads[r] = new Thread(
                    () -> codes[rank] = runRank(program, bodies, comms[rank], classify, timeWait), "rank-" + r);
            // Whatever escapes a rank (a failure while reporting a failure) ends the JVM: no rank is left waiting.
            threads[r].setUncaughtExceptionHandler(
                    (t, e) -> Runtime.getRuntime().halt(1));
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            joinUninterruptibly(t);
        }
        System.out.flush();
        System.err.flush();
        int code = 0;
        for (int c : codes) {
            if (c != 0) {
                code = c;
                break;
            }
        }
        System.exit(code);
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One rank of {@link #mainThreads}: its body on its own communicator; returns its exit code. */
    private static int runRank(
            String program,
            IntFunction<Body> bodies,
            ThreadComm inner,
            Function<Throwable, Failure> classify,
            boolean timeWait) {
        RankTimes.ownRank();
        Comm comm = new TimedComm(inner, timeWait);
        RankTimes.mpiReady();
        try {
            int code = bodies.apply(inner.rank()).run(comm);
            RootWait.await(comm); // collective
            return code;
        } catch (AgreedError e) {
            if (comm.rank() == 0) {
                System.err.println(errorLine(program, 0, e.getMessage()));
                if (debug() && e.exitCode() != AgreedError.EXIT_CODE) {
                    e.printStackTrace();
                }
            }
            return e.exitCode();
        } catch (Throwable t) {
            fatal(program, comm, t, classify.apply(t));
            return 1;
        }
    }

    /** Starts MPI through the selected backend ({@link MpiBackends}); on failure prints one line and exits 1. */
    private static MpiBackend start(String program) {
        try {
            return MpiBackends.start();
        } catch (MpiFailure e) {
            System.err.println(errorLine(program, environmentRank(), "cannot start MPI: " + e.getMessage()));
            System.exit(1);
            throw new AssertionError("unreachable");
        }
    }

    /** Finalises MPI; returns the exit code (1 when {@code code} was 0 and finalising failed). */
    private static int finish(String program, MpiBackend mpi, Comm comm, int code) {
        try {
            mpi.finish();
        } catch (MpiFailure e) {
            System.err.println(errorLine(program, comm.rank(), e.getMessage()));
            return code == 0 ? 1 : code;
        }
        return code;
    }

    /** Prints one line and takes the whole job down. */
    private static void fatal(String name, Comm comm, Throwable t, Failure failure) {
        System.out.flush();
        System.err.println(errorLine(name, comm.rank(), failure.message()));
        if (debug()) {
            t.printStackTrace();
        }
        System.err.flush();
        RankRegistry.ended(); // halt and abort run no shutdown hooks
        if (comm.size() == 1) {
            // Nobody to wake: a plain exit avoids Open MPI's abort banner in singleton runs.
            Runtime.getRuntime().halt(failure.exitCode());
        }
        comm.abort(failure.exitCode());
    }
}

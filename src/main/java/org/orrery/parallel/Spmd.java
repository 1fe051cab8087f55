package org.orrery.parallel;

import java.io.PrintStream;
import java.io.PrintWriter;

import org.orrery.model.UserError;

import picocli.CommandLine;

/**
 * The SPMD harness every Orrery program runs in.
 *
 * <ol>
 * <li>Options are parsed and validated on every rank <em>before</em> any communication; a usage
 *     error is printed once (by rank 0) and every rank exits with status 2. {@code --help} and
 *     {@code --version} print and exit 0 without starting MPI.</li>
 * <li>MPI is initialised once ({@code THREAD_FUNNELED}: worker threads compute, only the main
 *     thread communicates) with {@code ERRORS_RETURN}, and finalised on every normal path.</li>
 * <li>Errors all ranks know of together ({@link Comm#agree}) end the job cleanly: rank 0 prints one
 *     line {@code orrery <program>: error: <what>}, every rank finalises and exits with the error's
 *     code.</li>
 * <li>Any other failure on any rank prints one line (prefixed {@code [rank r]} when not rank 0) and
 *     aborts the whole job, so no rank is left waiting in a collective.</li>
 * </ol>
 * Set {@code ORRERY_DEBUG=1} for stack traces.
 */
public final class Spmd {
    private Spmd() {
    }

    /** A {@link UserError} every rank raised together through {@link Comm#agree}. */
    public static final class AgreedError extends UserError {
        private static final long serialVersionUID = 1L;

        public AgreedError(String message) {
            super(message);
        }
    }

    /** Rank according to the launcher's environment, readable before MPI starts (0 as a singleton). */
    static int environmentRank() {
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

    static boolean debug() {
        return System.getenv("ORRERY_DEBUG") != null;
    }

    /** Outcome of parsing: the usage error, or null; and whether help/version was printed. */
    private record Parsed(String error, boolean helpShown) { }

    private static Parsed parse(SpmdProgram program, String[] args, boolean print) {
        CommandLine cl = new CommandLine(program);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        try {
            cl.parseArgs(args);
            if (cl.isUsageHelpRequested()) {
                if (print) {
                    cl.usage(System.out);
                }
                return new Parsed(null, true);
            }
            if (cl.isVersionHelpRequested()) {
                if (print) {
                    cl.printVersionHelp(System.out);
                }
                return new Parsed(null, true);
            }
            program.validate();
            return new Parsed(null, false);
        } catch (CommandLine.ParameterException e) {
            return new Parsed(e.getMessage() + " (see --help)", false);
        } catch (UserError e) {
            return new Parsed(e.getMessage(), false);
        }
    }

    /** One error line, as every program prints it. */
    public static String errorLine(String program, int rank, String message) {
        return (rank == 0 ? "" : "[rank " + rank + "] ") + "orrery " + program + ": error: " + message;
    }

    private static String describe(Throwable t) {
        if (t instanceof UserError) {
            return t.getMessage();
        }
        if (t instanceof OutOfMemoryError) {
            return "out of memory (" + t.getMessage() + "); give the JVM more heap (launch/orrery --jvm -Xmx...) or use more ranks";
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /**
     * Runs {@code program} as an SPMD job under MPI and exits the JVM with its status. Use from
     * every program's {@code main}.
     */
    public static void main(SpmdProgram program, String[] args) {
        int envRank = environmentRank();
        Parsed parsed = parse(program, args, envRank == 0);
        if (parsed.helpShown()) {
            System.out.flush();
            System.exit(0);
        }
        MpiBackend mpi = null;
        try {
            mpi = MpiBackends.start();
        } catch (MpiFailure e) {
            System.err.println(errorLine(program.name(), envRank, "cannot start MPI: " + e.getMessage()));
            System.exit(1);
        }
        Comm comm = mpi.comm();
        int code;
        if (parsed.error() != null) {
            if (comm.rank() == 0) {
                System.err.println(errorLine(program.name(), 0, parsed.error()));
            }
            code = UserError.BAD_INPUT;
        } else {
            try {
                code = program.run(comm);
            } catch (AgreedError e) {
                if (comm.rank() == 0) {
                    System.err.println(errorLine(program.name(), 0, e.getMessage()));
                    if (debug()) {
                        e.printStackTrace();
                    }
                }
                code = e.exitCode();
            } catch (Throwable t) {
                fatal(program.name(), comm, t);
                return;
            }
        }
        System.out.flush();
        System.err.flush();
        try {
            mpi.finish();
        } catch (MpiFailure e) {
            System.err.println(errorLine(program.name(), comm.rank(), e.getMessage()));
            code = code == 0 ? 1 : code;
        }
        System.exit(code);
    }

    /** Prints one line and takes the whole job down. */
    private static void fatal(String name, Comm comm, Throwable t) {
        int code = t instanceof UserError u ? u.exitCode() : 1;
        System.out.flush();
        System.err.println(errorLine(name, comm.rank(), describe(t)));
        if (debug()) {
            t.printStackTrace();
        }
        System.err.flush();
        if (comm.size() == 1) {
            // Nobody to wake: a plain exit avoids Open MPI's abort banner in singleton runs.
            Runtime.getRuntime().halt(code);
        }
        comm.abort(code);
    }

    /**
     * Runs {@code program} in this JVM on a {@link SerialComm} (no MPI), as the unit tests and
     * pure serial tools do. Returns the exit code; error lines go to {@code err}.
     */
    public static int runSerial(SpmdProgram program, PrintStream err, String... args) {
        Parsed parsed = parse(program, args, true);
        if (parsed.helpShown()) {
            return 0;
        }
        if (parsed.error() != null) {
            err.println(errorLine(program.name(), 0, parsed.error()));
            return UserError.BAD_INPUT;
        }
        try {
            return program.run(new SerialComm());
        } catch (UserError e) {
            err.println(errorLine(program.name(), 0, e.getMessage()));
            return e.exitCode();
        } catch (Exception e) {
            err.println(errorLine(program.name(), 0, describe(e)));
            if (debug()) {
                e.printStackTrace(new PrintWriter(err, true));
            }
            return 1;
        }
    }
}

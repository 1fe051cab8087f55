package org.orrery.apps.common;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.orrery.model.UserError;
import org.orrery.parallel.RootWait;
import org.orrery.parallel.SerialComm;
import org.orrery.parallel.Spmd;
import picocli.CommandLine;

/**
 * Starts Orrery programs: picocli parsing and validation, {@code --help}/{@code --version}, and the one-line errors
 * every program shares ({@code orrery <name>: error: <what>}; exit 2 for bad input, 1 for anything else).
 *
 * <ul>
 *   <li>{@link #main}: an SPMD program under MPI. Options are parsed and validated on every rank <em>before</em> any
 *       communication; {@code --help} and {@code --version} print and exit 0 without starting MPI; a usage error is
 *       printed once (by rank 0) and every rank exits 2. The body then runs in {@link Spmd#main}, with
 *       {@link UserError}s mapped to their message and exit code.
 *   <li>{@link #runSerial}: the same program in this JVM on a {@link SerialComm} (unit tests).
 *   <li>{@link #runTool}: a plain (non-MPI) tool such as {@code sweep} or {@code amdahl}.
 * </ul>
 */
public final class Programs {
    private Programs() {}

    /**
     * Library loggers (nom-tam-fits logs a WARNING with a stack trace for a truncated file) are off: the exceptions
     * already say what is wrong, in one line. A strong reference keeps the setting.
     */
    private static final java.util.logging.Logger NOM_TAM_LOG = java.util.logging.Logger.getLogger("nom.tam");

    static {
        NOM_TAM_LOG.setLevel(java.util.logging.Level.OFF);
    }

    /** Outcome of parsing: the usage error, or null; whether help/version was printed; the --summary file or null. */
    private record Parsed(String error, boolean helpShown, java.nio.file.Path summary) {
        Parsed(String error, boolean helpShown) {
            this(error, helpShown, null);
        }
    }

    private static CommandLine commandLine(Object command) {
        CommandLine cl = new CommandLine(command);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        StrictNumbers.register(cl);
        return cl;
    }

    /** Parses {@code args}, prints help or version if asked (and {@code print}), then validates. */
    private static Parsed parse(SpmdProgram program, String[] args, boolean print) {
        CommandLine cl = commandLine(program);
        try {
            cl.parseArgs(args);
            if (helpShown(cl, print)) {
                return new Parsed(null, true);
            }
            program.validate();
            return new Parsed(null, false, summaryOption(cl));
        } catch (CommandLine.ParameterException e) {
            return new Parsed(e.getMessage() + " (see --help)", false);
        } catch (UserError e) {
            return new Parsed(e.getMessage(), false);
        }
    }

    /** The {@code --summary} file of the program's {@link SharedOptions.Output} mixin, or null. */
    private static java.nio.file.Path summaryOption(CommandLine cl) {
        for (Object mixin : cl.getMixins().values()) {
            if (mixin instanceof SharedOptions.Output o) {
                return o.summary();
            }
        }
        return null;
    }

    private static boolean helpShown(CommandLine cl, boolean print) {
        if (cl.isUsageHelpRequested()) {
            if (print) {
                cl.usage(System.out);
            }
            return true;
        }
        if (cl.isVersionHelpRequested()) {
            if (print) {
                cl.printVersionHelp(System.out);
            }
            return true;
        }
        return false;
    }

    /** A failure as the user sees it: input errors keep their message and code. */
    static Spmd.Failure classify(Throwable t) {
        if (t instanceof UserError u) {
            return new Spmd.Failure(u.getMessage(), u.exitCode());
        }
        if (t instanceof java.io.IOException || t instanceof java.io.UncheckedIOException) {
            return new Spmd.Failure(
                    "I/O error: " + org.orrery.io.IoFailures.reason(t), org.orrery.io.IoFailures.EXIT_CODE);
        }
        return Spmd.describe(t);
    }

    /** {@link #classify}, with the program's own advice for running out of memory. */
    static Spmd.Failure classify(SpmdProgram program, Throwable t) {
        if (t instanceof OutOfMemoryError) {
            String advice = program.outOfMemoryAdvice();
            if (advice != null) {
                return new Spmd.Failure("out of memory: " + advice, 1);
            }
        }
        return classify(t);
    }

    /**
     * Runs {@code program} as an SPMD job under MPI and exits the JVM with its status. Use from every program's
     * {@code main}.
     */
    public static void main(Supplier<? extends SpmdProgram> make, String[] args) {
        SpmdProgram program = make.get();
        int threadRanks = Spmd.threadRanks();
        if (threadRanks > 1) {
            mainThreads(make, program, threadRanks, args);
            return;
        }
        Parsed parsed = parse(program, args, Spmd.environmentRank() == 0);
        if (parsed.helpShown()) {
            System.out.flush();
            System.exit(0);
        }
        if (parsed.error() != null) {
            // Every rank found the same error before communicating: rank 0 alone reports it.
            Spmd.main(
                    program.name(),
                    comm -> {
                        throw new Spmd.AgreedError(parsed.error());
                    },
                    Programs::classify);
        } else {
            Spmd.main(
                    program.name(),
                    comm -> {
                        int code = program.run(comm);
                        RootWait.await(comm); // collective: the others wait out rank 0's report asleep
                        RankBreakdown.addToSummary(comm, parsed.summary()); // collective
                        return code;
                    },
                    t -> classify(program, t),
                    parsed.summary() != null); // wait_s is measured only for --summary
        }
    }

    /**
     * {@link #main} with the ranks as threads of this JVM ({@link Spmd#mainThreads}): options parsed once here for
     * help, version and usage errors (printed once, exit 0 or 2, no rank started), then again on every rank into its
     * own program object, as separate JVMs would.
     */
    private static void mainThreads(Supplier<? extends SpmdProgram> make, SpmdProgram first, int ranks, String[] args) {
        Parsed parsed = parse(first, args, true);
        if (parsed.helpShown() || parsed.error() != null) {
            if (parsed.error() != null) {
                System.err.println(Spmd.errorLine(first.name(), 0, parsed.error()));
            }
            System.out.flush();
            System.err.flush();
            System.exit(parsed.error() == null ? 0 : UserError.BAD_INPUT);
        }
        Spmd.mainThreads(
                first.name(),
                ranks,
                rank -> {
                    SpmdProgram program = rank == 0 ? first : make.get();
                    Parsed mine = rank == 0 ? parsed : parse(program, args, false);
                    if (mine.error() != null) { // cannot differ from rank 0's parse: same arguments, same checks
                        throw new IllegalStateException(mine.error());
                    }
                    return comm -> {
                        int code = program.run(comm);
                        RootWait.await(comm); // collective: the others wait out rank 0's report
                        RankBreakdown.addToSummary(comm, mine.summary()); // collective
                        return code;
                    };
                },
                t -> classify(first, t),
                parsed.summary() != null);
    }

    /**
     * Runs {@code program} in this JVM on a {@link SerialComm} (no MPI), as the unit tests do. Returns the exit code;
     * error lines go to {@code err}.
     */
    public static int runSerial(SpmdProgram program, PrintStream err, String... args) {
        Parsed parsed = parse(program, args, true);
        if (parsed.helpShown()) {
            return 0;
        }
        if (parsed.error() != null) {
            err.println(Spmd.errorLine(program.name(), 0, parsed.error()));
            return UserError.BAD_INPUT;
        }
        try {
            return program.run(new SerialComm());
        } catch (Exception e) {
            Spmd.Failure f = classify(program, e);
            err.println(Spmd.errorLine(program.name(), 0, f.message()));
            if (f.exitCode() != UserError.BAD_INPUT && Spmd.debug()) {
                e.printStackTrace(err);
            }
            return f.exitCode();
        }
    }

    /** Parses and runs a plain (non-MPI) {@code tool}; returns the exit code instead of exiting. */
    public static int runTool(String name, Callable<Integer> tool, String... args) {
        CommandLine cl = commandLine(tool);
        try {
            cl.parseArgs(args);
            if (helpShown(cl, true)) {
                return 0;
            }
            return tool.call();
        } catch (CommandLine.ParameterException e) {
            System.err.println(Spmd.errorLine(name, 0, e.getMessage() + " (see --help)"));
            return UserError.BAD_INPUT;
        } catch (Exception e) {
            Spmd.Failure f = classify(e);
            System.err.println(Spmd.errorLine(name, 0, f.message()));
            if (f.exitCode() != UserError.BAD_INPUT && Spmd.debug()) {
                e.printStackTrace();
            }
            return f.exitCode();
        }
    }
}

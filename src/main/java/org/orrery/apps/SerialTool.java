package org.orrery.apps;

import java.util.concurrent.Callable;

import org.orrery.model.UserError;

import picocli.CommandLine;

/**
 * Runs a plain (non-MPI) Orrery tool such as {@code sweep} or {@code amdahl}: picocli parsing,
 * {@code --help}/{@code --version}, and the same one-line errors as the SPMD programs
 * ({@code orrery <name>: error: <what>}, exit 2 for bad input, 1 for anything else).
 */
public final class SerialTool {
    private SerialTool() {
    }

    /** Parses and runs {@code tool}; returns the exit code instead of exiting (for tests). */
    public static int run(String name, Callable<Integer> tool, String... args) {
        CommandLine cl = new CommandLine(tool);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        try {
            cl.parseArgs(args);
            if (cl.isUsageHelpRequested()) {
                cl.usage(System.out);
                return 0;
            }
            if (cl.isVersionHelpRequested()) {
                cl.printVersionHelp(System.out);
                return 0;
            }
            return tool.call();
        } catch (CommandLine.ParameterException e) {
            System.err.println("orrery " + name + ": error: " + e.getMessage() + " (see --help)");
            return UserError.BAD_INPUT;
        } catch (UserError e) {
            System.err.println("orrery " + name + ": error: " + e.getMessage());
            return e.exitCode();
        } catch (Exception e) {
            System.err.println("orrery " + name + ": error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            if (System.getenv("ORRERY_DEBUG") != null) {
                e.printStackTrace();
            }
            return 1;
        }
    }
}

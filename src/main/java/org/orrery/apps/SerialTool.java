package org.orrery.apps;

import java.util.concurrent.Callable;

import org.orrery.apps.common.Programs;

/**
 * Runs a plain (non-MPI) Orrery tool such as {@code sweep}: delegates to {@link Programs#runTool},
 * kept until every tool calls that directly.
 */
final class SerialTool {
    private SerialTool() {
    }

    /** Parses and runs {@code tool}; returns the exit code instead of exiting (for tests). */
    static int run(String name, Callable<Integer> tool, String... args) {
        return Programs.runTool(name, tool, args);
    }
}

package org.orrery.archfixture.parallel;

import org.orrery.archfixture.model.ModelUsesIo;
import picocli.CommandLine;

/** Violates "parallel depends on the JDK and mpi.* only": parses options and holds a model type. */
public final class ParallelUsesPicocli {
    private ParallelUsesPicocli() {}

    public static int parse(Object options, ModelUsesIo state, String... args) {
        return new CommandLine(options).execute(args) + state.hashCode();
    }
}

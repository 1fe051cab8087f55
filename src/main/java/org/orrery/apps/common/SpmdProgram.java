package org.orrery.apps.common;

import org.orrery.parallel.Comm;

/**
 * An Orrery program: a picocli {@code @Command} object whose fields hold the parsed options. {@link Programs#main}
 * parses the arguments on every rank, calls {@link #validate()} (pure: no MPI, no I/O beyond what options alone
 * decide), starts MPI, and calls {@link #run(Comm)} on every rank.
 */
public interface SpmdProgram {

    /** The name used in messages: {@code orrery <name>: error: ...}. */
    String name();

    /**
     * Checks option values that are wrong whatever the input files hold (ranges, combinations). Runs identically on
     * every rank before MPI starts; throws {@link org.orrery.model.UserError}.
     */
    default void validate() {}

    /** The program body, on every rank. Returns the process exit code (0 = success). */
    int run(Comm comm) throws Exception;

    /**
     * What to tell a user whose run ran out of memory (how much this run needs, and why), or null for the generic
     * advice.
     */
    default String outOfMemoryAdvice() {
        return null;
    }
}

package org.orrery.model;

/**
 * A problem with what the user asked for or gave (an option, an input file, a parameter): the program prints one line
 * {@code orrery <program>: error: <message>} and exits with {@link #exitCode()} (2 by default). The message names the
 * offending input.
 */
public class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Exit code for invalid input or options. */
    public static final int BAD_INPUT = 2;

    private final int exitCode;

    public UserError(String message) {
        this(message, BAD_INPUT);
    }

    public UserError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
        this.exitCode = BAD_INPUT;
    }

    public int exitCode() {
        return exitCode;
    }
}

package org.orrery.parallel;

/**
 * An MPI call reported an error, or MPI could not be started: fatal for the job. The message is one line naming the
 * call and MPI's own error string (e.g. {@code MPI_Bcast failed: MPI_ERR_TRUNCATE: message truncated (error code 15)}),
 * or what to do when the backend cannot start.
 */
public final class MpiFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Thrown by the native shim (JNI ThrowNew needs this constructor). */
    public MpiFailure(String message) {
        super(message);
    }

    public MpiFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

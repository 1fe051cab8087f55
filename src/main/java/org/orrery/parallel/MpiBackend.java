package org.orrery.parallel;

/**
 * A started MPI: the world communicator and the way to finalise it. Obtained from {@link MpiBackends#start()};
 * {@link Spmd} finalises it on every normal path.
 */
public interface MpiBackend {

    /** The communicator over all ranks of the job. */
    Comm comm();

    /** MPI_Finalize; throws {@link MpiFailure} if MPI reports an error. */
    void finish();
}

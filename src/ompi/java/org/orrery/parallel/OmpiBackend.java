package org.orrery.parallel;

import mpi.MPI;
import mpi.MPIException;

/**
 * The Open MPI Java bindings backend ({@code mpi.jar}): starts MPI with {@code MPI_THREAD_FUNNELED} and wraps
 * {@code MPI.COMM_WORLD} in {@link MpiComm}. Instantiated by name from {@link MpiBackends} (this class exists only in
 * builds made with {@code -Dmpi.jar}).
 */
public final class OmpiBackend implements MpiBackend {
    private final MpiComm comm;

    /** MPI_Init_thread(FUNNELED) through mpi.jar; throws {@link MpiFailure} on failure. */
    public OmpiBackend() {
        try {
            MPI.InitThread(new String[0], MPI.THREAD_FUNNELED);
        } catch (MPIException e) {
            throw new MpiFailure("MPI_Init_thread failed: " + e.getMessage(), e);
        }
        comm = new MpiComm(MPI.COMM_WORLD);
    }

    @Override
    public Comm comm() {
        return comm;
    }

    @Override
    public void finish() {
        try {
            MPI.Finalize();
        } catch (MPIException e) {
            throw new MpiFailure("MPI_Finalize failed: " + e.getMessage(), e);
        }
    }
}

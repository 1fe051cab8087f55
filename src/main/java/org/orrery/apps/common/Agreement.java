package org.orrery.apps.common;

import org.orrery.model.UserError;
import org.orrery.parallel.Comm;
import org.orrery.parallel.RootWait;
import org.orrery.parallel.Spmd;

/**
 * collective: every rank stops together when rank 0 found a problem before the work started, with rank 0's message
 * <em>and</em> its exit status (2 for bad input, 1 for an unwritable or busy output directory), so that every rank, and
 * therefore mpirun, exits with the documented status.
 */
public final class Agreement {
    private Agreement() {}

    /**
     * collective: returns if {@code rootError} (meaningful on rank 0 only) is null; else throws an agreed error on
     * every rank.
     */
    public static void agree(Comm comm, UserError rootError) {
        RootWait.await(comm); // collective: the others wait out rank 0's work asleep, not polling in the bcast
        long[] code = {comm.isRoot() && rootError != null ? rootError.exitCode() : 0};
        comm.bcast(code, 0, 1, 0); // collective
        try {
            comm.agree(comm.isRoot() && rootError != null ? rootError.getMessage() : null); // collective
        } catch (Spmd.AgreedError e) {
            throw new Spmd.AgreedError(e.getMessage(), code[0] == 0 ? Spmd.AgreedError.EXIT_CODE : (int) code[0]);
        }
    }
}

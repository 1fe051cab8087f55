package org.orrery.apps.nbody;

import org.orrery.apps.nbody.NBodySetup.Plan;
import org.orrery.apps.nbody.NBodySetup.Start;
import org.orrery.model.ParticleState;
import org.orrery.parallel.Comm;

/** The leapfrog start (plan, particles, description) from rank 0 to every rank, counts first, then payload. */
final class NBodyBroadcast {
    private NBodyBroadcast() {}

    /** collective: rank 0's start (plan, state, description) on every rank; counts first, then payload. */
    static Start start(Comm comm, Start start) {
        boolean root = comm.isRoot();
        double[] reals = root ? start.plan().reals() : new double[5];
        long[] ints = root ? start.plan().integers() : new long[6];
        comm.bcast(reals, 0, reals.length, 0); // collective
        comm.bcast(ints, 0, ints.length, 0); // collective
        Plan plan = Plan.of(reals, ints);
        ParticleState s = root ? start.state() : null;
        long[] head = root ? new long[] {s.n, s.step} : new long[2];
        comm.bcast(head, 0, 2, 0); // collective
        if (!root) {
            s = new ParticleState((int) head[0]);
            s.step = head[1];
        }
        for (double[] col : s.columns()) {
            comm.bcast(col, 0, s.n, 0); // collective
        }
        s.time = s.step * plan.dt();
        String desc = comm.bcastString(root ? start.description() : "", 0); // collective
        return new Start(s, plan, desc);
    }
}

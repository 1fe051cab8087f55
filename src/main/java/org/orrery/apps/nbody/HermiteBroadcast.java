package org.orrery.apps.nbody;

import org.orrery.apps.nbody.HermiteSetup.Plan;
import org.orrery.apps.nbody.HermiteSetup.Start;
import org.orrery.model.HermiteState;
import org.orrery.model.ParticleState;
import org.orrery.parallel.Comm;

/**
 * collective: rank 0's {@link Start} on every rank (counts first, then payload): the plan, the particles with step and
 * time, the description and, on restart, the {@link HermiteState} (scalars, particle times, levels, force and jerk,
 * steps per level) &mdash; bit for bit.
 */
final class HermiteBroadcast {
    private HermiteBroadcast() {}

    static Start start(Comm comm, Start start) {
        boolean root = comm.isRoot();
        double[] reals = root ? start.plan().reals() : new double[7];
        long[] ints = root ? start.plan().integers() : new long[6];
        comm.bcast(reals, 0, reals.length, 0); // collective
        comm.bcast(ints, 0, ints.length, 0); // collective
        Plan plan = Plan.of(reals, ints);
        ParticleState s = root ? start.state() : null;
        HermiteState h = root ? start.hermite() : null;
        long[] head = root ? new long[] {s.n, s.step, h != null ? 1 : 0} : new long[3];
        double[] time = {root ? s.time : 0};
        comm.bcast(head, 0, 3, 0); // collective
        comm.bcast(time, 0, 1, 0); // collective
        if (!root) {
            s = new ParticleState((int) head[0]);
            s.step = head[1];
            s.time = time[0];
        }
        for (double[] col : s.columns()) {
            comm.bcast(col, 0, s.n, 0); // collective
        }
        String desc = comm.bcastString(root ? start.description() : "", 0); // collective
        if (head[2] != 0) {
            h = hermite(comm, h, s.n, plan); // collective
        }
        return new Start(s, h, plan, desc);
    }

    private static HermiteState hermite(Comm comm, HermiteState h, int n, Plan plan) {
        boolean root = comm.isRoot();
        int levels = plan.params().maxLevel() + 1;
        double[] scalars = root ? new double[] {h.time()} : new double[1];
        long[] counts = root ? new long[] {h.blocks(), h.interactions()} : new long[2];
        double[] ti = root ? h.particleTime() : new double[n];
        int[] level = root ? h.level() : new int[n];
        double[] aj = root ? h.forceJerk() : new double[6 * n];
        long[] perLevel = root ? h.stepsPerLevel() : new long[levels];
        comm.bcast(scalars, 0, 1, 0); // collective
        comm.bcast(counts, 0, 2, 0); // collective
        comm.bcast(ti, 0, n, 0); // collective
        comm.bcast(level, 0, n, 0); // collective
        comm.bcast(aj, 0, 6 * n, 0); // collective
        comm.bcast(perLevel, 0, levels, 0); // collective
        if (root) {
            return h;
        }
        HermiteSetup.Plan p = plan;
        return new HermiteState(
                p.params().g(),
                p.params().eps(),
                p.params().eta(),
                p.params().etaStart(),
                p.params().dtMax(),
                p.params().maxLevel(),
                scalars[0],
                counts[0],
                counts[1],
                ti,
                level,
                aj,
                perLevel);
    }
}

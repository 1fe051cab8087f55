package org.orrery.sim;

import org.orrery.model.ParticleState;
import org.orrery.parallel.BlockDecomposition;
import org.orrery.parallel.Comm;
import org.orrery.parallel.WorkerPool;
import org.orrery.physics.gravity.Diagnostics;
import org.orrery.physics.gravity.DirectSum;
import org.orrery.physics.gravity.Leapfrog;

/**
 * The SPMD N-body step, as the teaching code structures it: every rank holds the full state; rank r computes the
 * accelerations of its contiguous block of particles (first n mod p ranks one more) against all n, optionally with
 * threads; {@code allGatherv} (direct buffers) shares the blocks; then every rank applies the same kick-drift-kick
 * update to all particles. Because each particle's force sum has a fixed order ({@link DirectSum}), the state is
 * bitwise identical on every rank and for any number of ranks and threads.
 *
 * <p>The allGatherv also carries one number per rank, max-reduced ({@link #step(long)}): a program that must agree on
 * something every step (the stop request of {@code StopSignals}) gets it with the accelerations, without a second
 * collective per step. Each rank's block in the gathered buffer is {@code [ax | ay | az | flag]}.
 *
 * <p>Time spent in computation and in communication (including waiting for slower ranks) is accumulated for the
 * summary.
 */
public final class GravityEngine implements AutoCloseable {
    private final Comm comm;
    private final ParticleState s;
    private final double g;
    private final double eps2;
    private final double dt;
    private final WorkerPool pool;
    private final BlockDecomposition blocks;
    private final int lo;
    private final int hi;
    private final int[] countsF;
    private final int[] displsF;
    private final int[] counts1;
    private final int[] displs1;
    private final double[] ax;
    private final double[] ay;
    private final double[] az;
    private final double[] local;
    private final double[] gathered;
    private final double[] phi;
    private double computeSeconds;
    private double commSeconds;

    /**
     * @param g gravitational constant, &gt; 0
     * @param eps Plummer softening length, &gt; 0
     * @param dt time step, &gt; 0
     * @param threads threads for the force loop, &ge; 1
     * @throws IllegalArgumentException when a parameter is out of range (callers validate first)
     */
    public GravityEngine(Comm comm, ParticleState s, double g, double eps, double dt, int threads) {
        positive("gravitational constant", g);
        positive("softening length", eps);
        positive("time step", dt);
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be >= 1, got " + threads);
        }
        this.comm = comm;
        this.s = s;
        this.g = g;
        this.eps2 = eps * eps;
        this.dt = dt;
        this.pool = new WorkerPool(threads);
        this.blocks = new BlockDecomposition(s.n, comm.size());
        this.lo = (int) blocks.start(comm.rank());
        this.hi = (int) blocks.end(comm.rank());
        // Per rank: 3 accelerations per particle, then the flag.
        this.countsF = new int[comm.size()];
        this.displsF = new int[comm.size()];
        for (int r = 0; r < comm.size(); r++) {
            countsF[r] = 3 * (int) blocks.count(r) + 1;
            displsF[r] = 3 * (int) blocks.start(r) + r;
        }
        this.counts1 = blocks.counts(1);
        this.displs1 = blocks.displs(1);
        this.ax = new double[s.n];
        this.ay = new double[s.n];
        this.az = new double[s.n];
        this.local = new double[3 * (hi - lo) + 1];
        this.gathered = new double[3 * s.n + comm.size()];
        this.phi = new double[s.n];
    }

    private static void positive(String what, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + v);
        }
    }

    /** collective: accelerations of the current positions, known on every rank afterwards. */
    public void computeForces() {
        computeForces(0); // collective
    }

    /**
     * collective: accelerations of the current positions, known on every rank afterwards; returns the maximum of every
     * rank's {@code flag} (0 &le; flag &lt; 2<sup>53</sup>), gathered with them.
     */
    private long computeForces(long flag) {
        double t0 = comm.wtime();
        final int cnt = hi - lo;
        pool.forRange(lo, hi, pool.grain(lo, hi, 4, DirectSum.TILE), (a, b) -> {
            DirectSum.Scratch scratch = new DirectSum.Scratch();
            // Block layout in the send buffer: [ax block | ay block | az block].
            DirectSum.accelerations(
                    s.x,
                    s.y,
                    s.z,
                    s.m,
                    s.n,
                    a,
                    b,
                    g,
                    eps2,
                    local,
                    a - lo,
                    local,
                    cnt + a - lo,
                    local,
                    2 * cnt + a - lo,
                    scratch);
        });
        double t1 = comm.wtime();
        local[3 * cnt] = flag;
        comm.allGatherv(local, 0, gathered, countsF, displsF); // collective
        double max = 0;
        for (int r = 0; r < comm.size(); r++) {
            int start = (int) blocks.start(r);
            int c = (int) blocks.count(r);
            int base = displsF[r];
            System.arraycopy(gathered, base, ax, start, c);
            System.arraycopy(gathered, base + c, ay, start, c);
            System.arraycopy(gathered, base + 2 * c, az, start, c);
            max = Math.max(max, gathered[base + 3 * c]);
        }
        double t2 = comm.wtime();
        computeSeconds += t1 - t0;
        commSeconds += t2 - t1;
        return (long) max;
    }

    /** collective: one kick-drift-kick step of length dt; forces must be current. */
    public void step() {
        step(0); // collective
    }

    /**
     * collective: one kick-drift-kick step of length dt (forces must be current); returns the maximum over the ranks of
     * {@code flag} (0 &le; flag &lt; 2<sup>53</sup>, e.g. a stop request), agreed with the step's accelerations.
     */
    public long step(long flag) {
        double h = 0.5 * dt;
        Leapfrog.kick(s.vx, s.vy, s.vz, ax, ay, az, s.n, h);
        Leapfrog.drift(s.x, s.y, s.z, s.vx, s.vy, s.vz, s.n, dt);
        long agreed = computeForces(flag); // collective
        Leapfrog.kick(s.vx, s.vy, s.vz, ax, ay, az, s.n, h);
        s.step++;
        s.time = s.step * dt;
        return agreed;
    }

    /** collective: diagnostics of the current state, identical on every rank. */
    public Diagnostics.Values diagnostics() {
        double t0 = comm.wtime();
        double[] mine = new double[hi - lo];
        pool.forRange(
                lo,
                hi,
                pool.grain(lo, hi, 4, 64),
                (a, b) -> DirectSum.potentials(s.x, s.y, s.z, s.m, s.n, a, b, g, eps2, mine, a - lo));
        double t1 = comm.wtime();
        comm.allGatherv(mine, 0, phi, counts1, displs1); // collective
        computeSeconds += t1 - t0;
        commSeconds += comm.wtime() - t1;
        return Diagnostics.compute(s, phi);
    }

    public double computeSeconds() {
        return computeSeconds;
    }

    public double commSeconds() {
        return commSeconds;
    }

    @Override
    public void close() {
        pool.close();
    }
}

package org.orrery.sim;

import java.util.Arrays;
import org.orrery.model.HermiteState;
import org.orrery.model.ParticleState;
import org.orrery.model.UserError;
import org.orrery.parallel.BlockDecomposition;
import org.orrery.parallel.Comm;
import org.orrery.parallel.WorkerPool;
import org.orrery.physics.gravity.Diagnostics;
import org.orrery.physics.gravity.DirectSum;
import org.orrery.physics.gravity.ForceJerk;
import org.orrery.physics.gravity.Hermite;
import org.orrery.physics.gravity.HermiteParams;

/**
 * The SPMD 4th-order Hermite integrator with individual block time steps (Makino &amp; Aarseth 1992; the formulas are
 * in {@link Hermite}, the force and jerk in {@link ForceJerk}).
 *
 * <p><b>One block step.</b> Every rank holds the full state. The next block time is t = min_i (t_i + Δ_i); the active
 * particles are those with t_i + Δ_i = t, listed in ascending index order (so the list is the same on every rank).
 * Every rank predicts all n particles to t. The active list is split over the ranks in contiguous blocks
 * ({@link BlockDecomposition}: the first n_act mod p ranks one more); each rank computes acceleration and jerk of its
 * share against all n predicted particles (with threads inside the rank) and one {@code allGatherv} (width 6) gives
 * every rank all of them; every rank then applies the same corrector and step choice to all active particles. Each sum
 * runs over j in a fixed order, so the state is bitwise identical on every rank and for any number of ranks and
 * threads.
 *
 * <p><b>Cost.</b> A block costs O(n_act · n) interactions plus O(n) for prediction and the search for the next block on
 * every rank, and one collective. When most blocks hold a few particles (a dense core), the O(n) parts and the
 * collective's latency dominate, and more ranks cannot help.
 *
 * <p><b>State.</b> {@link #state()} returns a {@link HermiteState} that, with the {@link ParticleState}, continues the
 * run bit for bit through {@link #restore}. Diagnostics (energies) need all particles at one time: every multiple of
 * Δ_max is such a time ({@link #advanceTo}).
 */
public final class HermiteEngine implements AutoCloseable {
    private final Comm comm;
    private final ParticleState s;
    private final HermiteParams p;
    private final double eps2;
    private final WorkerPool pool;
    private final int n;
    private final double[] aj;
    private final double[] ti;
    private final int[] level;
    private final long[] stepsPerLevel;
    private final double[] xp;
    private final double[] yp;
    private final double[] zp;
    private final double[] vxp;
    private final double[] vyp;
    private final double[] vzp;
    private final int[] active;
    private final double[] gathered;
    private final double[] phi;
    private double[] local = new double[0];
    private final ThreadLocal<ForceJerk.Scratch> scratch = ThreadLocal.withInitial(ForceJerk.Scratch::new);
    private double time;
    private long blocks;
    private long interactions;
    private double computeSeconds;
    private double commSeconds;

    private HermiteEngine(Comm comm, ParticleState s, HermiteParams p, int threads) {
        this.comm = comm;
        this.s = s;
        this.p = p;
        this.eps2 = p.eps() * p.eps();
        this.pool = new WorkerPool(threads);
        this.n = s.n;
        this.aj = new double[6 * n];
        this.ti = new double[n];
        this.level = new int[n];
        this.stepsPerLevel = new long[p.maxLevel() + 1];
        this.xp = new double[n];
        this.yp = new double[n];
        this.zp = new double[n];
        this.vxp = new double[n];
        this.vyp = new double[n];
        this.vzp = new double[n];
        this.active = new int[n];
        this.gathered = new double[6 * n];
        this.phi = new double[n];
    }

    /**
     * collective: starts a run from {@code s} at time s.time: forces and jerks of all particles, starting steps Δ₀ =
     * η_s |a|/|ȧ| quantised to the block levels (for particles with ȧ = 0, a cold start, see {@link #coldStart}). The
     * engine then owns {@code s} (it updates it in place).
     */
    public static HermiteEngine start(Comm comm, ParticleState s, HermiteParams p, int threads) {
        if (s.time % p.dtMax() != 0) {
            throw new UserError("Hermite start time " + s.time + " is not a multiple of the largest step " + p.dtMax());
        }
        HermiteEngine e = new HermiteEngine(comm, s, p, threads);
        e.time = s.time;
        Arrays.fill(e.ti, e.time);
        for (int i = 0; i < e.n; i++) {
            e.active[i] = i;
        }
        e.predict(e.time);
        e.forces(e.n); // collective
        System.arraycopy(e.gathered, 0, e.aj, 0, 6 * e.n);
        int cold = 0;
        for (int i = 0; i < e.n; i++) {
            double dt0 = Hermite.startingStep(p.etaStart(), e.aj, i);
            e.level[i] = Hermite.levelAtMost(dt0, p.dtMax(), p.maxLevel());
            if (dt0 == Double.POSITIVE_INFINITY) {
                e.active[cold++] = i;
            }
        }
        e.coldStart(cold); // collective
        for (int i = 0; i < e.n; i++) {
            e.active[i] = i;
        }
        return e;
    }

    /**
     * collective: starting steps of the {@code active[0, cold)} particles whose jerk vanishes (a cold start: every
     * velocity zero), for which η_s |a|/|ȧ| sets no limit. Their snap a⁽²⁾ is measured from the jerk after a trial
     * prediction over δ = Δ_max / 2²⁰ (ȧ(δ) = a⁽²⁾ δ + O(δ²), and the predicted relative velocities (a_j − a_i) δ carry
     * no cancellation), and Aarseth's criterion with ȧ = a⁽³⁾ = 0 gives Δ₀ = √(η_s |a| / |a⁽²⁾|). The same list on
     * every rank, so the same levels.
     */
    private void coldStart(int cold) {
        if (cold == 0) {
            return;
        }
        final double delta = Math.scalb(p.dtMax(), -20);
        predict(time + delta);
        forces(cold); // collective
        for (int k = 0; k < cold; k++) {
            final int i = active[k];
            level[i] = Hermite.levelAtMost(
                    Hermite.coldStartStep(p.etaStart(), aj, i, gathered, k, delta), p.dtMax(), p.maxLevel());
        }
    }

    /** Continues a run from a particle state and the Hermite state saved with it (no communication). */
    public static HermiteEngine restore(Comm comm, ParticleState s, HermiteState st, int threads) {
        if (st.n() != s.n) {
            throw new UserError("Hermite state holds " + st.n() + " particles, the particle state " + s.n);
        }
        HermiteParams p = new HermiteParams(st.g(), st.eps(), st.eta(), st.etaStart(), st.dtMax(), st.maxLevel());
        HermiteEngine e = new HermiteEngine(comm, s, p, threads);
        System.arraycopy(st.forceJerk(), 0, e.aj, 0, 6 * e.n);
        System.arraycopy(st.particleTime(), 0, e.ti, 0, e.n);
        System.arraycopy(st.level(), 0, e.level, 0, e.n);
        System.arraycopy(st.stepsPerLevel(), 0, e.stepsPerLevel, 0, e.stepsPerLevel.length);
        e.time = st.time();
        e.blocks = st.blocks();
        e.interactions = st.interactions();
        return e;
    }

    /** Predicted positions and velocities of all particles at time t. */
    private void predict(double t) {
        Hermite.predict(s.x, s.y, s.z, s.vx, s.vy, s.vz, aj, ti, t, 0, n, xp, yp, zp, vxp, vyp, vzp);
    }

    /**
     * collective: acceleration and jerk of {@code active[0, count)} from the predicted state into {@code gathered[6k
     * …]}, the k-th active particle's six values, on every rank.
     */
    private void forces(int count) {
        double t0 = comm.wtime();
        BlockDecomposition bd = new BlockDecomposition(count, comm.size());
        final int lo = (int) bd.start(comm.rank());
        final int hi = (int) bd.end(comm.rank());
        if (local.length < 6 * (hi - lo)) {
            local = new double[6 * (hi - lo)];
        }
        final double[] out = local;
        final double g = p.g();
        pool.forRange(
                lo,
                hi,
                pool.grain(lo, hi, 2, 32),
                (a, b) -> ForceJerk.evaluate(
                        xp, yp, zp, vxp, vyp, vzp, s.m, n, active, a, b, g, eps2, out, 6 * (a - lo), scratch.get()));
        double t1 = comm.wtime();
        comm.allGatherv(out, 0, gathered, bd.counts(6), bd.displs(6)); // collective
        computeSeconds += t1 - t0;
        commSeconds += comm.wtime() - t1;
        interactions += (long) count * n;
    }

    /** collective: one block step; returns the number of active particles. */
    public int step() {
        double next = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            next = Math.min(next, ti[i] + Hermite.step(p.dtMax(), level[i]));
        }
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (ti[i] + Hermite.step(p.dtMax(), level[i]) == next) {
                active[count++] = i;
            }
        }
        predict(next);
        forces(count); // collective
        final double eta = p.eta();
        for (int k = 0; k < count; k++) {
            final int i = active[k];
            final int l = level[i];
            final double crit = Hermite.correct(
                    i,
                    Hermite.step(p.dtMax(), l),
                    s.x,
                    s.y,
                    s.z,
                    s.vx,
                    s.vy,
                    s.vz,
                    aj,
                    xp,
                    yp,
                    zp,
                    vxp,
                    vyp,
                    vzp,
                    gathered,
                    6 * k);
            stepsPerLevel[l]++;
            ti[i] = next;
            level[i] = Hermite.nextLevel(l, Math.sqrt(eta * crit), next, p.dtMax(), p.maxLevel());
        }
        time = next;
        blocks++;
        s.time = time;
        s.step = blocks;
        return count;
    }

    /**
     * collective: block steps until every particle has reached {@code tEnd}, a multiple of Δ_max not before the current
     * time; all particles are then synchronised at tEnd.
     */
    public void advanceTo(double tEnd) {
        if (!(tEnd >= time) || tEnd % p.dtMax() != 0) {
            throw new UserError("Hermite end time " + tEnd + " must be a multiple of the largest step " + p.dtMax()
                    + " not before the current time " + time);
        }
        while (!(time == tEnd && synchronised())) {
            step(); // collective
        }
    }

    /** True when every particle sits at the current block time (as after every multiple of Δ_max). */
    public boolean synchronised() {
        for (int i = 0; i < n; i++) {
            if (ti[i] != time) {
                return false;
            }
        }
        return true;
    }

    /** collective: energies and structure of the synchronised state, identical on every rank. */
    public Diagnostics.Values diagnostics() {
        if (!synchronised()) {
            throw new IllegalStateException(
                    "diagnostics need all particles at one time (a multiple of dtMax); time " + time);
        }
        double t0 = comm.wtime();
        BlockDecomposition bd = new BlockDecomposition(n, comm.size());
        final int lo = (int) bd.start(comm.rank());
        final int hi = (int) bd.end(comm.rank());
        double[] mine = new double[hi - lo];
        pool.forRange(
                lo,
                hi,
                pool.grain(lo, hi, 4, 64),
                (a, b) -> DirectSum.potentials(s.x, s.y, s.z, s.m, n, a, b, p.g(), eps2, mine, a - lo));
        double t1 = comm.wtime();
        comm.allGatherv(mine, 0, phi, bd.counts(1), bd.displs(1)); // collective
        computeSeconds += t1 - t0;
        commSeconds += comm.wtime() - t1;
        return Diagnostics.compute(s, phi);
    }

    /** A copy of the integrator state (with the particle state, everything a bit-exact restart needs). */
    public HermiteState state() {
        return new HermiteState(
                p.g(),
                p.eps(),
                p.eta(),
                p.etaStart(),
                p.dtMax(),
                p.maxLevel(),
                time,
                blocks,
                interactions,
                ti.clone(),
                level.clone(),
                aj.clone(),
                stepsPerLevel.clone());
    }

    public ParticleState particles() {
        return s;
    }

    public HermiteParams params() {
        return p;
    }

    public double time() {
        return time;
    }

    public long blocks() {
        return blocks;
    }

    /** Pairwise force+jerk evaluations so far (n per active particle per block, and n² at the start). */
    public long interactions() {
        return interactions;
    }

    /** Particle steps taken at each level L (step Δ_max / 2^L) so far; a copy. */
    public long[] stepsPerLevel() {
        return stepsPerLevel.clone();
    }

    /** Current level of every particle; a copy. */
    public int[] levels() {
        return level.clone();
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

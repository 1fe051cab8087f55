package org.orrery.physics.ics;

import org.apache.commons.math3.exception.MaxCountExceededException;
import org.apache.commons.math3.ode.ContinuousOutputModel;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.events.EventHandler;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.apache.commons.math3.special.Erf;
import org.orrery.model.UserError;

/**
 * King's (1966, AJ 71, 64) lowered-isothermal model: distribution function f(E) ∝ exp(−E/σ²) − 1 for E &lt; φ_t (zero
 * beyond), in the dimensionless potential W = (φ_t − φ)/σ². Its density, in units of the central one ρ₀ = ρ(W₀),
 *
 * <pre>
 *   ρ̃(W) = e^W erf(√W) − √(4W/π) (1 + 2W/3)
 * </pre>
 *
 * and Poisson's equation in units of the King radius r₀ = √(9σ²/(4πGρ₀)) give King's equation
 *
 * <pre>
 *   W'' + (2/r) W' = −9 ρ̃(W)/ρ̃(W₀),      W(0) = W₀,  W'(0) = 0
 * </pre>
 *
 * integrated outwards (commons-math3 Dormand–Prince 8(5,3), relative tolerance 1e-12; the first step from the series W
 * ≈ W₀ − 3r²/2) to the tidal radius r_t where W = 0. The enclosed mass M̃(r) = ∫₀^r ρ̃/ρ̃(W₀) r'² dr' is integrated
 * alongside (the physical mass is 4πρ₀r₀³ M̃). Concentration c = log₁₀(r_t/r₀). Binney &amp; Tremaine (2008, §4.3.3c)
 * describe the model.
 *
 * <p>Units of this class: r₀ = 1, σ = 1, G = 1, so ρ₀ = 9/(4π) and M(r) = 9 M̃(r). Velocities at a point with potential
 * W have speed distribution p(v) ∝ v² (e^{W − v²/2} − 1), 0 ≤ v ≤ √(2W).
 *
 * <p>W₀ must lie in (0, 16]: beyond about 16 the model is so concentrated that r_t/r₀ exceeds 10⁶ and the sampled
 * cluster is dominated by an unresolved core (King's own sequence stops near W₀ = 12–16). Immutable after construction;
 * safe to share between threads.
 */
public final class KingModel {
    /** The largest central potential accepted. */
    public static final double MAX_W0 = 16;

    private final double w0;
    private final double rho0;
    private final double rt;
    private final double massT;
    private final double[] r;
    private final double[] w;
    private final double[] mass;

    /** Solves King's equation for central potential {@code w0} ∈ (0, 16]. */
    public KingModel(double w0) {
        if (!(w0 > 0 && w0 <= MAX_W0)) {
            throw new UserError("King central potential W0 must be in (0, " + MAX_W0 + "], got " + w0);
        }
        this.w0 = w0;
        this.rho0 = density(w0);
        double start = 1e-6 * Math.min(1, 1 / Math.sqrt(w0));
        double[] y = {w0 - 1.5 * start * start, -3 * start, start * start * start / 3.0};
        DormandPrince853Integrator ode = new DormandPrince853Integrator(1e-12, 1e3, 1e-13, 1e-12);
        ContinuousOutputModel dense = new ContinuousOutputModel();
        ode.addStepHandler(dense);
        ode.addEventHandler(
                new EventHandler() {
                    @Override
                    public void init(double t0, double[] y0, double t) {
                        // nothing to initialise: the event is a pure function of W
                    }

                    @Override
                    public double g(double t, double[] yy) {
                        return yy[0];
                    }

                    @Override
                    public Action eventOccurred(double t, double[] yy, boolean increasing) {
                        return Action.STOP;
                    }

                    @Override
                    public void resetState(double t, double[] yy) {
                        // STOP never resets
                    }
                },
                1e-3,
                1e-14,
                1000);
        ode.setMaxEvaluations(10_000_000);
        double end;
        try {
            end = ode.integrate(new Equations(), start, y, 1e9, y);
        } catch (MaxCountExceededException e) {
            throw new IllegalStateException("King's equation did not reach W = 0 for W0 = " + w0, e);
        }
        this.rt = end;
        this.massT = y[2];
        // Tabulate on a grid uniform in log r (dense near the centre, where sampling needs it).
        int m = 4001;
        r = new double[m];
        w = new double[m];
        mass = new double[m];
        r[0] = 0;
        w[0] = w0;
        mass[0] = 0;
        double lo = Math.log(start);
        double hi = Math.log(rt);
        for (int k = 1; k < m; k++) {
            double rk = k == m - 1 ? rt : Math.exp(lo + (hi - lo) * (k - 1) / (m - 2));
            dense.setInterpolatedTime(rk);
            double[] s = dense.getInterpolatedState();
            r[k] = rk;
            w[k] = k == m - 1 ? 0 : Math.max(0, s[0]);
            mass[k] = k == m - 1 ? massT : s[2];
        }
    }

    /** King's density ρ̃(W) = e^W erf(√W) − √(4W/π)(1 + 2W/3) (0 for W ≤ 0). */
    public static double density(double wv) {
        if (wv <= 0) {
            return 0;
        }
        double sq = Math.sqrt(wv);
        if (wv < 1e-3) {
            // The closed form cancels catastrophically here; its series 8/(15√π) W^{5/2} (1 + 2W/7 + 4W²/63 + O(W³))
            // is accurate to ~1e-11 relative below W = 1e-3.
            return 8.0 / (15.0 * Math.sqrt(Math.PI)) * wv * wv * sq * (1 + wv * (2.0 / 7.0 + wv * (4.0 / 63.0)));
        }
        return Math.exp(wv) * Erf.erf(sq) - Math.sqrt(4 * wv / Math.PI) * (1 + 2 * wv / 3);
    }

    /** y = (W, W', M̃) as functions of r. */
    private final class Equations implements FirstOrderDifferentialEquations {
        @Override
        public int getDimension() {
            return 3;
        }

        @Override
        public void computeDerivatives(double t, double[] y, double[] dy) {
            double rho = density(y[0]) / rho0;
            dy[0] = y[1];
            dy[1] = -9 * rho - 2 * y[1] / t;
            dy[2] = rho * t * t;
        }
    }

    public double w0() {
        return w0;
    }

    /** Tidal radius in King radii. */
    public double tidalRadius() {
        return rt;
    }

    /** Concentration c = log₁₀(r_t / r₀). */
    public double concentration() {
        return Math.log10(rt);
    }

    /** Total dimensionless mass M̃(r_t) (physical mass 4πρ₀r₀³ M̃ = 9 M̃ in this class's units). */
    public double totalMass() {
        return massT;
    }

    /** Fraction of the mass inside radius {@code radius} (King radii). */
    public double massFraction(double radius) {
        if (radius >= rt) {
            return 1;
        }
        return interpolate(mass, radius) / massT;
    }

    /** W at radius {@code radius} (0 beyond r_t). */
    public double potential(double radius) {
        return radius >= rt ? 0 : Math.max(0, interpolate(w, radius));
    }

    /** The radius enclosing mass fraction {@code q} ∈ [0, 1] (inverse of {@link #massFraction}). */
    public double radiusOfMassFraction(double q) {
        double target = q * massT;
        int lo = 0;
        int hi = mass.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (mass[mid] < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double f = mass[hi] == mass[lo] ? 0 : (target - mass[lo]) / (mass[hi] - mass[lo]);
        return r[lo] + f * (r[hi] - r[lo]);
    }

    /** Linear interpolation of the tabulated {@code col} at radius x ∈ [0, r_t]. */
    private double interpolate(double[] col, double x) {
        int lo = 0;
        int hi = r.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (r[mid] <= x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double f = (x - r[lo]) / (r[hi] - r[lo]);
        return col[lo] + f * (col[hi] - col[lo]);
    }
}

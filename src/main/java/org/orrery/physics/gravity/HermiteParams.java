package org.orrery.physics.gravity;

import org.orrery.model.UserError;

/**
 * Parameters of a block-time-step Hermite run, validated on construction (domain errors name the parameter, never a
 * command-line flag).
 *
 * @param g gravitational constant (&gt; 0)
 * @param eps Plummer softening length (&gt; 0: the kernel relies on it to make the self term zero)
 * @param eta Aarseth's accuracy parameter (&gt; 0; 0.01–0.02 is usual)
 * @param etaStart the starting-step parameter η_s of Δ₀ = η_s |a|/|ȧ| (&gt; 0; usually η/10 … η)
 * @param dtMax the largest step, a power of two (so block times stay exact binary fractions)
 * @param maxLevel the deepest level (smallest step dtMax / 2^maxLevel), 1 … 60
 */
public record HermiteParams(double g, double eps, double eta, double etaStart, double dtMax, int maxLevel) {
    /** Levels used unless the caller asks otherwise: steps down to dtMax / 2⁴⁰. */
    public static final int DEFAULT_MAX_LEVEL = 40;

    public HermiteParams {
        if (!(g > 0) || !Double.isFinite(g)) {
            throw new UserError("gravitational constant G must be positive and finite, got " + g);
        }
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new UserError("softening length eps must be positive and finite, got " + eps);
        }
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new UserError("Hermite accuracy parameter eta must be positive and finite, got " + eta);
        }
        if (!(etaStart > 0) || !Double.isFinite(etaStart)) {
            throw new UserError("Hermite starting-step parameter eta_s must be positive and finite, got " + etaStart);
        }
        if (!(dtMax > 0) || !Double.isFinite(dtMax) || Math.scalb(1.0, Math.getExponent(dtMax)) != dtMax) {
            throw new UserError(
                    "largest Hermite time step dtMax must be a power of two (e.g. 0.125 or 1), got " + dtMax);
        }
        if (maxLevel < 1 || maxLevel > 60) {
            throw new UserError("deepest Hermite block level must be in 1..60, got " + maxLevel);
        }
    }

    /**
     * Parameters with η_s = η and the default depth. For a circular orbit of angular frequency ω the starting step η/ω
     * is below the running criterion's √η/ω: a cautious start that block doubling corrects within a few steps.
     */
    public static HermiteParams of(double g, double eps, double eta, double dtMax) {
        return new HermiteParams(g, eps, eta, eta, dtMax, DEFAULT_MAX_LEVEL);
    }

    /** The smallest step dtMax / 2^maxLevel. */
    public double dtMin() {
        return Hermite.step(dtMax, maxLevel);
    }
}

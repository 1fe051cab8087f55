package org.orrery.physics.gravity;

/**
 * Analytic pressureless collapse of a uniform sphere at rest (homologous; every shell reaches the centre at the
 * free-fall time):
 *
 * <pre>
 *   t_ff = sqrt(3π / (32 G ρ)),     r(t) = r₀ cos²β,     t / t_ff = (2/π) (β + sin β cos β)
 * </pre>
 *
 * with β ∈ [0, π/2]. Pure.
 */
public final class Collapse {
    private Collapse() {}

    /** Free-fall time of a uniform sphere of total mass {@code mass} and radius {@code radius}. */
    public static double freeFallTime(double g, double mass, double radius) {
        double rho = mass / (4.0 / 3.0 * Math.PI * radius * radius * radius);
        return Math.sqrt(3 * Math.PI / (32 * g * rho));
    }

    /** r(t)/r₀ for t in [0, t_ff] (0 at and after t_ff). */
    public static double radiusRatio(double t, double tff) {
        double tau = t / tff;
        if (tau <= 0) {
            return 1;
        }
        if (tau >= 1) {
            return 0;
        }
        // Solve (2/π)(β + sinβ cosβ) = τ by bisection on the monotonic left side.
        double lo = 0;
        double hi = Math.PI / 2;
        for (int it = 0; it < 200 && hi - lo > 1e-16; it++) {
            double mid = 0.5 * (lo + hi);
            double f = 2 / Math.PI * (mid + Math.sin(mid) * Math.cos(mid));
            if (f < tau) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double b = 0.5 * (lo + hi);
        double c = Math.cos(b);
        return c * c;
    }
}

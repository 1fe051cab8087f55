package org.orrery.analysis;

import java.util.Arrays;
import org.orrery.model.ParticleState;

/**
 * What star-cluster dynamicists read off a snapshot.
 *
 * <ul>
 *   <li><b>Local densities</b> (Casertano &amp; Hut 1985, ApJ 298, 80): ρ_i = 3 M_{j−1} / (4π r_{i,j}³) with r_{i,j}
 *       the distance to the j-th nearest neighbour (j = 6) and M_{j−1} the mass of the j − 1 nearer ones — the unbiased
 *       estimator of their §II ((j−1) m for equal masses). Exact neighbours from a k-d tree
 *       ({@link NearestNeighbours}).
 *   <li><b>Density centre</b> x_d = Σ ρ_i x_i / Σ ρ_i, <b>density radius</b> (CH85's core radius) r_d = Σ ρ_i |x_i −
 *       x_d| / Σ ρ_i, and <b>core density</b> ρ_d = Σ ρ_i² / Σ ρ_i.
 *   <li><b>Lagrangian radii</b>: the radius about a centre enclosing a given fraction of the mass (the smallest
 *       particle radius at which the cumulative mass reaches it).
 *   <li><b>Initial half-mass relaxation time</b> (Spitzer 1987, "Dynamical Evolution of Globular Clusters", eq. 2-63):
 *       t_rh = 0.138 N r_h^{3/2} / (√(G M) ln(γ N)), γ = 0.11 for equal masses (Giersz &amp; Heggie 1994, MNRAS 268,
 *       257).
 * </ul>
 *
 * All sums run over i in index order: results depend on the state alone. Pure.
 */
public final class ClusterDiagnostics {
    /** The neighbour rank of Casertano &amp; Hut's density estimator. */
    public static final int CH_NEIGHBOUR = 6;
    /** The mass fractions of the usual Lagrangian radii (see {@link #lagrangeFractions()}). */
    private static final double[] LAGRANGE_FRACTIONS = {0.01, 0.1, 0.5, 0.9};
    /** Spitzer's Coulomb-logarithm factor for equal masses (Giersz &amp; Heggie 1994). */
    public static final double GAMMA_EQUAL_MASS = 0.11;

    private ClusterDiagnostics() {}

    /** The density centre, CH85 core radius and core density. */
    public record Core(double x, double y, double z, double radius, double density) {}

    /** ρ_i of every particle from its {@code j}-th nearest neighbour (needs n &gt; j). */
    public static double[] localDensities(ParticleState s, int j) {
        if (s.n <= j) {
            throw new IllegalArgumentException(
                    "density from the " + j + "th neighbour needs more than " + j + " particles, got " + s.n);
        }
        NearestNeighbours tree = new NearestNeighbours(s.x, s.y, s.z, s.n);
        int[] nbr = new int[j];
        double[] d2 = new double[j];
        double[] rho = new double[s.n];
        for (int i = 0; i < s.n; i++) {
            tree.query(i, j, nbr, d2);
            double m = 0;
            for (int k = 0; k < j - 1; k++) {
                m += s.m[nbr[k]];
            }
            double r = Math.sqrt(d2[j - 1]);
            rho[i] = 3 * m / (4 * Math.PI * r * r * r);
        }
        return rho;
    }

    /** CH85 density centre, density radius and core density with j = 6. */
    public static Core core(ParticleState s) {
        return core(s, localDensities(s, CH_NEIGHBOUR));
    }

    /** CH85 density centre, density radius and core density from given local densities. */
    public static Core core(ParticleState s, double[] rho) {
        double w = 0;
        double w2 = 0;
        double cx = 0;
        double cy = 0;
        double cz = 0;
        for (int i = 0; i < s.n; i++) {
            w += rho[i];
            w2 += rho[i] * rho[i];
            cx += rho[i] * s.x[i];
            cy += rho[i] * s.y[i];
            cz += rho[i] * s.z[i];
        }
        cx /= w;
        cy /= w;
        cz /= w;
        double rd = 0;
        for (int i = 0; i < s.n; i++) {
            double dx = s.x[i] - cx;
            double dy = s.y[i] - cy;
            double dz = s.z[i] - cz;
            rd += rho[i] * Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
        return new Core(cx, cy, cz, rd / w, w2 / w);
    }

    /** Radii about (cx, cy, cz) enclosing the given mass fractions (each in (0, 1]). */
    public static double[] lagrangianRadii(ParticleState s, double cx, double cy, double cz, double[] fractions) {
        int n = s.n;
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            double dx = s.x[i] - cx;
            double dy = s.y[i] - cy;
            double dz = s.z[i] - cz;
            r[i] = Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> r[a] != r[b] ? Double.compare(r[a], r[b]) : Integer.compare(a, b));
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += s.m[i];
        }
        double[] out = new double[fractions.length];
        for (int f = 0; f < fractions.length; f++) {
            double target = fractions[f] * total;
            double acc = 0;
            out[f] = n == 0 ? Double.NaN : r[order[n - 1]];
            for (int k = 0; k < n; k++) {
                acc += s.m[order[k]];
                if (acc >= target) {
                    out[f] = r[order[k]];
                    break;
                }
            }
        }
        return out;
    }

    /** The mass fractions 0.01, 0.1, 0.5, 0.9 of the usual Lagrangian radii (a fresh copy). */
    public static double[] lagrangeFractions() {
        return LAGRANGE_FRACTIONS.clone();
    }

    /** Lagrangian radii (1, 10, 50, 90 %) about the centre of mass. */
    public static double[] lagrangianRadiiAboutCentreOfMass(ParticleState s) {
        double[] c = centreOfMass(s);
        return lagrangianRadii(s, c[0], c[1], c[2], LAGRANGE_FRACTIONS);
    }

    /** The centre of mass {x, y, z}. */
    public static double[] centreOfMass(ParticleState s) {
        double m = 0;
        double cx = 0;
        double cy = 0;
        double cz = 0;
        for (int i = 0; i < s.n; i++) {
            m += s.m[i];
            cx += s.m[i] * s.x[i];
            cy += s.m[i] * s.y[i];
            cz += s.m[i] * s.z[i];
        }
        return new double[] {cx / m, cy / m, cz / m};
    }

    /**
     * Spitzer's half-mass relaxation time t_rh = 0.138 N r_h^{3/2} / (√(G M) ln(γ N)) for N stars of total mass M
     * within half-mass radius r_h (any consistent units; γ N must exceed 1).
     */
    public static double halfMassRelaxationTime(
            long n, double totalMass, double halfMassRadius, double g, double gamma) {
        double lnLambda = Math.log(gamma * n);
        if (!(lnLambda > 0)) {
            throw new IllegalArgumentException("Coulomb logarithm ln(" + gamma + " × " + n + ") is not positive");
        }
        return 0.138 * n * Math.pow(halfMassRadius, 1.5) / (Math.sqrt(g * totalMass) * lnLambda);
    }

    /** Steps per block level as fractions of all steps (level L: step Δ_max / 2^L). */
    public static double[] levelShares(long[] stepsPerLevel) {
        long total = 0;
        for (long c : stepsPerLevel) {
            total += c;
        }
        double[] f = new double[stepsPerLevel.length];
        for (int l = 0; l < f.length; l++) {
            f[l] = total == 0 ? 0 : (double) stepsPerLevel[l] / total;
        }
        return f;
    }
}

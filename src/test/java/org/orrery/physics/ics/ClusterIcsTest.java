package org.orrery.physics.ics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.orrery.model.ParticleState;
import org.orrery.model.UserError;

/** King models, the Kroupa IMF and Hénon scaling against independent references. */
class ClusterIcsTest {

    /**
     * Concentration c = log₁₀(r_t/r₀) of King (1966) models. Reference values as tabulated for King's sequence to two
     * decimals (King 1966, AJ 71, 64; the same W₀–c relation is plotted in Binney &amp; Tremaine 2008, "Galactic
     * Dynamics", 2nd ed., Fig. 4.9): W₀ = 3 → 0.67, W₀ = 6 → 1.26, W₀ = 9 → 2.12.
     */
    @Test
    void concentrationMatchesKingsTable() {
        assertEquals(0.67, new KingModel(3).concentration(), 0.01);
        assertEquals(1.26, new KingModel(6).concentration(), 0.01);
        assertEquals(2.12, new KingModel(9).concentration(), 0.01);
    }

    /** Tidal radius against a plain fixed-step RK4 of King's equation (an independent solver). */
    @Test
    void tidalRadiusMatchesAFixedStepRungeKutta() {
        for (double w0 : new double[] {1, 3, 6, 9}) {
            KingModel m = new KingModel(w0);
            double rho0 = KingModel.density(w0);
            double h = 1e-3;
            double r = 1e-6;
            double[] y = {w0 - 1.5 * r * r, -3 * r};
            double rt = Double.NaN;
            while (true) {
                double[] k1 = f(r, y, rho0);
                double[] k2 = f(r + h / 2, add(y, k1, h / 2), rho0);
                double[] k3 = f(r + h / 2, add(y, k2, h / 2), rho0);
                double[] k4 = f(r + h, add(y, k3, h), rho0);
                double[] next = {
                    y[0] + h / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]),
                    y[1] + h / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1])
                };
                if (next[0] <= 0) {
                    rt = r + h * y[0] / (y[0] - next[0]); // linear crossing, error O(h²) ≪ tolerance
                    break;
                }
                y = next;
                r += h;
            }
            assertEquals(rt, m.tidalRadius(), 1e-5 * rt, "W0 = " + w0);
        }
    }

    private static double[] f(double r, double[] y, double rho0) {
        return new double[] {y[1], -9 * KingModel.density(y[0]) / rho0 - 2 * y[1] / r};
    }

    private static double[] add(double[] y, double[] k, double h) {
        return new double[] {y[0] + h * k[0], y[1] + h * k[1]};
    }

    @Test
    void sampledKingProfileFollowsTheModelsMassProfile() {
        int n = 12000;
        ParticleState s = ClusterIcs.king(n, 6, null, 42).state();
        KingModel m = new KingModel(6);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = Math.sqrt(s.x[i] * s.x[i] + s.y[i] * s.y[i] + s.z[i] * s.z[i]);
        }
        Arrays.sort(r);
        // Scale-free: radius containing fraction q over the half-mass radius, sample against model.
        double half = r[n / 2];
        double modelHalf = m.radiusOfMassFraction(0.5);
        for (double q : new double[] {0.05, 0.1, 0.25, 0.75, 0.9}) {
            double sample = r[(int) (q * n)] / half;
            double model = m.radiusOfMassFraction(q) / modelHalf;
            assertEquals(model, sample, 0.03 * model, "mass fraction " + q);
        }
        assertTrue(r[n - 1] / half <= m.tidalRadius() / modelHalf * 1.02, "a star beyond the tidal radius");
    }

    @Test
    void speedsFollowTheLoweredMaxwellian() {
        // <v²> at potential W against Simpson quadrature of v⁴(e^{W−v²/2} − 1) / v²(e^{W−v²/2} − 1).
        SplittableRandom rng = new SplittableRandom(5);
        for (double w : new double[] {0.05, 1, 6}) {
            int n = 200000;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double v = ClusterIcs.speed(w, rng);
                sum += v * v;
            }
            double vmax = Math.sqrt(2 * w);
            double num = 0;
            double den = 0;
            int k = 20000;
            for (int i = 0; i <= k; i++) {
                double v = vmax * i / k;
                double wt = (i == 0 || i == k) ? 1 : (i % 2 == 1 ? 4 : 2);
                double g = v * v * Math.expm1(w - 0.5 * v * v);
                num += wt * g * v * v;
                den += wt * g;
            }
            assertEquals(num / den, sum / n, 0.01 * num / den, "W = " + w);
        }
    }

    @Test
    void henonScalingIsExact() {
        for (ClusterIcs.Realisation r : new ClusterIcs.Realisation[] {
            ClusterIcs.king(1000, 7, null, 1),
            ClusterIcs.king(500, 3, new KroupaImf(0.08, 100), 2),
            ClusterIcs.plummer(700, new KroupaImf(0.1, 10), 3)
        }) {
            ParticleState s = r.state();
            assertEquals(1.0, s.totalMass(), 1e-13);
            double[] kw = ClusterIcs.energies(s);
            assertEquals(-0.25, kw[0] + kw[1], 1e-13, r.description());
            assertEquals(1.0, 2 * kw[0] / -kw[1], 1e-12);
            assertEquals(-0.25, r.energy(), 1e-13);
            assertEquals(1.0, r.rawVirialRatio(), 0.1, "raw sample virial ratio of " + r.description());
            double px = 0;
            for (int i = 0; i < s.n; i++) {
                px += s.m[i] * s.vx[i];
            }
            assertEquals(0, px, 1e-14);
        }
        assertTrue(ClusterIcs.king(50, 5, null, 9)
                .state()
                .bitwiseEquals(ClusterIcs.king(50, 5, null, 9).state()));
    }

    @Test
    void imfSampleMomentsMatchTheAnalyticOnes() {
        KroupaImf imf = new KroupaImf(0.01, 150);
        // Independent check of the analytic moments: Simpson in ln m over ξ(m) written from the definition.
        double[] num = new double[3];
        int k = 200000;
        double l0 = Math.log(0.01);
        double l1 = Math.log(150);
        for (int i = 0; i <= k; i++) {
            double m = Math.exp(l0 + (l1 - l0) * i / k);
            double xi = m < 0.08
                    ? Math.pow(m, -0.3)
                    : m < 0.5
                            ? Math.pow(0.08, 1.0) * Math.pow(m, -1.3)
                            : Math.pow(0.08, 1.0) * Math.pow(0.5, 1.0) * Math.pow(m, -2.3);
            double wt = (i == 0 || i == k) ? 1 : (i % 2 == 1 ? 4 : 2);
            for (int p = 0; p < 3; p++) {
                num[p] += wt * xi * Math.pow(m, p) * m; // dm = m d(ln m)
            }
        }
        assertEquals(num[1] / num[0], imf.moment(1), 1e-8 * imf.moment(1));
        assertEquals(num[2] / num[0], imf.moment(2), 1e-8 * imf.moment(2));
        SplittableRandom rng = new SplittableRandom(77);
        int n = 400000;
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            double m = imf.sample(rng);
            assertTrue(m >= 0.01 && m <= 150);
            s1 += m;
            s2 += m * m;
        }
        double mean = imf.moment(1);
        double var = imf.moment(2) - mean * mean;
        assertEquals(mean, s1 / n, 4 * Math.sqrt(var / n), "mean mass");
        double var2 = imf.moment(4) - imf.moment(2) * imf.moment(2);
        assertEquals(imf.moment(2), s2 / n, 4 * Math.sqrt(var2 / n), "second moment");
    }

    @Test
    void badInputNamesTheParameter() {
        for (double w0 : new double[] {0, -1, 16.5, Double.NaN}) {
            UserError e = assertThrows(UserError.class, () -> new KingModel(w0));
            assertTrue(e.getMessage().contains("W0"), e.getMessage());
        }
        for (double[] lim : new double[][] {{1, 0.1}, {0, 1}, {-1, 1}, {0.5, 0.5}, {0.1, Double.POSITIVE_INFINITY}}) {
            UserError e = assertThrows(UserError.class, () -> new KroupaImf(lim[0], lim[1]));
            assertTrue(e.getMessage().contains("IMF"), e.getMessage());
        }
        assertThrows(UserError.class, () -> ClusterIcs.king(1, 5, null, 1));
    }
}

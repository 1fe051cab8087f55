package org.orrery.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.orrery.model.ParticleState;

/** k-d tree neighbours against brute force; CH85 densities, Lagrangian radii and t_rh against analytic values. */
class ClusterDiagnosticsTest {

    static ParticleState uniformBall(int n, double radius, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        ParticleState s = new ParticleState(n);
        for (int i = 0; i < n; i++) {
            double x;
            double y;
            double z;
            do {
                x = 2 * r.nextDouble() - 1;
                y = 2 * r.nextDouble() - 1;
                z = 2 * r.nextDouble() - 1;
            } while (x * x + y * y + z * z > 1);
            s.x[i] = radius * x;
            s.y[i] = radius * y;
            s.z[i] = radius * z;
            s.m[i] = 1.0 / n;
        }
        return s;
    }

    @Test
    void kdTreeNeighboursEqualBruteForceIncludingTies() {
        ParticleState a = uniformBall(3000, 1, 4);
        // A lattice with exact ties and duplicate points as a second case.
        ParticleState b = new ParticleState(1000);
        for (int i = 0; i < 1000; i++) {
            b.x[i] = i % 10;
            b.y[i] = (i / 10) % 10;
            b.z[i] = i % 7 == 0 ? 0 : (i / 100);
        }
        for (ParticleState s : new ParticleState[] {a, b}) {
            NearestNeighbours tree = new NearestNeighbours(s.x, s.y, s.z, s.n);
            int k = 6;
            int[] nbr = new int[k];
            double[] d2 = new double[k];
            Integer[] order = new Integer[s.n];
            for (int q = 0; q < s.n; q += 7) {
                tree.query(q, k, nbr, d2);
                final int qq = q;
                double[] all = new double[s.n];
                for (int i = 0; i < s.n; i++) {
                    double dx = s.x[i] - s.x[q];
                    double dy = s.y[i] - s.y[q];
                    double dz = s.z[i] - s.z[q];
                    all[i] = dx * dx + dy * dy + dz * dz;
                }
                Arrays.setAll(order, i -> i);
                Arrays.sort(order, (u, v) -> all[u] != all[v] ? Double.compare(all[u], all[v]) : Integer.compare(u, v));
                int[] want = Arrays.stream(order)
                        .mapToInt(Integer::intValue)
                        .filter(i -> i != qq)
                        .limit(k)
                        .toArray();
                assertArrayEquals(want, nbr, "query " + q);
                for (int t = 0; t < k; t++) {
                    assertEquals(all[want[t]], d2[t]);
                }
            }
        }
    }

    @Test
    void casertanoHutDensityOfAUniformSphereIsItsMeanDensity() {
        int n = 20000;
        ParticleState s = uniformBall(n, 1, 8);
        double[] rho = ClusterDiagnostics.localDensities(s, 6);
        double truth = 3.0 / (4 * Math.PI); // M = 1 in R = 1
        // Interior particles (away from the edge, where neighbour spheres stick out): the (j−1)
        // estimator is unbiased for a Poisson field, so the mean of ρ_i is the true density; its
        // scatter per particle is ρ/√(j−2) ≈ 50 %, so the mean of ~3000 is good to ~1 %.
        double sum = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            double r = Math.sqrt(s.x[i] * s.x[i] + s.y[i] * s.y[i] + s.z[i] * s.z[i]);
            if (r < 0.5) {
                sum += rho[i];
                count++;
            }
        }
        assertEquals(truth, sum / count, 0.04 * truth);
        ClusterDiagnostics.Core core = ClusterDiagnostics.core(s, rho);
        assertTrue(Math.hypot(Math.hypot(core.x(), core.y()), core.z()) < 0.05, core.toString());
        // For uniform density the density radius is the mean |r| = 3R/4, the core density ≈ ρ (1 + 1/(j−2)).
        assertEquals(0.75, core.radius(), 0.03);
    }

    @Test
    void lagrangianRadiiOfAUniformSphere() {
        ParticleState s = uniformBall(40000, 2, 3);
        double[] r = ClusterDiagnostics.lagrangianRadii(s, 0, 0, 0, ClusterDiagnostics.lagrangeFractions());
        for (int f = 0; f < r.length; f++) {
            double q = ClusterDiagnostics.lagrangeFractions()[f];
            assertEquals(2 * Math.cbrt(q), r[f], (f == 0 ? 0.05 : 0.015) * 2 * Math.cbrt(q), "fraction " + q);
        }
        // Exact on a tiny hand-made case: masses 1, 2, 3, 4 at radii 1, 2, 3, 4; half of 10 is reached at r = 3.
        ParticleState t = new ParticleState(4);
        for (int i = 0; i < 4; i++) {
            t.x[i] = 4 - i;
            t.m[i] = 4 - i;
        }
        assertArrayEquals(
                new double[] {1, 3, 3, 4},
                ClusterDiagnostics.lagrangianRadii(t, 0, 0, 0, new double[] {0.05, 0.4, 0.5, 1}));
    }

    @Test
    void spitzerRelaxationTime() {
        // N = 1024, M = G = 1, r_h = 0.7686 (Plummer in Hénon units): 0.138·1024·0.7686^1.5 / ln(112.64).
        double want = 0.138 * 1024 * Math.pow(0.7686, 1.5) / Math.log(0.11 * 1024);
        assertEquals(want, ClusterDiagnostics.halfMassRelaxationTime(1024, 1, 0.7686, 1, 0.11), 1e-12);
        assertEquals(20.16, want, 0.01);
        assertArrayEquals(new double[] {0.25, 0.75, 0}, ClusterDiagnostics.levelShares(new long[] {1, 3, 0}));
    }
}

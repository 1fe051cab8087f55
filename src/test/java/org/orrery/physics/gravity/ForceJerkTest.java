package org.orrery.physics.gravity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Force + jerk kernel against a brute-force reference, a finite-difference jerk, and split invariance. */
class ForceJerkTest {

    /** Random positions in the unit cube, velocities in [−1, 1]³, masses in (0, 1]. */
    static double[][] particles(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] c = new double[7][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                c[k][i] = r.nextDouble();
                c[3 + k][i] = 2 * r.nextDouble() - 1;
            }
            c[6][i] = 1 - r.nextDouble();
        }
        return c;
    }

    /** Textbook double loop, i ≠ j skipped explicitly. */
    static double[] reference(double[][] c, int n, double g, double eps2) {
        double[] out = new double[6 * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                double[] r = new double[3];
                double[] v = new double[3];
                for (int k = 0; k < 3; k++) {
                    r[k] = c[k][j] - c[k][i];
                    v[k] = c[3 + k][j] - c[3 + k][i];
                }
                double s2 = r[0] * r[0] + r[1] * r[1] + r[2] * r[2] + eps2;
                double s = Math.sqrt(s2);
                double rv = r[0] * v[0] + r[1] * v[1] + r[2] * v[2];
                for (int k = 0; k < 3; k++) {
                    out[6 * i + k] += g * c[6][j] * r[k] / (s2 * s);
                    out[6 * i + 3 + k] += g * c[6][j] * (v[k] / (s2 * s) - 3 * rv * r[k] / (s2 * s2 * s));
                }
            }
        }
        return out;
    }

    static double[] kernelAll(double[][] c, int n, double g, double eps2) {
        double[] out = new double[6 * n];
        ForceJerk.all(c[0], c[1], c[2], c[3], c[4], c[5], c[6], n, g, eps2, out);
        return out;
    }

    @Test
    void matchesBruteForce() {
        int n = 2500; // crosses a source block (2048) and many tiles
        double[][] c = particles(n, 7);
        double[] ref = reference(c, n, 0.7, 1e-4);
        double[] got = kernelAll(c, n, 0.7, 1e-4);
        for (int i = 0; i < n; i++) {
            double scaleA = Math.hypot(Math.hypot(ref[6 * i], ref[6 * i + 1]), ref[6 * i + 2]);
            double scaleJ = Math.hypot(Math.hypot(ref[6 * i + 3], ref[6 * i + 4]), ref[6 * i + 5]);
            for (int k = 0; k < 6; k++) {
                double scale = k < 3 ? scaleA : scaleJ;
                assertEquals(ref[6 * i + k], got[6 * i + k], 1e-11 * scale, "particle " + i + " component " + k);
            }
        }
    }

    @Test
    void jerkIsTheTimeDerivativeOfTheAcceleration() {
        // Move every particle along its velocity: r(t) = r + v t. Then da/dt at t = 0 is the jerk;
        // the central difference [a(h) − a(−h)] / 2h has error O(h²) ≈ 1e-10 relative here.
        int n = 300;
        double[][] c = particles(n, 11);
        double eps2 = 1e-3;
        double h = 1e-5;
        double[] jerk = kernelAll(c, n, 1, eps2);
        double[][] plus = shifted(c, n, h);
        double[][] minus = shifted(c, n, -h);
        double[] ap = kernelAll(plus, n, 1, eps2);
        double[] am = kernelAll(minus, n, 1, eps2);
        for (int i = 0; i < n; i++) {
            double scale = Math.hypot(Math.hypot(jerk[6 * i + 3], jerk[6 * i + 4]), jerk[6 * i + 5]);
            for (int k = 0; k < 3; k++) {
                double fd = (ap[6 * i + k] - am[6 * i + k]) / (2 * h);
                assertEquals(jerk[6 * i + 3 + k], fd, 1e-6 * scale, "particle " + i + " component " + k);
            }
        }
    }

    private static double[][] shifted(double[][] c, int n, double t) {
        double[][] s = new double[7][];
        for (int k = 0; k < 7; k++) {
            s[k] = c[k].clone();
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                s[k][i] = c[k][i] + c[3 + k][i] * t;
            }
        }
        return s;
    }

    @Test
    void anySplitOfAnyTargetListGivesTheSameBits() {
        int n = 2300;
        double[][] c = particles(n, 3);
        double[] whole = kernelAll(c, n, 1, 1e-4);
        // An "active list": every third particle plus a run, ascending; evaluated in uneven pieces
        // (as ranks and threads would), each piece must equal the whole evaluation bit for bit.
        int[] list = java.util.stream.IntStream.range(0, n)
                .filter(i -> i % 3 == 0 || (i > 1000 && i < 1400))
                .toArray();
        int[] cuts = {0, 1, 2, 129, 130, 400, 401, 777, list.length};
        ForceJerk.Scratch scratch = new ForceJerk.Scratch();
        double[] out = new double[6 * list.length];
        for (int q = 0; q + 1 < cuts.length; q++) {
            ForceJerk.evaluate(
                    c[0],
                    c[1],
                    c[2],
                    c[3],
                    c[4],
                    c[5],
                    c[6],
                    n,
                    list,
                    cuts[q],
                    cuts[q + 1],
                    1,
                    1e-4,
                    out,
                    6 * cuts[q],
                    scratch);
        }
        for (int k = 0; k < list.length; k++) {
            for (int q = 0; q < 6; q++) {
                assertEquals(
                        Double.doubleToRawLongBits(whole[6 * list[k] + q]),
                        Double.doubleToRawLongBits(out[6 * k + q]),
                        "target " + list[k] + " component " + q);
            }
        }
        assertTrue(list.length > 700);
    }

    /**
     * The kernel's bits are those of the plain sequential loop: per target, j = 0..n−1 ascending, with the documented
     * arithmetic per interaction (fused multiply-adds where ForceJerk documents them; w = m / s³ as m·(1/s²)·√(1/s²), b
     * = 3 (r·v)/s², jerk w (v − b r)) and G applied at the end — whatever tiling and passes the kernel uses.
     */
    @Test
    void bitsAreThoseOfTheSequentialLoop() {
        int n = 2200;
        double[][] c = particles(n, 13);
        double g = 0.5;
        double eps2 = 1e-4;
        int[] list =
                java.util.stream.IntStream.range(0, n).filter(i -> i % 5 != 1).toArray();
        double[] out = new double[6 * list.length];
        ForceJerk.evaluate(
                c[0],
                c[1],
                c[2],
                c[3],
                c[4],
                c[5],
                c[6],
                n,
                list,
                0,
                list.length,
                g,
                eps2,
                out,
                0,
                new ForceJerk.Scratch());
        for (int k = 0; k < list.length; k++) {
            int i = list[k];
            double[] sum = new double[6];
            for (int j = 0; j < n; j++) {
                double dx = c[0][j] - c[0][i];
                double dy = c[1][j] - c[1][i];
                double dz = c[2][j] - c[2][i];
                double dvx = c[3][j] - c[3][i];
                double dvy = c[4][j] - c[4][i];
                double dvz = c[5][j] - c[5][i];
                double rinv2 = 1.0 / (Math.fma(dz, dz, Math.fma(dy, dy, dx * dx)) + eps2);
                double w = c[6][j] * rinv2 * Math.sqrt(rinv2);
                double b = 3.0 * Math.fma(dz, dvz, Math.fma(dy, dvy, dx * dvx)) * rinv2;
                sum[0] = Math.fma(w, dx, sum[0]);
                sum[1] = Math.fma(w, dy, sum[1]);
                sum[2] = Math.fma(w, dz, sum[2]);
                sum[3] = Math.fma(w, Math.fma(-b, dx, dvx), sum[3]);
                sum[4] = Math.fma(w, Math.fma(-b, dy, dvy), sum[4]);
                sum[5] = Math.fma(w, Math.fma(-b, dz, dvz), sum[5]);
            }
            for (int q = 0; q < 6; q++) {
                assertEquals(
                        Double.doubleToRawLongBits(g * sum[q]),
                        Double.doubleToRawLongBits(out[6 * k + q]),
                        "target " + i + " component " + q);
            }
        }
    }
}

package org.orrery.physics.ics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.orrery.model.ParticleState;
import org.orrery.physics.gravity.DirectSum;

/**
 * The Plummer sphere's scaling pass computes its potentials in blocks on the common pool: the state has the bits of the
 * sequential pass (one {@link DirectSum#potentials} call over all targets), for sizes around the block size.
 */
class PlummerParallelTest {
    @Test
    void sameBitsAsTheSequentialPotentialPass() {
        for (int n : new int[] {2, 511, 512, 513, 3000}) {
            ParticleState got = InitialConditions.plummer(n, 17);
            ParticleState ref = sequential(n, 17);
            double[][] a = got.columns();
            double[][] b = ref.columns();
            for (int c = 0; c < a.length; c++) {
                assertArrayEquals(bits(b[c]), bits(a[c]), "n = " + n + ", column " + c);
            }
        }
    }

    /** {@link InitialConditions#plummer} with the scaling pass written out sequentially (the code before blocks). */
    private static ParticleState sequential(int n, long seed) {
        ParticleState raw = InitialConditions.plummerUnscaled(n, seed);
        double[] phi = new double[raw.n];
        DirectSum.potentials(raw.x, raw.y, raw.z, raw.m, raw.n, 0, raw.n, 1, 0, phi, 0);
        double w = 0;
        double k = 0;
        for (int i = 0; i < raw.n; i++) {
            w += 0.5 * raw.m[i] * phi[i];
            k += 0.5 * raw.m[i] * (raw.vx[i] * raw.vx[i] + raw.vy[i] * raw.vy[i] + raw.vz[i] * raw.vz[i]);
        }
        double rf = w / -0.5;
        double vf = Math.sqrt(0.25 / k);
        for (int i = 0; i < raw.n; i++) {
            raw.x[i] *= rf;
            raw.y[i] *= rf;
            raw.z[i] *= rf;
            raw.vx[i] *= vf;
            raw.vy[i] *= vf;
            raw.vz[i] *= vf;
        }
        return raw;
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToRawLongBits(v[i]);
        }
        return b;
    }
}

package org.orrery.physics;

import java.util.SplittableRandom;

/** Random points shared by the generators (seeded streams in, plain numbers out). */
public final class Sampling {
    private Sampling() {}

    /**
     * A point uniform in the unit ball into {@code xyz[0..2]}: rejection sampling from the cube [−1, 1)³, drawing x, y,
     * z in that order from {@code r} until x² + y² + z² ≤ 1.
     */
    public static void inUnitBall(SplittableRandom r, double[] xyz) {
        double x;
        double y;
        double z;
        do {
            x = 2 * r.nextDouble() - 1;
            y = 2 * r.nextDouble() - 1;
            z = 2 * r.nextDouble() - 1;
        } while (x * x + y * y + z * z > 1);
        xyz[0] = x;
        xyz[1] = y;
        xyz[2] = z;
    }
}

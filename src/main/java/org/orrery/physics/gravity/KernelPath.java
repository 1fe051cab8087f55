package org.orrery.physics.gravity;

import java.lang.invoke.MethodHandles;
import org.orrery.physics.VectorModule;

/**
 * Chooses, once per JVM, how {@link DirectSum#accelerations} and {@link ForceJerk#evaluate} run: through the Vector API
 * kernels ({@code VectorKernels}, compiled from src/vector/java) when the incubating module
 * {@code jdk.incubator.vector} is in the boot layer (the JVM was started with {@code --add-modules
 * jdk.incubator.vector}, as launch/orrery does by default), otherwise through the scalar loops. Both paths give the
 * same bits (each target's sums run over j = 0…n−1 in order, one correctly rounded operation at a time); only the speed
 * differs. The vector class is loaded by name and only here ({@link VectorModule}, the decision shared with the pair
 * counts' {@code PairKernelPath}), so a JVM without the module never loads a class that imports it.
 *
 * <p>The system property {@code orrery.kernels=scalar} forces the scalar loops even when the module is present (an
 * opt-out for comparisons; launch/orrery's {@code ORRERY_VECTOR=off} instead leaves the module out).
 */
public final class KernelPath {
    /** The vector kernels, or null when the scalar loops run. */
    static final Vectorised VECTOR = load();

    private KernelPath() {}

    /** What the Vector API implementation provides (same bits as the scalar kernels, same arguments). */
    interface Vectorised {
        /** Human-readable name of the path, e.g. "vector (jdk.incubator.vector, 4 doubles per vector)". */
        String describe();

        /** As {@link DirectSum#accelerationsScalar}. */
        void accelerations(
                double[] x,
                double[] y,
                double[] z,
                double[] m,
                int n,
                int from,
                int to,
                double g,
                double eps2,
                double[] ax,
                int axOff,
                double[] ay,
                int ayOff,
                double[] az,
                int azOff,
                DirectSum.Scratch s);

        /** As {@link DirectSum#potentialsScalar}. */
        void potentials(
                double[] x,
                double[] y,
                double[] z,
                double[] m,
                int n,
                int from,
                int to,
                double g,
                double eps2,
                double[] phi,
                int outOff);

        /** As {@link ForceJerk#evaluateScalar}. */
        void forceJerk(
                double[] x,
                double[] y,
                double[] z,
                double[] vx,
                double[] vy,
                double[] vz,
                double[] m,
                int n,
                int[] targets,
                int from,
                int to,
                double g,
                double eps2,
                double[] out,
                int off,
                ForceJerk.Scratch s);
    }

    /** True when the force and force + jerk kernels run through the Vector API. */
    public static boolean vector() {
        return VECTOR != null;
    }

    /** "vector (…)" or "scalar (…)": which path runs in this JVM and why, for benchmark and log lines. */
    public static String describe() {
        return VECTOR != null ? VECTOR.describe() : VectorModule.scalarReason();
    }

    private static Vectorised load() {
        return VectorModule.load(MethodHandles.lookup(), "org.orrery.physics.gravity.VectorKernels", Vectorised.class);
    }
}

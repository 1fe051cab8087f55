package org.orrery.physics.gravity;

import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Chooses, once per JVM, how {@link DirectSum#accelerations} and {@link ForceJerk#evaluate} run: through the Vector API
 * kernels ({@code VectorKernels}, compiled from src/vector/java) when the incubating module
 * {@code jdk.incubator.vector} is in the boot layer (the JVM was started with {@code --add-modules
 * jdk.incubator.vector}, as launch/orrery does by default), otherwise through the scalar loops. Both paths give the
 * same bits (each target's sums run over j = 0…n−1 in order, one correctly rounded operation at a time); only the speed
 * differs. The vector class is loaded by reflection and only here, so a JVM without the module never loads a class that
 * imports it.
 *
 * <p>Small force evaluations stay on the scalar loops even when the vector kernels are loaded ({@link #forPairs}): a
 * call of fewer than {@value #VECTOR_CALL_PAIRS} pairs runs the scalar loop until this JVM has done
 * {@value #VECTOR_AFTER_PAIRS} pairs that way (a few CPU-seconds), then the vector kernel. The Vector API kernel is
 * only ~1.2× faster per CPU-second once C2 has compiled it, but its compilation costs ~0.5 CPU-s per JVM and until then
 * it runs far slower than the scalar loop (interpreted vector objects): a short run with small N (the teaching run, N =
 * 1000) never earns that back, and with one JVM per core the compilation takes a core from the ranks
 * (docs/performance.md). Same bits either way, so switching mid-run changes nothing but the speed.
 *
 * <p>The system property {@code orrery.kernels=scalar} forces the scalar loops even when the module is present (an
 * opt-out for comparisons; launch/orrery's {@code ORRERY_VECTOR=off} instead leaves the module out);
 * {@code orrery.kernels=vector} runs the vector kernels for every call, small or not (the tests' setting).
 */
public final class KernelPath {
    /** The vector kernels, or null when the scalar loops run. */
    static final Vectorised VECTOR = load();

    /** Pairs (sources × targets) per call from which the vector kernel runs at once. */
    static final long VECTOR_CALL_PAIRS = 1L << 22;

    /** Pairs done by the scalar loop on smaller calls after which the vector kernel runs for them too. */
    static final long VECTOR_AFTER_PAIRS = 1L << 32;

    private static final boolean VECTOR_ALWAYS =
            "vector".equals(System.getProperty("orrery.kernels", "").toLowerCase(Locale.ROOT));

    private static final AtomicLong SCALAR_PAIRS = new AtomicLong();

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

    /**
     * The vector kernels for a call of {@code pairs} interactions, or null for the scalar loop: null when the vector
     * kernels are not loaded, and for calls below {@link #VECTOR_CALL_PAIRS} until this JVM has done
     * {@link #VECTOR_AFTER_PAIRS} pairs on the scalar loop (unless {@code orrery.kernels=vector}).
     */
    static Vectorised forPairs(long pairs) {
        Vectorised v = VECTOR;
        if (v == null || VECTOR_ALWAYS || worthVector(pairs, SCALAR_PAIRS.get())) {
            return v;
        }
        SCALAR_PAIRS.addAndGet(pairs);
        return null;
    }

    /**
     * The size rule of {@link #forPairs}: a call of {@code pairs} after {@code scalarDone} pairs on the scalar loop.
     */
    static boolean worthVector(long pairs, long scalarDone) {
        return pairs >= VECTOR_CALL_PAIRS || scalarDone >= VECTOR_AFTER_PAIRS;
    }

    /** True when the force and force + jerk kernels run through the Vector API. */
    public static boolean vector() {
        return VECTOR != null;
    }

    /** "vector (…)" or "scalar (…)": which path runs in this JVM and why, for benchmark and log lines. */
    public static String describe() {
        if (VECTOR != null) {
            return VECTOR_ALWAYS
                    ? VECTOR.describe()
                    : VECTOR.describe() + "; forces: scalar loop for calls below " + VECTOR_CALL_PAIRS + " pairs until "
                            + VECTOR_AFTER_PAIRS + " such pairs";
        }
        if (scalarForced()) {
            return "scalar (orrery.kernels=scalar)";
        }
        return vectorModulePresent()
                ? "scalar (vector kernels not in the class path)"
                : "scalar (no jdk.incubator.vector)";
    }

    private static boolean scalarForced() {
        return "scalar".equals(System.getProperty("orrery.kernels", "").toLowerCase(Locale.ROOT));
    }

    private static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static Vectorised load() {
        if (scalarForced() || !vectorModulePresent()) {
            return null;
        }
        try {
            return Class.forName("org.orrery.physics.gravity.VectorKernels")
                    .asSubclass(Vectorised.class)
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (ClassNotFoundException e) {
            // A jar built without src/vector/java: the scalar loops give the same bits.
            return null;
        } catch (NoSuchMethodException
                | InstantiationException
                | IllegalAccessException
                | InvocationTargetException e) {
            throw new IllegalStateException("cannot start the vector kernels: " + e, e);
        }
    }
}

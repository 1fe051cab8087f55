package org.orrery.physics;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Locale;

/**
 * The one decision, shared by every kernel with a Vector API implementation ({@code physics.gravity.KernelPath},
 * {@code physics.paircount.PairKernelPath}), of whether its vector class runs: only when the incubating module
 * {@code jdk.incubator.vector} is in the boot layer (the JVM was started with {@code --add-modules
 * jdk.incubator.vector}, as launch/orrery does unless {@code ORRERY_VECTOR=off}), the system property
 * {@code orrery.kernels} is not {@code scalar}, and the class was compiled into the jar (src/vector/java). Vector
 * classes are loaded by name through the caller's lookup (they are package-private and may not exist), so a JVM without
 * the module never loads a class that imports it. Every vector kernel gives the same results as its scalar loop; only
 * the speed differs. Stateless; safe from any thread.
 */
public final class VectorModule {
    private VectorModule() {}

    /** True when {@code -Dorrery.kernels=scalar} asks for the scalar loops even with the module present. */
    public static boolean scalarForced() {
        return "scalar".equals(System.getProperty("orrery.kernels", "").toLowerCase(Locale.ROOT));
    }

    /** True when {@code jdk.incubator.vector} is in the boot layer. */
    public static boolean present() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** Why the scalar loops run ("scalar (…)"), for benchmark and log lines when {@link #load} gave null. */
    public static String scalarReason() {
        if (scalarForced()) {
            return "scalar (orrery.kernels=scalar)";
        }
        return present() ? "scalar (vector kernels not in the class path)" : "scalar (no jdk.incubator.vector)";
    }

    /**
     * A new instance of the vector implementation {@code className} (a class of the lookup's package with a constructor
     * without arguments), or null when the scalar loops must run: scalar forced, module absent, or a jar built without
     * src/vector/java.
     *
     * @param lookup the caller's {@code MethodHandles.lookup()}, which can see its package-private classes
     * @throws IllegalStateException when the class exists but cannot be started
     */
    public static <T> T load(MethodHandles.Lookup lookup, String className, Class<T> type) {
        if (scalarForced() || !present()) {
            return null;
        }
        Class<?> c;
        try {
            c = lookup.findClass(className);
        } catch (ClassNotFoundException e) {
            // A jar built without src/vector/java: the scalar loops give the same results.
            return null;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot reach the vector kernels " + className + ": " + e, e);
        }
        try {
            MethodHandle make = lookup.findConstructor(c, MethodType.methodType(void.class));
            return type.cast(make.invoke());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot start the vector kernels " + className + ": " + e, e);
        }
    }
}

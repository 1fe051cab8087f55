package org.orrery.apps.nbody;

import org.orrery.apps.nbody.NBodyConfig.Ic;

/** The memory an nbody run needs on every rank, and the advice printed when a JVM runs out of heap. */
final class NBodyMemory {
    private NBodyMemory() {}

    /** What to tell a user whose run ran out of memory; {@code config} may be null (before validation). */
    static String advice(NBodyConfig config) {
        long n = config == null || config.particles() == null ? NBodyConfig.DEFAULT_PARTICLES : config.particles();
        String size = config != null && config.ic() == Ic.file
                ? "N particles (the rows of " + config.input() + ")"
                : "N = " + n + " particles";
        return String.format(
                java.util.Locale.ROOT,
                "%s need about %d bytes per particle on EVERY rank, %.3g GB per rank here "
                        + "(every rank holds all particles, so more ranks do not help; ranks that are threads of one "
                        + "JVM need it each); give each JVM more heap (launch/orrery --jvm -Xmx<size>) or use fewer "
                        + "particles",
                size,
                BYTES_PER_PARTICLE,
                (double) n * BYTES_PER_PARTICLE / 1e9);
    }

    /**
     * Memory per particle on every rank: position, velocity, mass and acceleration (10 doubles) in the state, plus the
     * engine's gather and scratch copies of positions and accelerations (6).
     */
    static final int BYTES_PER_PARTICLE = 16 * Double.BYTES;
}

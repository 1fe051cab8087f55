package org.orrery.archfixture.sim;

import org.orrery.archfixture.io.FixtureWriter;

/** Violates "sim depends on parallel, physics and model only": writes output itself. */
public final class SimWritesFiles {
    private SimWritesFiles() {}

    public static String save() {
        return new FixtureWriter().name();
    }
}

package org.orrery.archfixture.io;

import org.orrery.archfixture.sim.SimWritesFiles;

/** Violates "io depends on model (and analysis) only": drives a simulation. */
public final class IoUsesSim {
    private IoUsesSim() {}

    public static String run() {
        return SimWritesFiles.save();
    }
}

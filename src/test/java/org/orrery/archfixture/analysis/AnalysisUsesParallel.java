package org.orrery.archfixture.analysis;

import org.orrery.archfixture.parallel.FixtureComm;

/** Violates "analysis depends on model only": asks the communicator. */
public final class AnalysisUsesParallel {
    private AnalysisUsesParallel() {}

    public static int ranks(FixtureComm comm) {
        return comm.size();
    }
}

package org.orrery.archfixture.bench;

import org.orrery.archfixture.apps.one.OneCommand;

/** Violates "bench does not import apps": a benchmark that calls a program class. */
public final class BenchUsesApps {
    private BenchUsesApps() {}

    public static int run() {
        return OneCommand.run();
    }
}

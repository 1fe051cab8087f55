package org.orrery.archfixture.apps.two;

import org.orrery.archfixture.bench.BenchUsesApps;

/** With {@code BenchUsesApps} closes an apps → bench → apps cycle. */
public final class TwoBenchCommand {
    private TwoBenchCommand() {}

    public static int run() {
        return BenchUsesApps.run();
    }
}

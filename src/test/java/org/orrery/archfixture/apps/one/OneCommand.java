package org.orrery.archfixture.apps.one;

import org.orrery.archfixture.apps.two.TwoJob;

/** Violates "no program calls another program's classes": program one runs program two's job. */
public final class OneCommand {
    private OneCommand() {}

    public static int run() {
        return TwoJob.run();
    }
}

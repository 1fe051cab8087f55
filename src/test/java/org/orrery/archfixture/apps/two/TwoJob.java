package org.orrery.archfixture.apps.two;

/** A harmless program class that program one (wrongly) calls. */
public final class TwoJob {
    private TwoJob() {}

    public static int run() {
        return 2;
    }
}

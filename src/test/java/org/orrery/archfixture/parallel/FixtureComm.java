package org.orrery.archfixture.parallel;

/** A harmless parallel class that other fixtures point at. */
public final class FixtureComm {
    public int size() {
        return 1;
    }
}

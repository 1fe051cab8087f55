package org.orrery.archfixture.io;

/** A harmless io class that other fixtures point at. */
public final class FixtureWriter {
    public String name() {
        return "writer";
    }
}

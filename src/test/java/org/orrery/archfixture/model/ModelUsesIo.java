package org.orrery.archfixture.model;

import org.orrery.archfixture.io.FixtureWriter;

/** Violates "model depends on nothing": holds an io type. */
public final class ModelUsesIo {
    private final FixtureWriter writer = new FixtureWriter();

    public FixtureWriter writer() {
        return writer;
    }
}

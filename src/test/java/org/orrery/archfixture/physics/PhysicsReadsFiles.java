package org.orrery.archfixture.physics;

import java.nio.file.Files;
import java.nio.file.Path;

/** Violates "kernels are pure": touches the file system. */
public final class PhysicsReadsFiles {
    private PhysicsReadsFiles() {}

    public static boolean present(String name) {
        return Files.exists(Path.of(name));
    }
}

package org.orrery.apps;

import org.orrery.io.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code --version} for every program. */
public final class OrreryVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"Orrery " + Version.get() + " (Java " + System.getProperty("java.version") + ")"};
    }
}

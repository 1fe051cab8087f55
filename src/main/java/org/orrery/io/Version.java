package org.orrery.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Orrery's version, from the filtered resource {@code orrery.properties}. */
public final class Version {
    private Version() {}

    public static String get() {
        try (InputStream in = Version.class.getResourceAsStream("/orrery.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}

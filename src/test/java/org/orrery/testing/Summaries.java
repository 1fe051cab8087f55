package org.orrery.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the {@code --summary FILE.json} a program wrote (see {@code org.orrery.io.Summary}): integration tests take
 * their figures from it and from output files, never from the human summary on stdout.
 */
public final class Summaries {
    private Summaries() {}

    /** The whole summary; fails the test when the file is missing or is not a JSON object. */
    public static JsonObject read(Path file) {
        assertTrue(Files.isRegularFile(file), "no summary " + file);
        try {
            return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Its {@code results} map. */
    public static JsonObject results(Path file) {
        return read(file).getAsJsonObject("results");
    }

    /** Its {@code parameters} map. */
    public static JsonObject parameters(Path file) {
        return read(file).getAsJsonObject("parameters");
    }
}

package org.orrery.io;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.orrery.model.UserError;

/**
 * Runs Orrery programs the way a user does, through {@code launch/orrery}, and reads back the machine-readable summary
 * they write with {@code --summary} (never their printed prose).
 */
public final class Launcher {
    private Launcher() {}

    /**
     * The launcher script: {@code override} if given, else {@code $ORRERY_HOME/launch/orrery}, else the one beside the
     * jar this class was loaded from ({@code <root>/target/orrery-all.jar}), else {@code ./launch/orrery}. Throws
     * {@link UserError} naming where it looked.
     */
    public static Path find(Path override, String optionName) {
        if (override != null) {
            if (!Files.isExecutable(override)) {
                throw new UserError("launcher " + override + " is not an executable file, " + optionName);
            }
            return override;
        }
        List<Path> candidates = new ArrayList<>();
        String home = System.getenv("ORRERY_HOME");
        if (home != null) {
            candidates.add(Path.of(home, "launch", "orrery"));
        }
        try {
            Path jar = Path.of(Launcher.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toAbsolutePath();
            candidates.add(jar.getParent().getParent().resolve("launch").resolve("orrery"));
        } catch (java.net.URISyntaxException | NullPointerException | SecurityException | IllegalArgumentException e) {
            candidates.add(Path.of("launch", "orrery").toAbsolutePath());
        }
        candidates.add(Path.of("launch", "orrery"));
        for (Path c : candidates) {
            if (Files.isExecutable(c)) {
                return c;
            }
        }
        throw new UserError(
                "cannot find launch/orrery (looked at " + candidates + "): pass " + optionName + " or set ORRERY_HOME");
    }

    /**
     * Runs {@code cmd} (which must end in {@code --summary summaryFile}), waits at most {@code timeoutSeconds}, and
     * returns the parsed summary. A failure, a time-out or a missing or malformed summary becomes a {@link UserError}
     * quoting the command and the last lines it printed.
     */
    public static JsonObject runForSummary(List<String> cmd, Path summaryFile, double timeoutSeconds)
            throws IOException, InterruptedException {
        Files.deleteIfExists(summaryFile);
        Path log = Files.createTempFile("orrery-run", ".log");
        try {
            // Children die with their parent: SIGINT/SIGTERM to this JVM takes mpirun and its ranks down too,
            // even when it arrives while mpirun starts.
            ProcessGuard.Guarded guarded = ProcessGuard.start(
                    new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()));
            Process proc = guarded.process();
            try (guarded) {
                if (!proc.waitFor((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS)) {
                    ProcessGuard.killTree(proc.toHandle());
                    proc.waitFor(10, TimeUnit.SECONDS);
                    throw new UserError("run timed out after " + timeoutSeconds + " s: " + String.join(" ", cmd));
                }
            }
            // Exit 3 means "partial" (farm: some inputs failed; decay --strict: a check failed): the
            // run finished and its timing in the summary stands.
            if ((proc.exitValue() != 0 && proc.exitValue() != 3) || !Files.isRegularFile(summaryFile)) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
                throw new UserError(
                        "run failed (exit " + proc.exitValue() + "): " + String.join(" ", cmd) + ": " + tail);
            }
            try {
                return JsonParser.parseString(Files.readString(summaryFile, StandardCharsets.UTF_8))
                        .getAsJsonObject();
            } catch (RuntimeException e) {
                throw new UserError("the summary " + summaryFile + " is not valid JSON: " + e.getMessage());
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }
}

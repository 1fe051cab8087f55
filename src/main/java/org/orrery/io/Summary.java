package org.orrery.io;

import com.google.gson.GsonBuilder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The machine-readable summary every program can write ({@code --summary FILE.json}): program name, ranks, threads,
 * wall time, the program's own rate figures, and every parameter used. The scaling sweep reads these files; keys are
 * stable.
 *
 * <p>Common keys: {@code program}, {@code ranks}, {@code threads}, {@code wall_s} (the timed region), {@code rate} and
 * {@code rate_unit} (the program's headline throughput), {@code parameters} (a map), {@code results} (a map),
 * {@code orrery_version}, {@code mpi}, {@code java}, {@code date}.
 */
public final class Summary {
    private final Map<String, Object> root = new LinkedHashMap<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Map<String, Object> results = new LinkedHashMap<>();

    public Summary(String program, int ranks, int threads, String mpiVersion) {
        root.put("program", program);
        root.put("ranks", ranks);
        root.put("threads", threads);
        root.put("orrery_version", Version.get());
        root.put("mpi", mpiVersion);
        root.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        root.put("date", Instant.now().toString());
        root.put("parameters", parameters);
        root.put("results", results);
    }

    /** The timed region's wall time and the headline rate (e.g. 1.2e9, "interactions/s"). */
    public Summary timing(double wallSeconds, double rate, String rateUnit) {
        root.put("wall_s", wallSeconds);
        root.put("rate", rate);
        root.put("rate_unit", rateUnit);
        return this;
    }

    public Summary param(String key, Object value) {
        parameters.put(key, value);
        return this;
    }

    public Summary result(String key, Object value) {
        results.put(key, value);
        return this;
    }

    /** Any other top-level key. */
    public Summary put(String key, Object value) {
        root.put(key, value);
        return this;
    }

    public String toJson() {
        return new GsonBuilder()
                        .setPrettyPrinting()
                        .serializeSpecialFloatingPointValues()
                        .disableHtmlEscaping()
                        .create()
                        .toJson(root)
                + "\n";
    }

    /** Writes the summary atomically. */
    public void write(Path file) {
        AtomicFile.writeString(file, toJson());
    }
}

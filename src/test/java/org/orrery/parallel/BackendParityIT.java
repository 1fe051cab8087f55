package org.orrery.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.testing.MpiRun;
import org.orrery.testing.MpiRun.Config;

/**
 * One program, any MPI: nbody (the default teaching run), paircount, farm and decay at np 1 and 3 under every MPI
 * configuration available here — Open MPI through its Java bindings (installed, and built by mpi/setup from the same
 * version's sources), Open MPI through the shim, MPICH through the shim — write byte-identical output files and the
 * same N-body state digest, and so do the ranks as threads of one JVM ({@link ThreadComm}) at np 3. A configuration
 * that cannot be set up here is skipped (and named), except in CI ({@code orrery.mpirun=require}), where every one must
 * work.
 */
class BackendParityIT {
    /** The configurations, as the launcher's environment selects them. */
    static final List<Config> CONFIGS = List.of(
            new Config("openmpi/ompi-java", Map.of("ORRERY_MPI", "openmpi", "ORRERY_MPI_BACKEND", "ompi-java")),
            new Config(
                    "openmpi/ompi-java built from source",
                    Map.of("ORRERY_MPI", "openmpi", "ORRERY_MPI_BACKEND", "ompi-java", "ORRERY_OMPI_JAVA", "source")),
            new Config("openmpi/shim", Map.of("ORRERY_MPI", "openmpi", "ORRERY_MPI_BACKEND", "shim")),
            new Config("mpich/shim", Map.of("ORRERY_MPI", "mpich", "ORRERY_MPI_BACKEND", "shim")));

    @TempDir
    Path work;

    /** The configurations whose hello runs with the backend and native library asked for. */
    private List<Config> available() throws IOException {
        List<Config> ok = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Config c : CONFIGS) {
            Map<String, String> env = new LinkedHashMap<>(c.env());
            env.put("ORRERY_NO_INSTALL", "1");
            Config quiet = new Config(c.name(), env);
            Path summary = work.resolve("hello-" + ok.size() + missing.size() + ".json");
            MpiRun.Result r = MpiRun.run(quiet, 2, 300, work, List.of(), "Hello", "--summary", summary.toString());
            if (r.exitCode() != 0 || !Files.isRegularFile(summary)) {
                missing.add(c.name() + ": " + String.join(" | ", r.stderrLines()));
                continue;
            }
            JsonObject res = JsonParser.parseString(Files.readString(summary))
                    .getAsJsonObject()
                    .getAsJsonObject("results");
            String lib = res.get("native_library").getAsString();
            String backend = c.env().get("ORRERY_MPI_BACKEND");
            assertEquals(backend, res.get("backend").getAsString(), c.name());
            if ("shim".equals(backend)) {
                assertTrue(lib.contains("liborrery_mpi"), c.name() + " loaded " + lib);
            } else {
                assertTrue(lib.contains("libmpi_java"), c.name() + " loaded " + lib);
                // Built from source: the library mpi/setup compiled, never the packaged one.
                assertEquals(
                        c.env().containsKey("ORRERY_OMPI_JAVA"),
                        lib.contains("/mpi/build/"),
                        c.name() + " loaded " + lib);
            }
            ok.add(quiet);
        }
        if (!missing.isEmpty()) {
            String why = "MPI configurations not available here: " + missing;
            if ("require".equals(System.getProperty("orrery.mpirun"))) {
                fail(why + " (orrery.mpirun=require: CI must run them all; see .ci/run)");
            }
            System.err.println("BackendParityIT: " + why);
        }
        Assumptions.assumeTrue(ok.size() >= 2, "fewer than two MPI configurations available: nothing to compare");
        return ok;
    }

    /**
     * Every output file under {@code dir} but summaries and plots (timings, fonts) and the farm's resume ledger (one
     * file per process, named by its pid), by relative path.
     */
    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String name = dir.relativize(p).toString();
                if (!name.endsWith(".json") && !name.endsWith(".png") && !name.contains(".ledger/")) {
                    m.put(name, Files.readAllBytes(p));
                }
            }
        }
        return m;
    }

    private static String digest(Path summary) throws IOException {
        return JsonParser.parseString(Files.readString(summary))
                .getAsJsonObject()
                .getAsJsonObject("results")
                .get("state_sha256")
                .getAsString();
    }

    private static void ok(MpiRun.Result r) {
        assertEquals(0, r.exitCode(), r::describe);
    }

    /** The ranks as threads of one JVM ({@link ThreadComm}), compared at np 3 with every MPI configuration. */
    static final Config THREADS = new Config("ranks as threads", Map.of("ORRERY_RANKS_AS", "threads"));

    /** np 1 too under MPI (launch/orrery runs one rank without MPI otherwise; SerialRunIT compares the two). */
    private static final String WITH_MPI = "--with-mpi";

    /** Runs the four programs in {@code dir} (relative paths only, so tables name the same files). */
    private static void runAll(Config c, int np, Path dir) throws IOException {
        Files.createDirectories(dir);
        // The ranks as threads of one JVM are compared too: without --with-mpi, which would start MPI instead.
        String withMpi = c.equals(THREADS) ? "-q" : WITH_MPI;
        ok(MpiRun.run(
                c,
                np,
                300,
                dir,
                List.of(),
                "NBody",
                withMpi,
                "-o",
                "out/nbody",
                "--no-plot",
                "--summary",
                "nbody.json"));
        ok(MpiRun.run(
                c,
                np,
                300,
                dir,
                List.of(),
                "PairCount",
                withMpi,
                "--generate",
                "clustered",
                "-n",
                "20000",
                "-o",
                "out/paircount/paircount",
                "--no-plot",
                "--summary",
                "paircount.json"));
        ok(MpiRun.run(
                c,
                np,
                300,
                dir,
                List.of(),
                "ImageFarm",
                withMpi,
                "../../imgs",
                "-k",
                "5",
                "-o",
                "out/farm",
                "--summary",
                "farm.json"));
        ok(MpiRun.run(
                c,
                np,
                300,
                dir,
                List.of(),
                "Decay",
                withMpi,
                "--n0",
                "5000",
                "--t-max",
                "0.3",
                "--dt",
                "0.01",
                "--nsims",
                "7",
                "--seed",
                "42",
                "--members",
                "--out",
                "out/decay",
                "--no-plot",
                "--summary",
                "decay.json"));
    }

    @Test
    void everyProgramWritesTheSameBytesUnderEveryMpiConfiguration() throws IOException {
        // It compares all configurations itself: once, from the default run of the suite.
        Assumptions.assumeTrue(
                Stream.of("ORRERY_MPI", "ORRERY_MPI_BACKEND", "ORRERY_OMPI_JAVA", "ORRERY_RANKS_AS")
                        .allMatch(v -> System.getenv(v) == null),
                "BackendParityIT runs in the suite of the default configuration");
        List<Config> configs = available();
        ok(MpiRun.run(
                configs.get(0),
                2,
                300,
                work,
                List.of(),
                "GenImages",
                "-o",
                "imgs",
                "-n",
                "4",
                "--nx",
                "48",
                "--ny",
                "36"));
        String refDigest = null;
        for (int np : new int[] {1, 3}) {
            Map<String, byte[]> ref = null;
            String refName = null;
            List<Config> all = new ArrayList<>(configs);
            if (np > 1) {
                all.add(THREADS);
            }
            for (int i = 0; i < all.size(); i++) {
                Config c = all.get(i);
                Path dir = work.resolve("c" + i).resolve("np" + np);
                runAll(c, np, dir);
                if (c.equals(THREADS)) { // really one JVM, not a fallback to mpirun
                    String mpi = JsonParser.parseString(Files.readString(dir.resolve("nbody.json")))
                            .getAsJsonObject()
                            .get("mpi")
                            .getAsString();
                    assertTrue(mpi.contains(np + " ranks as threads of one JVM"), mpi);
                }
                String d = digest(dir.resolve("nbody.json"));
                if (refDigest == null) {
                    refDigest = d;
                }
                assertEquals(refDigest, d, "nbody state digest, " + c.name() + " np " + np);
                Map<String, byte[]> out = files(dir.resolve("out"));
                assertFalse(out.isEmpty(), c.name());
                if (ref == null) {
                    ref = out;
                    refName = c.name();
                    continue;
                }
                assertEquals(
                        ref.keySet(), out.keySet(), "files written, " + c.name() + " vs " + refName + ", np " + np);
                for (Map.Entry<String, byte[]> e : ref.entrySet()) {
                    assertArrayEquals(
                            e.getValue(),
                            out.get(e.getKey()),
                            e.getKey() + ": " + c.name() + " vs " + refName + ", np " + np);
                }
            }
        }
    }
}

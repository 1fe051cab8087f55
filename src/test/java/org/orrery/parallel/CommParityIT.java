package org.orrery.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.testing.MpiRun;
import org.orrery.testing.MpiRun.Config;
import org.orrery.testing.Summaries;

/**
 * Every {@link Comm} operation delivers the same bits under every MPI configuration: commcheck (the v-collectives at 65
 * 536 × 3 doubles, then {@link CommChecks}: every operation the backends expose, value by value) at np 1 and 3 under
 * Open MPI through mpi.jar, Open MPI through the shim and MPICH through the shim (the configurations of
 * {@link BackendParityIT}). Each run must pass, name the backend that was asked for, and print the same digest of
 * everything received; at np 1 that digest must equal the one {@link SerialComm} gives in this JVM, and at np 1 and 3
 * the one {@link ThreadComm} gives with the ranks as threads of this JVM.
 */
class CommParityIT {
    @TempDir
    Path work;

    @Test
    void commcheckGivesTheSameDigestOnEveryBackendAtOneAndThreeRanks() throws Exception {
        Assumptions.assumeTrue(
                Stream.of("ORRERY_MPI", "ORRERY_MPI_BACKEND", "ORRERY_OMPI_JAVA", "ORRERY_RANKS_AS")
                        .allMatch(v -> System.getenv(v) == null),
                "CommParityIT runs in the suite of the default configuration");
        String serial = CommChecks.everyOperation(new SerialComm()).digest();
        List<String> missing = new ArrayList<>();
        List<Config> available = new ArrayList<>(BackendParityIT.CONFIGS);
        for (int np : new int[] {1, 3}) {
            String ref = np == 1 ? serial : null;
            String refName = np == 1 ? "SerialComm" : null;
            for (Config c : List.copyOf(available)) {
                Map<String, String> env = new LinkedHashMap<>(c.env());
                env.put("ORRERY_NO_INSTALL", "1");
                Path summary = work.resolve("commcheck-" + c.name() + "-" + np + ".json");
                MpiRun.Result r = MpiRun.run(
                        new Config(c.name(), env),
                        np,
                        300,
                        work,
                        List.of(),
                        "CommCheck",
                        "--summary",
                        summary.toString());
                if (np == 1 && r.exitCode() != 0 && !Files.exists(summary)) {
                    // Could not even start: this configuration is not set up here.
                    missing.add(c.name() + ": " + String.join(" | ", r.stderrLines()));
                    available.remove(c);
                    continue;
                }
                assertEquals(0, r.exitCode(), r::describe);
                JsonObject res = Summaries.read(summary).getAsJsonObject("results");
                assertTrue(res.get("ok").getAsBoolean(), r::describe);
                assertEquals(
                        c.env().get("ORRERY_MPI_BACKEND"), res.get("backend").getAsString(), r::describe);
                String digest = res.get("digest").getAsString();
                if (ref == null) {
                    ref = digest;
                    refName = c.name();
                }
                assertEquals(ref, digest, "digest of " + c.name() + " vs " + refName + " at np " + np);
            }
            if (ref != null) { // the ranks as threads of one JVM deliver the same bits as MPI
                assertEquals(ref, ThreadCommTest.digest(np), "digest of ThreadComm vs " + refName + " at np " + np);
            }
        }
        if (!missing.isEmpty()) {
            String why = "MPI configurations not available here: " + missing;
            if ("require".equals(System.getProperty("orrery.mpirun"))) {
                fail(why + " (orrery.mpirun=require: CI must run them all)");
            }
            System.err.println("CommParityIT: " + why);
        }
        Assumptions.assumeTrue(
                available.size() >= 2, "fewer than two MPI configurations available: nothing to compare");
    }
}

package org.orrery.apps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.testing.MpiRun;
import org.orrery.testing.Summaries;

/**
 * {@code nbody --integrator hermite} under real mpirun (issue 15): a small King W0 = 5 cluster with Kroupa masses ends
 * in the same state digest at np 1, 2, 3 and with threads; a run to t = A with a checkpoint, restarted (at another np)
 * to t = B, ends in the bits of the straight run to B, and its diagnostics.csv is the straight run's byte for byte; bad
 * inputs at np 3 end with one line and exit 2.
 */
class NBodyHermiteIT {
    @TempDir
    Path tmp;

    private static final List<String> CLUSTER = List.of(
            "--integrator",
            "hermite",
            "--ic",
            "king",
            "--w0",
            "5",
            "--imf",
            "kroupa",
            "--m-min",
            "0.1",
            "--m-max",
            "50",
            "-n",
            "96",
            "--eta",
            "0.03",
            "--seed",
            "7",
            "-q",
            "--no-plot");

    private MpiRun.Result nbody(int np, String name, List<String> args) {
        List<String> a = new ArrayList<>(args);
        a.add("-o");
        a.add(tmp.resolve(name).toString());
        a.add("--summary");
        a.add(tmp.resolve(name + ".json").toString());
        return MpiRun.run(np, 300, tmp, "NBody", a.toArray(String[]::new));
    }

    private JsonObject ok(MpiRun.Result r, String name) {
        assertEquals(0, r.exitCode(), r::describe);
        return Summaries.results(tmp.resolve(name + ".json"));
    }

    private static List<String> with(List<String> base, String... more) {
        List<String> a = new ArrayList<>(base);
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void kingKroupaClusterEndsInTheSameDigestAtAnyRankAndThreadCount() {
        List<String> run = with(CLUSTER, "--t-end", "0.5");
        JsonObject one = ok(nbody(1, "np1", run), "np1");
        String digest = one.get("state_sha256").getAsString();
        assertTrue(one.get("energy_error_max").getAsDouble() < 1e-4, one::toString);
        assertEquals(0.5, one.get("time").getAsDouble());
        for (int[] pt : new int[][] {{2, 1}, {3, 1}, {3, 2}}) {
            String name = "np" + pt[0] + "t" + pt[1];
            JsonObject o = ok(nbody(pt[0], name, with(run, "--threads", Integer.toString(pt[1]))), name);
            assertEquals(digest, o.get("state_sha256").getAsString(), name);
            assertEquals(one.get("blocks").getAsLong(), o.get("blocks").getAsLong(), name);
        }
    }

    @Test
    void restartFromACheckpointIsBitExact() throws IOException {
        JsonObject straight = ok(nbody(2, "straight", with(CLUSTER, "--t-end", "0.75")), "straight");
        ok(nbody(1, "split", with(CLUSTER, "--t-end", "0.25")), "split");
        List<String> restart = List.of(
                "--integrator",
                "hermite",
                "--restart",
                tmp.resolve("split/checkpoint.bin").toString(),
                "--t-end",
                "0.75",
                "-q",
                "--no-plot");
        JsonObject resumed = ok(nbody(3, "split", restart), "split");
        assertEquals(
                straight.get("state_sha256").getAsString(),
                resumed.get("state_sha256").getAsString());
        assertEquals(
                straight.get("energy_error_max").getAsDouble(),
                resumed.get("energy_error_max").getAsDouble());
        assertArrayEquals(
                Files.readAllBytes(tmp.resolve("straight/diagnostics.csv")),
                Files.readAllBytes(tmp.resolve("split/diagnostics.csv")));
    }

    @Test
    void badInputsAtNp3EndWithOneLineAndExitCode2() {
        String[][] cases = {
            {"--eta", "0", "--eta must be a positive number, got 0.0"},
            {"--eta", "-0.1", "--eta must be a positive number, got -0.1"},
            {"--w0", "17", "--w0 must be in (0, 16] (King models), got 17.0"},
            {"--w0", "0", "--w0 must be in (0, 16] (King models), got 0.0"},
            {"--m-min", "0", "--m-min must be a positive number, got 0.0"},
            {"--m-min", "5", "--m-min 5.0 must be below --m-max 1.0"},
            {"--dt-max", "0.1", "--dt-max must be a power of two (e.g. 0.0625 or 1), got 0.1"},
        };
        for (String[] c : cases) {
            List<String> a = new ArrayList<>(List.of(
                    "--integrator",
                    "hermite",
                    "--ic",
                    "king",
                    "--imf",
                    "kroupa",
                    "--m-max",
                    "1",
                    "-n",
                    "32",
                    "--t-end",
                    "0.25",
                    c[0],
                    c[1]));
            MpiRun.Result r = MpiRun.run(3, 120, tmp, "NBody", a.toArray(String[]::new));
            assertEquals(2, r.exitCode(), r::describe);
            assertEquals(List.of("orrery nbody: error: " + c[2]), r.stderrLines(), r::describe);
        }
    }
}

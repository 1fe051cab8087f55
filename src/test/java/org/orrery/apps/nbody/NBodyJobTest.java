package org.orrery.apps.nbody;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.apps.common.Programs;
import org.orrery.model.ParticleState;
import org.orrery.parallel.SerialComm;
import org.orrery.physics.ics.InitialConditions;
import org.orrery.sim.StateDigest;

/** {@link NBodyJob} on a {@link SerialComm}: results as values, and the files {@link NBodyOutputs} writes. */
class NBodyJobTest {

    private static NBodyConfig plummer(int n, long steps, int threads) {
        return new NBodyConfig(
                NBodyConfig.Ic.plummer,
                n,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                steps,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                threads,
                0);
    }

    @Test
    void theResultCarriesThePlanTheStepsAndADigestThatThreadsDoNotChange() {
        NBodyJob.Result one = NBodyJob.run(new SerialComm(), plummer(64, 16, 1), new NBodyJob.Observer() {});
        NBodyJob.Result three = NBodyJob.run(new SerialComm(), plummer(64, 16, 3), new NBodyJob.Observer() {});
        assertEquals(one.digest(), three.digest());
        assertEquals(16, one.stepsDone());
        assertEquals(0, one.firstStep());
        assertEquals(16, one.state().step);
        assertEquals(1.0 / 128, one.plan().dt());
        assertEquals(0.05, one.plan().eps());
        assertEquals(1.0, one.plan().g());
        assertEquals(42, one.plan().seed());
        assertEquals("Plummer sphere (Henon units), N=64, seed 42", one.description());
        assertEquals(StateDigest.sha256(one.state()), one.digest());
        // Leapfrog's energy error is O((dt/t_dyn)^2): dt = 1/128 and t_dyn ~ 1 in Henon units give ~6e-5, and the
        // softening (0.05, about the mean spacing of 64 particles' core) bounds close encounters; 1e-3 leaves 16x
        // margin.
        assertTrue(one.maxRelEnergyError() < 1e-3, "max |dE/E| " + one.maxRelEnergyError());
        assertTrue(one.maxRelEnergyError() >= Math.abs(one.finalRelEnergyError()));
    }

    @Test
    void theJobStartsFromTheSameParticlesTheKernelBuilds() {
        NBodyJob.Result r = NBodyJob.run(new SerialComm(), plummer(32, 0, 1), new NBodyJob.Observer() {});
        ParticleState s = InitialConditions.plummer(32, 42);
        assertEquals(StateDigest.sha256(s), r.digest());
        assertEquals(0, r.stepsDone());
    }

    private static JsonObject run(Path json, String... args) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        String[] all = new String[args.length + 3];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "-q";
        all[args.length + 1] = "--summary";
        all[args.length + 2] = json.toString();
        assertEquals(0, Programs.runSerial(new NBodyCommand(), err, all), bytes.toString(StandardCharsets.UTF_8));
        return JsonParser.parseString(Files.readString(json)).getAsJsonObject().getAsJsonObject("results");
    }

    @Test
    void aRestartedRunEndsInTheSameStateWithTheSameTableAsAnUnbrokenOne(@TempDir Path tmp) throws IOException {
        Path whole = tmp.resolve("whole");
        Path parts = tmp.resolve("parts");
        JsonObject a = run(
                tmp.resolve("a.json"),
                "--ic",
                "plummer",
                "-n",
                "40",
                "--steps",
                "30",
                "--diag-every",
                "5",
                "--no-plot",
                "-o",
                whole.toString());
        run(
                tmp.resolve("b.json"),
                "--ic",
                "plummer",
                "-n",
                "40",
                "--steps",
                "20",
                "--diag-every",
                "5",
                "--no-plot",
                "-o",
                parts.toString());
        JsonObject c = run(
                tmp.resolve("c.json"),
                "--restart",
                parts.resolve("checkpoint.bin").toString(),
                "--steps",
                "30",
                "--diag-every",
                "5",
                "--no-plot",
                "-o",
                parts.toString());
        assertEquals(a.get("state_sha256").getAsString(), c.get("state_sha256").getAsString());
        assertEquals(10, c.get("steps_done").getAsLong());
        assertEquals(
                a.get("energy_error_max").getAsDouble(),
                c.get("energy_error_max").getAsDouble());
        assertEquals(
                Files.readString(whole.resolve("diagnostics.csv")), Files.readString(parts.resolve("diagnostics.csv")));
        assertTrue(Files.exists(parts.resolve("snap_00000030.fits")));
    }

    @Test
    void theOutputsAreTheTableTheSnapshotsTheCheckpointAndThePlot(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("o");
        run(tmp.resolve("s.json"), "--ic", "kepler", "--steps", "40", "--snap-every", "20", "-o", out.toString());
        List<String> rows = Files.readAllLines(out.resolve("diagnostics.csv"));
        assertEquals(NBodyOutputs.DIAG_HEADER, rows.get(0));
        assertEquals(1 + 41, rows.size()); // diagnostics every max(1, 40/100) = 1 step, from step 0
        assertTrue(rows.get(41).startsWith("40,"));
        try (var files = Files.list(out)) {
            assertEquals(
                    List.of(
                            "checkpoint.bin",
                            "diagnostics.csv",
                            "projections.png",
                            "snap_00000000.fits",
                            "snap_00000020.fits",
                            "snap_00000040.fits"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}

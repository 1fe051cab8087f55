package org.orrery.apps.nbody;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import org.orrery.io.snapshot.Checkpoint;
import org.orrery.parallel.SerialComm;
import org.orrery.sim.StateDigest;

/** {@link HermiteJob} on a {@link SerialComm}: digests, restarts, the files and the summary. */
class HermiteJobTest {

    private static NBodyCommand parse(String... args) {
        NBodyCommand c = new NBodyCommand();
        new picocli.CommandLine(c).parseArgs(args);
        c.validate();
        return c;
    }

    private static HermiteJob.Result job(String... args) {
        NBodyCommand c = parse(args);
        return HermiteJob.run(new SerialComm(), c.config(), c.hermite(), new HermiteJob.Observer() {});
    }

    @Test
    void theDigestDoesNotDependOnThreadsAndTheRunStopsAtTEnd() {
        String[] base = {"--integrator", "hermite", "--ic", "king", "--w0", "4", "-n", "48", "--t-end", "0.25"};
        HermiteJob.Result one = job(base);
        HermiteJob.Result three = job(concat(base, "--threads", "3"));
        assertEquals(one.digest(), three.digest());
        assertEquals(StateDigest.sha256(one.state()), one.digest());
        assertEquals(0.25, one.state().time);
        assertTrue(one.blocksDone() >= 4, "at least one block per dt_max");
        assertEquals(one.hermite().blocks(), one.state().step);
        assertTrue(one.maxRelEnergyError() < 1e-5, "max |dE/E| " + one.maxRelEnergyError());
        assertEquals(4, one.last().lagrangian().length);
        double[] l = one.last().lagrangian();
        assertTrue(l[0] <= l[1] && l[1] <= l[2] && l[2] <= l[3]);
        assertTrue(one.last().core().radius() > 0 && one.last().core().density() > 0);
        assertNotEquals(one.digest(), job(concat(base, "--eta", "0.01")).digest());
    }

    @Test
    void aRestartEndsInTheBitsOfTheStraightRunWithTheSameTable(@TempDir Path tmp) throws IOException {
        String[] ic = {"--integrator", "hermite", "--ic", "plummer", "--imf", "kroupa", "-n", "40", "--seed", "3"};
        JsonObject straight = run(
                tmp.resolve("a.json"),
                concat(ic, "--t-end", "0.5", "-o", tmp.resolve("a").toString()));
        run(
                tmp.resolve("b1.json"),
                concat(ic, "--t-end", "0.25", "-o", tmp.resolve("b").toString()));
        assertTrue(Checkpoint.read(tmp.resolve("b/checkpoint.bin")).hermite() != null, "a Hermite checkpoint");
        JsonObject resumed = run(
                tmp.resolve("b2.json"),
                "--integrator",
                "hermite",
                "--restart",
                tmp.resolve("b/checkpoint.bin").toString(),
                "--t-end",
                "0.5",
                "-o",
                tmp.resolve("b").toString());
        assertEquals(
                straight.get("state_sha256").getAsString(),
                resumed.get("state_sha256").getAsString());
        assertEquals(straight.get("blocks").getAsLong(), resumed.get("blocks").getAsLong());
        assertArrayEquals(
                Files.readAllBytes(tmp.resolve("a/diagnostics.csv")),
                Files.readAllBytes(tmp.resolve("b/diagnostics.csv")));
        List<String> rows = Files.readAllLines(tmp.resolve("a/diagnostics.csv"));
        assertEquals(HermiteDiagnostics.HEADER, rows.get(0));
        assertEquals(1 + 9, rows.size(), "t = 0 and every dt_max = 1/16 up to 0.5");
        assertTrue(Files.size(tmp.resolve("a/lagrangian.png")) > 1000);
    }

    @Test
    void theSummaryCarriesTheClusterDiagnostics(@TempDir Path tmp) throws IOException {
        JsonObject r = run(
                tmp.resolve("s.json"),
                "--integrator",
                "hermite",
                "--ic",
                "king",
                "-n",
                "64",
                "--t-end",
                "0.125",
                "--dt-max",
                "0.125",
                "-o",
                tmp.resolve("s").toString());
        assertEquals(-0.25, r.get("energy_initial").getAsDouble(), 0.01, "Henon units, softened");
        assertEquals(1.0, r.get("virial_ratio_initial").getAsDouble(), 0.02);
        assertEquals(4, r.getAsJsonArray("lagrangian_radii").size());
        assertTrue(r.get("t_rh_initial").getAsDouble() > 0);
        assertTrue(r.get("core_radius").getAsDouble() > 0);
        assertTrue(r.getAsJsonObject("steps_per_level").size() >= 1);
        assertEquals(0.125, r.get("time").getAsDouble());
    }

    @Test
    void restartRulesNameTheOption(@TempDir Path tmp) throws IOException {
        run(
                tmp.resolve("l.json"),
                "--ic",
                "plummer",
                "-n",
                "20",
                "--steps",
                "2",
                "--no-plot",
                "-o",
                tmp.resolve("l").toString());
        run(
                tmp.resolve("h.json"),
                "--integrator",
                "hermite",
                "-n",
                "20",
                "--t-end",
                "0.125",
                "--no-plot",
                "-o",
                tmp.resolve("h").toString());
        assertEquals(
                "orrery nbody: error: restart file " + tmp.resolve("l/checkpoint.bin")
                        + " holds a leapfrog run; continue it without --integrator hermite",
                fail(
                        "--integrator",
                        "hermite",
                        "--restart",
                        tmp.resolve("l/checkpoint.bin").toString(),
                        "--t-end",
                        "1",
                        "-o",
                        tmp.resolve("l").toString()));
        assertEquals(
                "orrery nbody: error: restart file " + tmp.resolve("h/checkpoint.bin")
                        + " holds a Hermite run; continue it with --integrator hermite",
                fail(
                        "--restart",
                        tmp.resolve("h/checkpoint.bin").toString(),
                        "--t-end",
                        "1",
                        "-o",
                        tmp.resolve("h").toString()));
        assertEquals(
                "orrery nbody: error: restart file " + tmp.resolve("h/checkpoint.bin")
                        + " was run with --eta 0.02, but --eta 0.01" + " was given (a restart continues the same run)",
                fail(
                        "--integrator",
                        "hermite",
                        "--restart",
                        tmp.resolve("h/checkpoint.bin").toString(),
                        "--t-end",
                        "1",
                        "--eta",
                        "0.01",
                        "-o",
                        tmp.resolve("h").toString()));
        assertEquals(
                "orrery nbody: error: --t-end 0.1 must be a whole multiple of --dt-max 0.0625",
                fail(
                        "--integrator",
                        "hermite",
                        "-n",
                        "20",
                        "--t-end",
                        "0.1",
                        "-o",
                        tmp.resolve("x").toString()));
    }

    private static String fail(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertEquals(2, Programs.runSerial(new NBodyCommand(), err, args));
        return bytes.toString(StandardCharsets.UTF_8).strip();
    }

    private static JsonObject run(Path json, String... args) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        String[] all = concat(args, "-q", "--summary", json.toString());
        assertEquals(0, Programs.runSerial(new NBodyCommand(), err, all), bytes.toString(StandardCharsets.UTF_8));
        return JsonParser.parseString(Files.readString(json)).getAsJsonObject().getAsJsonObject("results");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}

package org.orrery.apps.nbody;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.orrery.io.OutputLock;

/**
 * Issue 13 for nbody: step limits (no silent hang), restart tables, output-directory locks, no empty directory on bad
 * input.
 */
class NBodyHardeningTest {

    private record Outcome(int code, String err) {}

    private static Outcome exec(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = Programs.runSerial(new NBodyCommand(), err, args);
        return new Outcome(code, bytes.toString(StandardCharsets.UTF_8));
    }

    private static JsonObject run(Path json, String... args) throws IOException {
        String[] all = new String[args.length + 3];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "-q";
        all[args.length + 1] = "--summary";
        all[args.length + 2] = json.toString();
        Outcome o = exec(all);
        assertEquals(0, o.code(), o.err());
        return JsonParser.parseString(Files.readString(json)).getAsJsonObject().getAsJsonObject("results");
    }

    @Test
    void anEndTimeBeyondTheStepLimitIsRefusedUpFrontAndLeavesNoDirectory(@TempDir Path tmp) {
        Path out = tmp.resolve("a/b");
        Outcome o = exec("--ic", "plummer", "-n", "10", "--t-end", "1e300", "-o", out.toString());
        assertEquals(2, o.code());
        assertEquals(
                "orrery nbody: error: --t-end 1.0E300 at dt 0.0078125 needs 1.28e+302 steps, more than "
                        + "9007199254740992 "
                        + "(2^53), the most a run can count: the time k*dt of step k is exact only up to there"
                        + System.lineSeparator(),
                o.err());
        assertFalse(Files.exists(tmp.resolve("a")), "no empty output directory is left behind");
    }

    @Test
    void aRestartToAnEndTimeBeyondTheLimitIsRefused(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("o");
        run(tmp.resolve("a.json"), "--ic", "plummer", "-n", "10", "--steps", "2", "--no-plot", "-o", out.toString());
        Outcome o =
                exec("--restart", out.resolve("checkpoint.bin").toString(), "--t-end", "1e300", "-o", out.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("needs 1.28e+302 steps, more than 9007199254740992"), o.err());
        assertFalse(Files.exists(out.resolve(OutputLock.NAME)));
    }

    @Test
    void aRestartBetweenDiagnosticsStepsGivesTheUninterruptedTable(@TempDir Path tmp) throws IOException {
        Path whole = tmp.resolve("whole");
        Path parts = tmp.resolve("parts");
        JsonObject a = run(
                tmp.resolve("a.json"),
                "--ic",
                "plummer",
                "-n",
                "30",
                "--steps",
                "30",
                "--diag-every",
                "7",
                "--no-plot",
                "-o",
                whole.toString());
        run(
                tmp.resolve("b.json"),
                "--ic",
                "plummer",
                "-n",
                "30",
                "--steps",
                "20",
                "--diag-every",
                "7",
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
                "7",
                "--no-plot",
                "-o",
                parts.toString());
        assertEquals(a.get("state_sha256").getAsString(), c.get("state_sha256").getAsString());
        assertEquals(
                a.get("energy_error_max").getAsDouble(),
                c.get("energy_error_max").getAsDouble());
        assertEquals(
                Files.readString(whole.resolve("diagnostics.csv")), Files.readString(parts.resolve("diagnostics.csv")));
    }

    @Test
    void aDamagedTableIsRepairedToTheCheckpointsStep(@TempDir Path tmp) throws IOException {
        Path whole = tmp.resolve("whole");
        Path parts = tmp.resolve("parts");
        run(
                tmp.resolve("a.json"),
                "--ic",
                "plummer",
                "-n",
                "30",
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
                "30",
                "--steps",
                "20",
                "--diag-every",
                "5",
                "--no-plot",
                "-o",
                parts.toString());
        Path table = parts.resolve("diagnostics.csv");
        String text = Files.readString(table);
        // A crash while the table was appended to by hand or a full disk: a row cut in half and stray bytes.
        Files.writeString(table, text.substring(0, text.length() - 40) + "\n\u0000\u0001garbage,1\n");
        run(
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
        assertEquals(Files.readString(whole.resolve("diagnostics.csv")), Files.readString(table));
    }

    @Test
    void aLiveLockRefusesTheRunWithOneLineAndExitOne(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("o");
        try (OutputLock held = OutputLock.acquire(out, "nbody", m -> {})) {
            assertTrue(Files.exists(held.file()));
            Outcome o = exec("--ic", "plummer", "-n", "10", "--steps", "2", "--no-plot", "-o", out.toString());
            assertEquals(1, o.code());
            assertTrue(
                    o.err()
                            .startsWith("orrery nbody: error: output directory " + out
                                    + " is in use by another run (program=nbody host="),
                    o.err());
            assertEquals(1, o.err().lines().count());
            try (var files = Files.list(out)) {
                assertEquals(
                        List.of(OutputLock.NAME),
                        files.map(p -> p.getFileName().toString()).toList());
            }
        }
    }

    @Test
    void aStaleLockOfADeadProcessIsTakenOverAndReleasedAtTheEnd(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("o");
        Files.createDirectories(out);
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Files.writeString(
                out.resolve(OutputLock.NAME),
                "program=nbody\nhost=" + OutputLock.host() + "\npid=" + dead.pid() + "\nstarted=unknown\n");
        run(tmp.resolve("a.json"), "--ic", "plummer", "-n", "10", "--steps", "2", "--no-plot", "-o", out.toString());
        assertFalse(Files.exists(out.resolve(OutputLock.NAME)));
        assertTrue(Files.exists(out.resolve("checkpoint.bin")));
    }
}

package org.orrery.apps.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.orrery.io.MachineInfo;
import org.orrery.model.UserError;
import picocli.CommandLine;

/** Sweep config rules, the job against a stand-in launcher, the analysis and the report's files. */
class SweepTest {
    @TempDir
    Path dir;

    static final MachineInfo TWO_CORES = new MachineInfo("h", 2, 2, "cpu", "mpi", "java");

    static SweepConfig config(String... args) {
        SweepCommand c = new SweepCommand();
        new CommandLine(c).parseArgs(args);
        return c.config();
    }

    @Test
    void npListsAreParsedAndSorted() {
        assertArrayEquals(new int[] {1, 2, 4}, SweepConfig.parseNpList("1,2,4"));
        assertArrayEquals(new int[] {1, 2, 8}, SweepConfig.parseNpList("8, 1,2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "a,b", "1,,2", "-1", "1,2,2", "", "1.5", "9999999"})
    void badNpListsAreRejectedWithTheirValue(String list) {
        UserError e = assertThrows(UserError.class, () -> SweepConfig.parseNpList(list));
        assertTrue(e.getMessage().contains("--np"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Decay|program must be an Orrery program name such as decay, got 'Decay'",
                "amdahl|'amdahl' is not an MPI program that writes --summary, PROGRAM",
                "decay --repeats 0|--repeats must be in 1..1000, got 0",
                "decay --timeout 0|--timeout must be positive, got 0.0",
                "decay --weak-param --nsims|weak scaling needs both --weak-param and --weak-base",
                "decay --weak-param nsims --weak-base 10|--weak-param must be the program's option name such as "
                        + "--nsims, got 'nsims'",
                "decay --weak-param --nsims --weak-base 0|--weak-base must be positive and --weak-exponent >= 0, got "
                        + "0.0 and 1.0",
                "decay --weak-param --nsims --weak-base 9 -- --nsims 4|the program options already set --nsims, which "
                        + "the weak sweep sets itself",
                "decay -- --summary x.json|program options must not contain --summary or -np: the sweep sets them",
            })
    void eachRuleHasOneMessage(String args, String message) {
        UserError e = assertThrows(UserError.class, () -> config(args.split(" ")));
        assertEquals(message, e.getMessage());
    }

    @Test
    void weakScalingGrowsTheSizeOptionByTheExponent() {
        SweepConfig c = config(
                "nbody",
                "--weak-param",
                "--n",
                "--weak-base",
                "2000",
                "--weak-exponent",
                "0.5",
                "--oversubscribe",
                "--",
                "--steps",
                "10");
        assertEquals(2000, c.sizeFor(1));
        assertEquals(4000, c.sizeFor(4));
        assertEquals(Math.round(2000 * Math.sqrt(2)), c.sizeFor(2));
        assertEquals(
                List.of(
                        "launch/orrery",
                        "nbody",
                        "-np",
                        "4",
                        "--no-build",
                        "--oversubscribe",
                        "--steps",
                        "10",
                        "--n",
                        "4000",
                        "--summary",
                        "s.json"),
                c.command(Path.of("launch/orrery"), 4, Path.of("s.json")));
        assertEquals(Path.of("results", "nbody"), c.outDir());
    }

    @Test
    void rankCountsAboveThePhysicalCoresNeedOversubscribe() {
        UserError e = assertThrows(UserError.class, () -> config("decay").checkCores(TWO_CORES));
        assertTrue(
                e.getMessage().startsWith("-np 4 exceeds the 2 physical cores: pass --oversubscribe"), e.getMessage());
        config("decay", "--oversubscribe").checkCores(TWO_CORES);
    }

    /** A stand-in launcher: writes a summary whose wall time is 8/p seconds (perfect scaling). */
    Path fakeLauncher() throws Exception {
        Path f = dir.resolve("orrery");
        Files.writeString(
                f,
                """
                #!/bin/sh
                np=$3
                while [ $# -gt 1 ]; do [ "$1" = --summary ] && out=$2; shift; done
                w=$(awk "BEGIN { print 8 / $np }")
                printf '{"wall_s": %s, "rate": %s, "rate_unit": "sims/s"}\\n' "$w" "$np" > "$out"
                """);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        return f;
    }

    @Test
    void jobReadsEachRunsSummaryAndTheReportWritesTheFiles() throws Exception {
        Path out = dir.resolve("res");
        Files.createDirectories(out);
        SweepConfig c = config(
                "decay",
                "--np",
                "1,2",
                "--repeats",
                "2",
                "-o",
                out.toString(),
                "--summary",
                dir.resolve("s.json").toString(),
                "-q",
                "--",
                "--nsims",
                "4");
        List<String> seen = new ArrayList<>();
        List<SweepJob.Measured> points =
                SweepJob.run(c, TWO_CORES, fakeLauncher(), (p, size, r, run) -> seen.add(p + ":" + r));
        assertEquals(List.of("1:0", "1:1", "2:0", "2:1"), seen);
        assertEquals(8.0, points.get(0).wall(), 1e-12);
        assertEquals(4.0, points.get(1).wall(), 1e-12);
        assertEquals("sims/s", points.get(1).rateUnit());
        SweepResult r = SweepResult.of(c, TWO_CORES, points);
        assertEquals(2.0, r.scaling()[1].speedup(), 1e-12);
        assertEquals(1.0, r.scaling()[1].efficiency(), 1e-12);
        assertEquals(0.0, r.fit().f(), 1e-6, "perfect scaling: no serial fraction");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        SweepReport.write(c, r, new PrintStream(text, true, StandardCharsets.UTF_8));
        assertEquals("", text.toString(StandardCharsets.UTF_8));
        List<String> csv = Files.readAllLines(out.resolve("scaling.csv"));
        assertTrue(
                csv.contains(
                        "# command: launch/orrery sweep decay --np 1,2 --repeats 2 --out " + out + " -- --nsims 4"),
                csv.get(1));
        List<String> rows = csv.stream().filter(l -> !l.startsWith("#")).toList();
        assertTrue(rows.get(0).startsWith("p,oversubscribed,runs,wall_s_median"), rows.get(0));
        assertTrue(rows.get(2).startsWith("2,no,2,4.0,4.0,4.0,4.0;4.0,2.0,sims/s,2.0,1.0,"), rows.get(2));
        for (String png : List.of("time.png", "speedup.png", "efficiency.png")) {
            assertTrue(Files.size(out.resolve(png)) > 1000, png);
        }
        JsonObject s =
                JsonParser.parseString(Files.readString(dir.resolve("s.json"))).getAsJsonObject();
        assertEquals(
                2.0,
                s.getAsJsonObject("results").getAsJsonArray("speedup").get(1).getAsDouble(),
                1e-12);
    }

    @Test
    void weakScalingHasNoAmdahlFit() {
        SweepConfig c = config("decay", "--np", "1,2", "--weak-param", "--nsims", "--weak-base", "100");
        List<SweepJob.Measured> pts = List.of(
                new SweepJob.Measured(1, 100, false, new double[] {2}, new double[] {1}, "u", "MPI"),
                new SweepJob.Measured(2, 200, false, new double[] {2.5}, new double[] {1}, "u", "MPI"));
        SweepResult r = SweepResult.of(c, TWO_CORES, pts);
        assertNull(r.fit());
        assertEquals("not applicable to weak scaling", r.fitNote());
        assertEquals(0.8, r.scaling()[1].efficiency(), 1e-12);
        assertEquals(1.6, r.scaling()[1].speedup(), 1e-12);
    }
}

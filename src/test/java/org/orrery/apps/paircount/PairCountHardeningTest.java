package org.orrery.apps.paircount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.apps.common.Programs;

/** paircount against hostile input (issue 13 items 3, 7, 10, 11), run in this JVM on one rank. */
class PairCountHardeningTest {
    @TempDir
    Path dir;

    private record Ran(int code, String err) {}

    private static Ran run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Programs.runSerial(new PairCountCommand(), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Ran(code, err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> names(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void absurdHistogramSizesAreRefusedBeforeAllocatingWithTheLimitAndWhy() {
        for (String[] args : List.of(
                new String[] {"--nbins", "1000000000"},
                new String[] {"--nbins", "100000000"},
                new String[] {"--mode", "rppi", "--pimax", "1e9"},
                new String[] {"--mode", "smu", "--nmu-bins", "2000000000"},
                new String[] {"--mode", "theta", "--rmax", "10", "--nbins", "50000", "--patches", "500"})) {
            Ran r = run(args);
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("too many: at most") && r.err().contains("per rank"), r.err());
        }
        Path edges = dir.resolve("edges.txt");
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 100_002; i++) {
            sb.append(i).append('\n');
        }
        Ran r;
        try {
            Files.writeString(edges, sb.toString());
            r = run(
                    "--edges",
                    edges.toString(),
                    "-n",
                    "100",
                    "-o",
                    dir.resolve("e").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("gives 100001 bins, too many"), r.err());
        assertFalse(Files.exists(dir.resolve("e")), "no output directory is left behind");
    }

    @Test
    void degenerateCatalogsAreRefusedOrWarned() throws Exception {
        Files.writeString(dir.resolve("one.txt"), "1 2 3\n");
        Files.writeString(dir.resolve("same.txt"), "1 2 3\n1 2 3\n1 2 3\n");
        Files.writeString(dir.resolve("flat.txt"), "1 2 3\n4 5 3\n7 1 3\n2 2 3\n");
        Path out = dir.resolve("o");
        Ran one = run("--data", dir.resolve("one.txt").toString(), "-o", out.toString());
        assertEquals(2, one.code());
        assertTrue(one.err().contains("has 1 point: the correlation function needs pairs"), one.err());
        Ran same = run("--data", dir.resolve("same.txt").toString(), "--box", "10", "-o", out.toString());
        assertEquals(2, same.code());
        assertTrue(same.err().contains("all 3 points") && same.err().contains("same position"), same.err());
        Ran flat = run("--data", dir.resolve("flat.txt").toString(), "-o", out.toString());
        assertEquals(2, flat.code());
        assertTrue(flat.err().contains("has the same z = 3.0") && flat.err().contains("zero volume"), flat.err());
        assertFalse(Files.exists(out), "input errors leave no empty output directory behind");
        PrintStream stderr = System.err;
        ByteArrayOutputStream warned = new ByteArrayOutputStream();
        Ran few;
        try {
            System.setErr(new PrintStream(warned, true, StandardCharsets.UTF_8));
            few = run(
                    "--data",
                    dir.resolve("flat.txt").toString(),
                    "--box",
                    "10",
                    "--rmax",
                    "4",
                    "--nbins",
                    "3",
                    "-q",
                    "-o",
                    out.toString());
        } finally {
            System.setErr(stderr);
        }
        assertEquals(0, few.code(), few.err());
        String w = warned.toString(StandardCharsets.UTF_8);
        assertTrue(w.contains("warning: the data catalog") && w.contains("only 4 points"), w);
    }

    @Test
    void aFailedRunLeavesThePreviousRunsFilesUntouchedAndNoPartialOnes() throws Exception {
        Path out = dir.resolve("o");
        Ran ok = run(
                "--generate",
                "uniform",
                "-n",
                "500",
                "--box",
                "100",
                "--rmax",
                "10",
                "--nbins",
                "4",
                "-q",
                "-o",
                out.toString());
        assertEquals(0, ok.code(), ok.err());
        assertEquals(List.of("paircount.csv", "paircount.fits", "paircount.png"), names(out));
        byte[] csv = Files.readAllBytes(out.resolve("paircount.csv"));
        byte[] fits = Files.readAllBytes(out.resolve("paircount.fits"));
        Files.writeString(dir.resolve("one.txt"), "1 2 3\n");
        Ran bad = run("--data", dir.resolve("one.txt").toString(), "--box", "100", "-q", "-o", out.toString());
        assertEquals(2, bad.code());
        assertEquals(List.of("paircount.csv", "paircount.fits", "paircount.png"), names(out), "no partial new files");
        assertArrayEquals(csv, Files.readAllBytes(out.resolve("paircount.csv")));
        assertArrayEquals(fits, Files.readAllBytes(out.resolve("paircount.fits")));
        // A later run without FITS and plot leaves no older FITS/PNG beside its new CSV.
        Ran lean = run(
                "--generate",
                "uniform",
                "-n",
                "400",
                "--box",
                "100",
                "--rmax",
                "10",
                "--nbins",
                "4",
                "--no-fits",
                "--no-plot",
                "-q",
                "-o",
                out.toString());
        assertEquals(0, lean.code(), lean.err());
        assertEquals(List.of("paircount.csv"), names(out));
    }

    @Test
    void outAsADirectoryWithATrailingSlashWritesNoHiddenFiles() throws Exception {
        Path out = dir.resolve("d");
        Ran r = run(
                "--generate",
                "uniform",
                "-n",
                "300",
                "--box",
                "100",
                "--rmax",
                "10",
                "--nbins",
                "3",
                "-q",
                "-o",
                out + "/");
        assertEquals(0, r.code(), r.err());
        List<String> names = names(out);
        assertEquals(List.of("paircount.csv", "paircount.fits", "paircount.png"), names);
        assertTrue(names.stream().noneMatch(n -> n.startsWith(".")), names::toString);
    }
}

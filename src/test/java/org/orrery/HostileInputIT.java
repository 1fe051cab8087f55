package org.orrery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orrery.testing.MpiRun;

/**
 * Hostile but fair input to every program and the launcher (issue 13): for each, at np 1 and 3 (serial tools and the
 * launcher once), one line on stderr, the documented exit status (2 bad input, 1 environment), no stack trace, no
 * output directory left behind, no process left behind, and done in under {@value #LIMIT_S} s (override with
 * -Dorrery.hostile.limit=S on a loaded machine). paircount and farm cases: absurd histogram sizes, degenerate catalogs,
 * bad options and inputs, and an output directory owned by a live run.
 */
class HostileInputIT {
    static final double LIMIT_S = 10;

    @TempDir
    static Path tmp;

    /** Held for the whole class: IN/busy belongs to a live run. */
    static org.orrery.io.OutputLock busy;

    /** A program run: main class (MpiRun's names), whether it runs under mpirun, code, fragment, arguments. */
    record Case(String main, boolean mpi, int code, String fragment, String... args) {
        @Override
        public String toString() {
            return main + " " + String.join(" ", args);
        }
    }

    private static Case mpi(String main, int code, String fragment, String... args) {
        return new Case(main, true, code, fragment, args);
    }

    private static Case serial(String main, int code, String fragment, String... args) {
        return new Case(main, false, code, fragment, args);
    }

    static Stream<Arguments> cases() {
        List<Case> c = new ArrayList<>(List.of(
                mpi("NBody", 2, "'1d' is not a decimal number", "--dt", "1d"),
                mpi("NBody", 2, "'0x1p3' is not a decimal number", "--dt", "0x1p3"),
                mpi("NBody", 2, "(2^53)", "--steps", "9223372036854775807"),
                mpi("NBody", 2, "needs 1.28e+302 steps", "--ic", "plummer", "--t-end", "1e300"),
                mpi("NBody", 2, "--plot-steps takes step numbers", "--plot-steps", "-1"),
                mpi("NBody", 2, "--particles must be positive", "-n", "0"),
                mpi(
                        "NBody",
                        2,
                        "is not a text catalog (it is gzip-compressed",
                        "--input",
                        "IN/p.csv.gz",
                        "--eps",
                        "1",
                        "--dt",
                        "1",
                        "--steps",
                        "1"),
                mpi(
                        "NBody",
                        2,
                        "is not a text catalog",
                        "--input",
                        "IN/rand.csv",
                        "--eps",
                        "1",
                        "--dt",
                        "1",
                        "--steps",
                        "1"),
                mpi(
                        "NBody",
                        2,
                        "cannot read particle file",
                        "--input",
                        "IN/trunc.fits",
                        "--eps",
                        "1",
                        "--dt",
                        "1",
                        "--steps",
                        "1"),
                mpi("NBody", 2, "no such file", "--input", "IN/absent.csv", "--eps", "1", "--dt", "1", "--steps", "1"),
                mpi("NBody", 2, "damaged or truncated", "--restart", "IN/torn.bin", "--steps", "4"),
                mpi("NBody", 2, "--eps (softening) must be a positive number", "--eps", "NaN"),
                mpi("NBody", 2, "is not an integer", "--steps", "010x"),
                mpi("NBody", 2, "--threads must be >= 1", "--threads", "0"),
                mpi("NBody", 2, "is not an integer", "--seed", "1.5"),
                mpi("NBody", 1, "is not writable", "-o", "IN/blocked/out"),
                mpi("NBody", 1, "is in use by another run", "-o", "IN/busy"),
                mpi("GenImages", 1, "is in use by another run", "-o", "IN/busy"),
                mpi("Decay", 2, "--nsims must be at least 1", "--nsims", "0"),
                mpi("Decay", 2, "--dt must be positive and finite", "--dt", "-1"),
                mpi("Decay", 2, "--t-max must be positive and finite", "--t-max", "1e400"),
                mpi("Decay", 2, "is not a decimal number", "--half-life", "abc"),
                mpi("Decay", 2, "is not an integer", "--seed", "0x10"),
                mpi("Decay", 2, "--method", "--method", "bogus"),
                mpi("Hello", 2, "Unknown option", "--bogus"),
                mpi("CommCheck", 2, "--items", "--items", "-1"),
                mpi("CommCheck", 2, "is not an integer", "--items", "1d"),
                mpi("CommCheck", 2, "--repeat", "--repeat", "0"),
                mpi("GenImages", 2, "--count must be between 1 and 1000000", "-n", "0"),
                mpi("GenImages", 2, "image size must be at least 1x1", "--nx", "0"),
                mpi("GenImages", 2, "--kind", "--kind", "bogus"),
                mpi("GenImages", 2, "is not a decimal number", "--scale", "1f"),
                mpi("PairCount", 2, "too many: at most 100000 bins", "--nbins", "1000000000"),
                mpi("PairCount", 2, "too many: at most 100000 bins", "--nbins", "100000000"),
                mpi("PairCount", 2, "1000000000 pi bins", "--mode", "rppi", "--pimax", "1e9"),
                mpi(
                        "PairCount",
                        2,
                        "histogram cells is too many",
                        "--mode",
                        "theta",
                        "--rmax",
                        "10",
                        "--nbins",
                        "50000",
                        "--patches",
                        "500"),
                mpi("PairCount", 2, "has 1 point: the correlation function needs pairs", "--data", "IN/one.txt"),
                mpi("PairCount", 2, "are at the same position", "--data", "IN/same.txt", "--box", "10"),
                mpi("PairCount", 2, "its bounding box has zero volume", "--data", "IN/flat.txt"),
                mpi("PairCount", 2, "is not a text catalog (it is gzip-compressed", "--data", "IN/p.csv.gz"),
                mpi("PairCount", 2, "no such file", "--data", "IN/absent.txt"),
                mpi("PairCount", 2, "cannot read FITS catalog", "--data", "IN/trunc.fits"),
                mpi("PairCount", 2, "--rmax must be finite and greater than --rmin", "--rmax", "0.5"),
                mpi("PairCount", 2, "is not an integer", "--nbins", "1d"),
                mpi("PairCount", 2, "is not a decimal number", "--rmax", "0x1p3"),
                mpi("PairCount", 2, "--patches must be 0", "--patches", "1"),
                mpi("PairCount", 1, "is in use by another run", "-o", "IN/busy"),
                mpi("ImageFarm", 2, "no FITS files", "IN/emptyd"),
                mpi("ImageFarm", 2, "no files match", "IN/none_*.fits"),
                mpi("ImageFarm", 2, "would both write", "IN/img.fits", "IN/sub/img.fits"),
                mpi("ImageFarm", 2, "--window must be between 1 and 4001", "-k", "0", "IN/img.fits"),
                mpi("ImageFarm", 2, "is not an integer", "-k", "1d", "IN/img.fits"),
                mpi("ImageFarm", 2, "--schedule must be static or dynamic", "--schedule", "bogus", "IN/img.fits"),
                mpi(
                        "ImageFarm",
                        2,
                        "--maxiters must be a positive integer or none",
                        "--ops",
                        "clipstats",
                        "--maxiters",
                        "1d",
                        "IN/img.fits"),
                mpi("ImageFarm", 1, "is in use by another run", "-o", "IN/busy", "IN/img.fits"),
                serial("Amdahl", 2, "--f", "--f", "2"),
                serial("Amdahl", 2, "--p-max", "--p-max", "0"),
                serial("Amdahl", 2, "is not a decimal number", "--f", "1d"),
                serial("Sweep", 2, "PROGRAM", "--np", "1"),
                serial("Sweep", 2, "--np", "--np", "0", "hello"),
                serial("Sweep", 2, "--repeats", "--repeats", "0", "hello"),
                serial("Sweep", 2, "--timeout", "--timeout", "-1", "hello")));
        List<Arguments> all = new ArrayList<>();
        for (Case k : c) {
            if (k.mpi()) {
                all.add(Arguments.of(k, 1));
                all.add(Arguments.of(k, 3));
            } else {
                all.add(Arguments.of(k, 1));
            }
        }
        return all.stream();
    }

    static Stream<Arguments> launcherCases() {
        return Stream.of(
                Arguments.of(2, "-np 100000 is more than 8 ranks per core", List.of("hello", "-np", "100000")),
                Arguments.of(2, "-np must be a positive whole number", List.of("hello", "-np", "0")),
                Arguments.of(2, "-np must be a positive whole number", List.of("hello", "-np", "2x")),
                Arguments.of(2, "unknown backend", List.of("hello", "--backend", "bogus")),
                Arguments.of(2, "unknown MPI", List.of("hello", "--mpi", "bogus")),
                Arguments.of(2, "unknown program", List.of("nbodyy")));
    }

    @BeforeAll
    static void inputs() throws IOException {
        Path in = tmp.resolve("IN");
        Files.createDirectories(in);
        try (var out = new GZIPOutputStream(Files.newOutputStream(in.resolve("p.csv.gz")))) {
            out.write("x,y,z,vx,vy,vz,m\n0,0,0,0,0,0,1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        byte[] noise = new byte[4096];
        new java.util.Random(7).nextBytes(noise);
        Files.write(in.resolve("rand.csv"), noise);
        Files.writeString(in.resolve("blocked"), "a file where a directory is expected");
        Files.writeString(in.resolve("one.txt"), "1 2 3\n");
        Files.writeString(in.resolve("same.txt"), "1 2 3\n1 2 3\n1 2 3\n");
        Files.writeString(in.resolve("flat.txt"), "1 2 3\n4 5 3\n7 1 3\n2 2 3\n");
        Files.createDirectories(in.resolve("emptyd"));
        Files.createDirectories(in.resolve("sub"));
        Files.writeString(in.resolve("img.fits"), "not FITS, but never read: the run stops before");
        Files.writeString(in.resolve("sub/img.fits"), "not FITS either");
        // A live run's lock (this JVM's): paircount and farm must refuse the directory with one line, exit 1.
        busy = org.orrery.io.OutputLock.acquire(in.resolve("busy"), "hostile-test", n -> {});
        MpiRun.Result r = MpiRun.run(
                1,
                120,
                tmp,
                "NBody",
                "--ic",
                "plummer",
                "-n",
                "50",
                "--steps",
                "2",
                "--snap-every",
                "1",
                "--no-plot",
                "-q",
                "-o",
                in.resolve("ck").toString());
        assertEquals(0, r.exitCode(), r::describe);
        byte[] ck = Files.readAllBytes(in.resolve("ck/checkpoint.bin"));
        Files.write(in.resolve("torn.bin"), Arrays.copyOf(ck, ck.length / 2));
        byte[] snap = Files.readAllBytes(in.resolve("ck/snap_00000002.fits"));
        Files.write(in.resolve("trunc.fits"), Arrays.copyOf(snap, snap.length - 2880 - 100));
    }

    @ParameterizedTest(name = "[{index}] np {1}: {0}")
    @MethodSource("cases")
    void badInputEndsWithOneLineTheDocumentedStatusAndNothingLeft(Case k, int np) throws Exception {
        String marker = UUID.randomUUID().toString();
        Path out = tmp.resolve("out-" + marker);
        List<String> args = new ArrayList<>();
        args.add("-Dorrery.hostile=" + marker);
        args.add(k.main());
        for (String a : k.args()) {
            args.add(a.startsWith("IN/") ? tmp.resolve(a).toString() : a);
        }
        boolean takesOut = !List.of("Hello", "CommCheck").contains(k.main()) && !args.contains("-o");
        if (takesOut) {
            args.addAll(List.of("-o", out.toString()));
        }
        String[] rest = args.subList(1, args.size()).toArray(String[]::new);
        MpiRun.Result r =
                k.mpi() ? MpiRun.run(np, 60, tmp, args.get(0), rest) : MpiRun.singleton(60, tmp, args.get(0), rest);
        check(r, k.code(), k.fragment());
        assertFalse(Files.exists(out), "no output directory is left behind: " + out);
        assertNoProcessWith(marker);
    }

    @ParameterizedTest(name = "[{index}] launcher {2}")
    @MethodSource("launcherCases")
    void badLauncherInputEndsWithOneLine(int code, String fragment, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(MpiRun.launcher().toString()));
        cmd.addAll(args);
        cmd.addAll(List.of("--no-build", "--dry-run"));
        check(MpiRun.exec(cmd, Map.of(), 60, tmp), code, fragment);
    }

    private static void check(MpiRun.Result r, int code, String fragment) {
        assertEquals(code, r.exitCode(), r::describe);
        List<String> lines = r.stderrLines();
        assertEquals(1, lines.size(), r::describe);
        assertTrue(
                lines.get(0).startsWith("orrery")
                        && lines.get(0).contains("error: ")
                        && lines.get(0).contains(fragment),
                r::describe);
        String all = r.stdout() + r.stderr();
        assertFalse(all.contains("Exception") || all.contains("\tat ") || all.contains("WARNING"), r::describe);
        double limit = Double.parseDouble(System.getProperty("orrery.hostile.limit", Double.toString(LIMIT_S)));
        assertTrue(r.seconds() < limit, () -> "took " + r.seconds() + " s: " + r.describe());
    }

    private static void assertNoProcessWith(String marker) throws InterruptedException {
        long until = System.nanoTime() + 3_000_000_000L;
        boolean left;
        do {
            left = ProcessHandle.allProcesses().anyMatch(p -> p.info()
                    .arguments()
                    .map(a -> Arrays.stream(a).anyMatch(s -> s.contains(marker)))
                    .orElse(false));
            if (left) {
                Thread.sleep(100);
            }
        } while (left && System.nanoTime() < until);
        assertFalse(left, "a process of this run is still alive");
    }
}

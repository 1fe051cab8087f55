package org.orrery.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.orrery.io.Launcher;
import org.orrery.io.ProcessGuard;

/**
 * What the cores allow: the speedup of np independent processes over one, for a workload with no communication, no
 * serial part and no JIT — the plain C direct-summation loop of {@code src/bench/c/nbody_kernel.c} (compiled here with
 * {@code gcc -O3 -march=native -fopenmp}, run single-threaded). One copy runs alone (time t₁), then np copies run at
 * once, each doing the same work (time t_np until the last ends); the ceiling is np · t₁ / t_np. On a machine whose
 * logical CPUs are full cores and idle this is np; vCPUs that share a physical core, a shared memory bus, frequency
 * drop with more active cores, or a neighbour on the host give less — and no program on these cores can beat it. Alone
 * and together alternate for R repeats, like the workloads.
 */
final class HardwareCeiling {
    private HardwareCeiling() {}

    /** The ratios of the repeats, or a reason why none was measured. */
    record Result(double[] ratios, double[] alone, double[] together, String note) {
        boolean measured() {
            return ratios.length > 0;
        }
    }

    /**
     * Measures {@code repeats} pairs with np concurrent copies; {@code n} particles, {@code reps} force evaluations per
     * copy.
     */
    static Result measure(int np, int repeats, int n, int reps) throws IOException, InterruptedException {
        Path root = Launcher.find(null, "ORRERY_HOME").getParent().getParent();
        Path src = root.resolve("src/bench/c/nbody_kernel.c");
        if (!Files.isRegularFile(src)) {
            return none("not measured (no " + src + ")");
        }
        Path dir = Files.createTempDirectory("orrery-ceiling");
        ProcessGuard cleanup = ProcessGuard.deleteOnExit(dir);
        try {
            Path exe = dir.resolve("nbody_kernel");
            List<String> cc =
                    List.of("gcc", "-O3", "-march=native", "-fopenmp", src.toString(), "-o", exe.toString(), "-lm");
            BenchSupport.Ran built;
            try {
                built = BenchSupport.run(cc, Map.of(), 300);
            } catch (IOException e) {
                return none("not measured (gcc: " + e.getMessage() + ")");
            }
            if (built.exit() != 0) {
                return none("not measured (gcc failed: " + built.output().strip() + ")");
            }
            List<String> cmd = List.of(exe.toString(), Integer.toString(n), Integer.toString(reps));
            double[] alone = new double[repeats];
            double[] together = new double[repeats];
            double[] ratios = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                alone[r] = copies(cmd, 1);
                together[r] = copies(cmd, np);
                ratios[r] = np * alone[r] / together[r];
            }
            return new Result(ratios, alone, together, "");
        } finally {
            ProcessGuard.deleteTree(dir);
            cleanup.close();
        }
    }

    /**
     * The tightly coupled ceiling: {@code src/bench/c/coupled_nbody.c} (a C direct-summation step over each rank's
     * block of targets and one {@code MPI_Allgatherv} of the positions per step: the teaching run's pattern without a
     * JVM), compiled with the selected MPI's {@code mpicc} and run through {@code launch/orrery exec} (the programs'
     * launch line) at np 1 and np, alternating, {@code repeats} times. The ratios are steps/s at np over steps/s at np
     * 1; {@code alone} and {@code together} hold the step loops' seconds. Not measured (with the reason) when the MPI
     * has no {@code mpicc} or the two checksums differ.
     */
    static Result coupled(int np, int repeats, int n, int steps) throws IOException, InterruptedException {
        Path launcher = Launcher.find(null, "ORRERY_HOME");
        Path src = launcher.getParent().getParent().resolve("src/bench/c/coupled_nbody.c");
        if (!Files.isRegularFile(src)) {
            return none("not measured (no " + src + ")");
        }
        String mpicc = null;
        for (String line : BenchSupport.run(List.of(launcher.toString(), "config"), Map.of(), 120)
                .output()
                .split("\n", -1)) {
            mpicc = line.startsWith("MPICC=") && line.length() > 6
                    ? line.substring(6).strip()
                    : mpicc;
        }
        if (mpicc == null) {
            return none("not measured (launch/orrery config names no mpicc)");
        }
        Path dir = Files.createTempDirectory("orrery-coupled");
        ProcessGuard cleanup = ProcessGuard.deleteOnExit(dir);
        try {
            Path exe = dir.resolve("coupled_nbody");
            BenchSupport.Ran built = BenchSupport.run(
                    List.of(
                            mpicc,
                            "-O3",
                            "-march=native",
                            "-fno-math-errno",
                            src.toString(),
                            "-o",
                            exe.toString(),
                            "-lm"),
                    Map.of(),
                    300);
            if (built.exit() != 0) {
                return none(
                        "not measured (" + mpicc + " failed: " + built.output().strip() + ")");
            }
            double[] alone = new double[repeats];
            double[] together = new double[repeats];
            double[] ratios = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                String[] one = coupledRun(launcher, exe, 1, n, steps);
                String[] many = coupledRun(launcher, exe, np, n, steps);
                if (!one[7].equals(many[7])) {
                    return none("not measured (checksums differ at np 1 and np " + np + ": " + one[7] + ", " + many[7]
                            + ")");
                }
                alone[r] = Double.parseDouble(one[5]);
                together[r] = Double.parseDouble(many[5]);
                ratios[r] = Double.parseDouble(many[1]) / Double.parseDouble(one[1]);
            }
            return new Result(ratios, alone, together, "");
        } finally {
            ProcessGuard.deleteTree(dir);
            cleanup.close();
        }
    }

    /** One run of the coupled loop: rank 0's line split on blanks ("steps_per_s", x, "wait_s", ..., "checksum", c). */
    private static String[] coupledRun(Path launcher, Path exe, int np, int n, int steps)
            throws IOException, InterruptedException {
        List<String> cmd = List.of(
                launcher.toString(),
                "exec",
                "-np",
                Integer.toString(np),
                "--no-build",
                "--",
                exe.toString(),
                Integer.toString(n),
                Integer.toString(steps));
        BenchSupport.Ran p = BenchSupport.run(cmd, Map.of(), 600);
        String line = p.output()
                .lines()
                .filter(l -> l.startsWith("steps_per_s "))
                .findFirst()
                .orElse("");
        String[] f = line.strip().split("\\s+");
        if (p.exit() != 0 || f.length != 8) {
            throw new IOException("the coupled C loop failed (exit " + p.exit() + "): " + String.join(" ", cmd) + ": "
                    + p.output().strip());
        }
        return f;
    }

    private static Result none(String why) {
        return new Result(new double[0], new double[0], new double[0], why);
    }

    /** Seconds from starting {@code count} copies of {@code cmd} at once (one thread each) until the last ends. */
    private static double copies(List<String> cmd, int count) throws IOException, InterruptedException {
        List<ProcessGuard.Guarded> running = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < count; i++) {
                ProcessBuilder pb = new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
                pb.environment().put("OMP_NUM_THREADS", "1");
                running.add(ProcessGuard.start(pb));
            }
            for (ProcessGuard.Guarded g : running) {
                if (!g.process().waitFor(600, TimeUnit.SECONDS) || g.process().exitValue() != 0) {
                    throw new IOException("the C loop failed or took over 600 s: " + String.join(" ", cmd));
                }
            }
            return (System.nanoTime() - t0) * 1e-9;
        } finally {
            for (ProcessGuard.Guarded g : running) {
                if (g.process().isAlive()) {
                    ProcessGuard.killTree(g.process().toHandle());
                }
                g.close();
            }
        }
    }
}

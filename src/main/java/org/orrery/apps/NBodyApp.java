package org.orrery.apps;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.orrery.apps.common.Programs;
import org.orrery.apps.common.SpmdProgram;
import org.orrery.apps.nbody.GravityEngine;
import org.orrery.io.AtomicFile;
import org.orrery.io.Summary;
import org.orrery.io.csv.ParticleCsv;
import org.orrery.io.plot.ProjectionPlot;
import org.orrery.io.snapshot.Checkpoint;
import org.orrery.io.snapshot.SnapshotFits;
import org.orrery.model.ParticleState;
import org.orrery.model.UserError;
import org.orrery.parallel.Comm;
import org.orrery.physics.gravity.Collapse;
import org.orrery.physics.gravity.Diagnostics;
import org.orrery.physics.ics.InitialConditions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Direct-summation gravitational N-body, SPMD: rank 0 builds or reads the particles, validates
 * them and broadcasts them; each rank computes the accelerations of its block; allGatherv shares
 * them; every rank steps (kick-drift-kick). See {@link GravityEngine}.
 */
@Command(name = "nbody", mixinStandardHelpOptions = true, versionProvider = OrreryVersion.class, sortOptions = false,
        description = {
            "Direct-summation gravitational N-body (Plummer softening, kick-drift-kick leapfrog), SPMD over MPI ranks.",
            "Default: the teaching problem — 1000 particles of 1 kg uniformly in a sphere of radius 1 m, at rest,",
            "G = 6.674e-11 (SI), eps = 0.01 m, dt = t_ff/1000, 1000 steps (up to the free-fall time)."})
public final class NBodyApp implements SpmdProgram {

    /** Kinds of initial conditions. */
    public enum Ic { uniform, plummer, kepler, file }

    @Option(names = "--ic", paramLabel = "KIND", description = "Initial conditions: ${COMPLETION-CANDIDATES} (default: uniform; file when --input is given).")
    Ic ic;

    @Option(names = {"-n", "--particles"}, paramLabel = "N", description = "Number of particles (uniform, plummer; default 1000).")
    Integer particles;

    @Option(names = "--input", paramLabel = "FILE", description = "Particles from a CSV/text (header x y z vx vy vz m) or FITS binary table file.")
    Path input;

    @Option(names = "--radius", paramLabel = "R", description = "Sphere radius for --ic uniform (default 1 m).")
    Double radius;

    @Option(names = "--particle-mass", paramLabel = "M", description = "Mass of each particle for --ic uniform (default 1 kg).")
    Double particleMass;

    @Option(names = "--ecc", paramLabel = "E", description = "Eccentricity for --ic kepler (default 0.5).")
    Double ecc;

    @Option(names = "--units", paramLabel = "U", description = "si or henon: the default G (6.674e-11 or 1) and unit labels. Default: si for uniform, henon otherwise.")
    String units;

    @Option(names = "-G", paramLabel = "G", description = "Gravitational constant (default from --units).")
    Double g;

    @Option(names = "--eps", paramLabel = "EPS", description = "Plummer softening length, > 0 (default 0.01 R uniform, 0.05 plummer, 1e-8 kepler; required with --input).")
    Double eps;

    @Option(names = "--dt", paramLabel = "DT", description = "Time step (default t_ff/1000 uniform, 1/128 plummer, P/1000 kepler; required with --input).")
    Double dt;

    @Option(names = "--steps", paramLabel = "S", description = "Total number of steps from t = 0 (default: 1000 uniform, 1280 plummer, 10 orbits kepler).")
    Long steps;

    @Option(names = "--t-end", paramLabel = "T", description = "End time instead of --steps (steps = ceil(T/dt)).")
    Double tEnd;

    @Option(names = "--seed", paramLabel = "SEED", description = "Random seed of the initial conditions (default 42).")
    Long seed;

    @Option(names = "--diag-every", paramLabel = "K", description = "Diagnostics (energy, momenta, virial ratio, radii) every K steps (default: steps/100).")
    Long diagEvery;

    @Option(names = "--log-every", paramLabel = "K", description = "Print a diagnostics line every K steps (default: about 20 lines per run; rounded to --diag-every).")
    Long logEvery;

    @Option(names = "--snap-every", paramLabel = "K", description = "FITS snapshot every K steps; 0 = only the last (default: steps/10).")
    Long snapEvery;

    @Option(names = "--checkpoint-every", paramLabel = "K", description = "Checkpoint every K steps (atomic); one is always written at the end (default: as --snap-every).")
    Long checkpointEvery;

    @Option(names = "--restart", paramLabel = "FILE", description = "Continue from a checkpoint (its N, G, eps, dt are used).")
    Path restart;

    @Option(names = "--plot-steps", paramLabel = "K,...", split = ",", description = "Steps shown in projections.png (default: 6 evenly spaced snapshots).")
    List<Long> plotSteps;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output directory (default: out/nbody).")
    Path out = Path.of("out", "nbody");

    @Option(names = "--threads", paramLabel = "T", description = "Threads per rank for the force loop (default 1).")
    int threads = 1;

    @Option(names = "--progress", paramLabel = "SECONDS", description = "Progress line on stderr every SECONDS (0 = off; default 10).")
    double progress = 10;

    @Option(names = "--no-plot", description = "Do not write projections.png.")
    boolean noPlot;

    @Option(names = "--summary", paramLabel = "FILE.json", description = "Also write a machine-readable summary.")
    Path summary;

    public static void main(String[] args) {
        Programs.main(new NBodyApp(), args);
    }

    @Override
    public String name() {
        return "nbody";
    }

    @Override
    public void validate() {
        if (restart != null) {
            List<String> ics = new ArrayList<>();
            for (Object[] o : new Object[][] {{"--ic", ic}, {"--input", input}, {"--seed", seed}, {"--radius", radius},
                {"--particle-mass", particleMass}, {"--ecc", ecc}, {"--units", units}}) {
                if (o[1] != null) {
                    ics.add((String) o[0]);
                }
            }
            if (!ics.isEmpty()) {
                throw new UserError("--restart continues a run from its checkpoint; " + String.join(", ", ics)
                        + " (initial conditions) cannot be given with it");
            }
        }
        if (input != null) {
            if (ic != null && ic != Ic.file) {
                throw new UserError("--input gives the particles; it cannot be combined with --ic " + ic);
            }
            ic = Ic.file;
        }
        if (ic == null) {
            ic = Ic.uniform;
        }
        if (ic == Ic.file && input == null && restart == null) {
            throw new UserError("--ic file needs --input FILE");
        }
        if (particles != null && particles <= 0) {
            throw new UserError("--particles must be positive, got " + particles);
        }
        if (particles != null && ic == Ic.kepler && particles != 2) {
            throw new UserError("--ic kepler is a two-body problem; --particles " + particles + " does not apply");
        }
        if (particles != null && ic == Ic.file && restart == null) {
            throw new UserError("--particles does not apply to --input (N is the number of rows)");
        }
        if (radius == null) {
            radius = 1.0;
        }
        if (particleMass == null) {
            particleMass = 1.0;
        }
        if (ecc == null) {
            ecc = 0.5;
        }
        positive("--radius", radius);
        positive("--particle-mass", particleMass);
        if (!(ecc >= 0 && ecc < 1)) {
            throw new UserError("--ecc must be in [0, 1), got " + ecc);
        }
        if (units != null && !units.equalsIgnoreCase("si") && !units.equalsIgnoreCase("henon")) {
            throw new UserError("--units must be si or henon, got '" + units + "'");
        }
        if (g != null) {
            positive("-G", g);
        }
        if (eps != null) {
            positive("--eps (softening)", eps);
        }
        if (dt != null) {
            positive("--dt", dt);
        }
        if (tEnd != null) {
            positive("--t-end", tEnd);
        }
        if (steps != null && steps < 0) {
            throw new UserError("--steps must be >= 0, got " + steps);
        }
        if (steps != null && tEnd != null) {
            throw new UserError("give --steps or --t-end, not both");
        }
        if (ic == Ic.file && restart == null && (eps == null || dt == null || (steps == null && tEnd == null))) {
            throw new UserError("with --input, give --eps, --dt and --steps (or --t-end): there are no defaults for your own particles");
        }
        for (String[] kv : new String[][] {{"--diag-every", str(diagEvery)}, {"--snap-every", str(snapEvery)},
            {"--checkpoint-every", str(checkpointEvery)}}) {
            if (kv[1] != null && Long.parseLong(kv[1]) < 0) {
                throw new UserError(kv[0] + " must be >= 0, got " + kv[1]);
            }
        }
        if (logEvery != null && logEvery < 1) {
            throw new UserError("--log-every must be >= 1");
        }
        if (diagEvery != null && diagEvery == 0) {
            throw new UserError("--diag-every must be >= 1");
        }
        if (threads < 1) {
            throw new UserError("--threads must be >= 1, got " + threads);
        }
        if (!(progress >= 0)) {
            throw new UserError("--progress must be >= 0 seconds");
        }
    }

    private static String str(Long v) {
        return v == null ? null : v.toString();
    }

    private static void positive(String what, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new UserError(what + " must be a positive number, got " + v);
        }
    }

    /** Everything resolved on rank 0 and broadcast: physics and schedule. */
    private record Plan(double g, double eps, double dt, long steps, long diagEvery, long snapEvery, long ckptEvery,
                        double initialEnergy, boolean henon, double tff) {
        double[] pack() {
            return new double[] {g, eps, dt, steps, diagEvery, snapEvery, ckptEvery, initialEnergy, henon ? 1 : 0, tff};
        }

        static Plan unpack(double[] p) {
            return new Plan(p[0], p[1], p[2], (long) p[3], (long) p[4], (long) p[5], (long) p[6], p[7], p[8] != 0, p[9]);
        }
    }

    private String icDescription(int n) {
        return switch (ic) {
            case uniform -> String.format(Locale.ROOT, "uniform sphere, N=%d, R=%g, m=%g, at rest, seed %d", n, radius, particleMass, runSeed);
            case plummer -> String.format(Locale.ROOT, "Plummer sphere (Henon units), N=%d, seed %d", n, runSeed);
            case kepler -> String.format(Locale.ROOT, "Kepler two-body, e=%g, G=M=a=1, from periapsis", ecc);
            case file -> "file " + input;
        };
    }

    /** Rank 0: builds or reads the initial state and resolves the plan. Throws UserError. */
    private Object[] prepare() {
        AtomicFile.checkWritableDirectory(out);
        ParticleState s;
        boolean henon;
        double gg;
        double ee;
        double dd;
        double e0 = Double.NaN;
        double tff = Double.NaN;
        String desc;
        if (restart != null) {
            Checkpoint.Loaded l = Checkpoint.read(restart);
            s = l.state();
            if (particles != null && particles != s.n) {
                throw new UserError("restart file " + restart + " holds N = " + s.n + " particles, but --particles " + particles + " was given");
            }
            conflict("-G", g, l.meta().g());
            conflict("--eps", eps, l.meta().eps());
            conflict("--dt", dt, l.meta().dt());
            runSeed = l.meta().seed();
            gg = l.meta().g();
            ee = l.meta().eps();
            dd = l.meta().dt();
            e0 = l.meta().initialEnergy();
            henon = l.meta().units().equals("HENON");
            desc = l.meta().ic();
            icDescriptionCache = desc;
        } else {
            runSeed = seed != null ? seed : 42;
            henon = units != null ? units.equalsIgnoreCase("henon") : ic != Ic.uniform;
            gg = g != null ? g : henon ? 1.0 : 6.674e-11;
            int n = particles != null ? particles : 1000;
            switch (ic) {
                case uniform -> {
                    s = InitialConditions.uniformSphere(n, radius, particleMass, runSeed);
                    tff = Collapse.freeFallTime(gg, n * particleMass, radius);
                    ee = eps != null ? eps : 0.01 * radius;
                    dd = dt != null ? dt : tff / 1000;
                }
                case plummer -> {
                    s = InitialConditions.plummer(n, runSeed);
                    ee = eps != null ? eps : 0.05;
                    dd = dt != null ? dt : 1.0 / 128;
                }
                case kepler -> {
                    s = InitialConditions.kepler(ecc);
                    ee = eps != null ? eps : 1e-8;
                    dd = dt != null ? dt : 2 * Math.PI / 1000;
                }
                default -> {
                    String name = input.getFileName().toString().toLowerCase(Locale.ROOT);
                    s = name.endsWith(".fits") || name.endsWith(".fit") || name.endsWith(".fts")
                            ? SnapshotFits.read(input) : ParticleCsv.read(input);
                    s.step = 0;
                    s.time = 0;
                    ee = eps;
                    dd = dt;
                    if (s.n == 0) {
                        throw new UserError("particle file " + input + " has no particles");
                    }
                }
            }
            String problem = s.firstProblem();
            if (problem != null) {
                throw new UserError((ic == Ic.file ? "particle file " + input + ": " : "initial conditions: ") + problem);
            }
            desc = icDescription(s.n);
            icDescriptionCache = desc;
        }
        long total;
        if (steps != null) {
            total = steps;
        } else if (tEnd != null) {
            total = (long) Math.ceil(tEnd / dd - 1e-9);
        } else if (restart != null) {
            throw new UserError("with --restart, give --steps (the total from t = 0) or --t-end");
        } else {
            total = switch (ic) {
                case uniform -> 1000;
                case plummer -> 1280;
                case kepler -> 10_000;
                default -> throw new IllegalStateException();
            };
        }
        if (total < s.step) {
            throw new UserError("--steps " + total + " is before the restart point (step " + s.step + " in " + restart + ")");
        }
        long diag = diagEvery != null ? diagEvery : Math.max(1, total / 100);
        long snap = snapEvery != null ? snapEvery : Math.max(1, total / 10);
        long ck = checkpointEvery != null ? checkpointEvery : snap;
        return new Object[] {s, new Plan(gg, ee, dd, total, diag, snap, ck, e0, henon, tff)};
    }

    private String icDescriptionCache = "";

    /** The seed of the run's initial conditions (from the checkpoint when restarting). */
    private long runSeed;

    private void conflict(String opt, Double given, double stored) {
        if (given != null && Double.doubleToLongBits(given) != Double.doubleToLongBits(stored)) {
            throw new UserError("restart file " + restart + " was run with " + opt + " " + stored + ", but " + opt + " " + given
                    + " was given (a restart continues the same run)");
        }
    }

    @Override
    public int run(Comm comm) throws IOException {
        double tStart = comm.wtime();
        boolean root = comm.isRoot();
        ParticleState s = null;
        Plan plan = null;
        String error = null;
        if (root) {
            try {
                Object[] prepared = prepare();
                s = (ParticleState) prepared[0];
                plan = (Plan) prepared[1];
            } catch (UserError e) {
                error = e.getMessage();
            }
        }
        comm.agree(error); // collective: every rank stops here together if rank 0 found a problem

        // Broadcast the plan and the state (counts first, then payload).
        double[] packed = root ? plan.pack() : new double[10];
        comm.bcast(packed, 0, packed.length, 0); // collective
        plan = Plan.unpack(packed);
        long[] head = root ? new long[] {s.n, s.step} : new long[2];
        comm.bcast(head, 0, 2, 0); // collective
        if (!root) {
            s = new ParticleState((int) head[0]);
            s.step = head[1];
        }
        for (double[] col : s.columns()) {
            comm.bcast(col, 0, s.n, 0); // collective
        }
        s.time = s.step * plan.dt();
        String desc = comm.bcastString(root ? icDescriptionCache : "", 0); // collective
        String shown = restart == null ? desc : desc + " (restarted from " + restart + " at step " + s.step + ")";

        SnapshotFits.Units unitNames = plan.henon() ? SnapshotFits.Units.HENON : SnapshotFits.Units.SI;
        Map<String, Object> extraCards = new LinkedHashMap<>();
        extraCards.put("SEED", runSeed);
        extraCards.put("ORRERY", "nbody");
        Checkpoint.Meta meta;
        List<String> diagRows = new ArrayList<>();
        List<ProjectionPlot.Frame> frames = new ArrayList<>();
        TreeSet<Long> framesAt = new TreeSet<>();
        if (plotSteps != null) {
            framesAt.addAll(plotSteps);
        } else if (plan.snapEvery() > 0) {
            long nSnaps = plan.steps() / plan.snapEvery();
            long every = Math.max(1, (long) Math.ceil(nSnaps / 5.0)) * plan.snapEvery();
            for (long k = 0; k <= plan.steps(); k += every) {
                framesAt.add(k);
            }
            framesAt.add(plan.steps());
        }

        try (GravityEngine engine = new GravityEngine(comm, s, plan.g(), plan.eps(), plan.dt(), threads)) {
            engine.computeForces(); // collective
            Diagnostics.Values d0 = engine.diagnostics(); // collective
            double e0 = Double.isNaN(plan.initialEnergy()) ? d0.energy() : plan.initialEnergy();
            meta = new Checkpoint.Meta(plan.g(), plan.eps(), plan.dt(), e0, runSeed, desc, unitNames.name());
            double r0Mean = d0.meanRadius();
            double maxRel = 0;
            if (root) {
                if (restart != null) {
                    diagRows.addAll(previousRows(out.resolve("diagnostics.csv"), s.step));
                }
                printHeader(comm, s, plan, shown);
                for (String row : diagRows) {
                    // rel_energy_error is the sixth column: the maximum covers the whole run, not just this part.
                    maxRel = Math.max(maxRel, Math.abs(Double.parseDouble(row.split(",")[5])));
                }
                maxRel = Math.max(maxRel, logRow(diagRows, d0, e0, true));
                if (framesAt.contains(s.step)) {
                    frames.add(frame(s, plan));
                }
                if (restart == null && plan.snapEvery() > 0) {
                    SnapshotFits.write(out.resolve(String.format("snap_%08d.fits", s.step)), s, plan.g(), plan.eps(), plan.dt(),
                            unitNames, extraCards);
                }
            }
            double loopStart = comm.wtime();
            long firstStep = s.step;
            double lastProgress = loopStart;
            Diagnostics.Values last = d0;
            long logK = logEvery != null ? logEvery : Math.max(1, plan.steps() / 20);
            logK = Math.max(plan.diagEvery(), (logK + plan.diagEvery() - 1) / plan.diagEvery() * plan.diagEvery());
            while (s.step < plan.steps()) {
                engine.step(); // collective
                long k = s.step;
                boolean end = k == plan.steps();
                if (k % plan.diagEvery() == 0 || end) {
                    last = engine.diagnostics(); // collective
                    if (root) {
                        maxRel = Math.max(maxRel, logRow(diagRows, last, e0, k % logK == 0 || end));
                    }
                }
                if (root) {
                    if (plan.snapEvery() > 0 && k % plan.snapEvery() == 0 || end) {
                        SnapshotFits.write(out.resolve(String.format("snap_%08d.fits", k)), s, plan.g(), plan.eps(), plan.dt(),
                                unitNames, extraCards);
                    }
                    if (plan.ckptEvery() > 0 && k % plan.ckptEvery() == 0 || end) {
                        Checkpoint.write(out.resolve("checkpoint.bin"), s, meta);
                        writeDiagnostics(out.resolve("diagnostics.csv"), diagRows);
                    }
                    if (framesAt.contains(k)) {
                        frames.add(frame(s, plan));
                    }
                    double now = comm.wtime();
                    if (progress > 0 && now - lastProgress >= progress && !end) {
                        double rate = (k - firstStep) / (now - loopStart);
                        System.err.printf(Locale.ROOT, "nbody: step %d/%d (%.0f%%), %.1f steps/s, ETA %.0f s%n", k, plan.steps(),
                                100.0 * k / plan.steps(), rate, (plan.steps() - k) / rate);
                        lastProgress = now;
                    }
                }
            }
            double loopWall = comm.wtime() - loopStart;
            if (s.step == firstStep && root) {
                Checkpoint.write(out.resolve("checkpoint.bin"), s, meta);
                writeDiagnostics(out.resolve("diagnostics.csv"), diagRows);
            }
            double[] split = {engine.computeSeconds(), engine.commSeconds()};
            comm.allReduce(split, 2, Comm.Op.MAX); // collective
            if (root) {
                if (!noPlot && !frames.isEmpty()) {
                    ProjectionPlot.write(out.resolve("projections.png"), ic == Ic.uniform ? "Uniform collapse" : "N-body", frames,
                            unitNames.length());
                }
                long done = s.step - firstStep;
                double interactions = (double) done * s.n * s.n;
                String digest = digest(s);
                double relFinal = (last.energy() - e0) / e0;
                System.out.println();
                System.out.println("N-body summary");
                System.out.printf(Locale.ROOT, "  particles        %d (%s)%n", s.n, shown);
                System.out.printf(Locale.ROOT, "  ranks x threads  %d x %d%n", comm.size(), threads);
                System.out.printf(Locale.ROOT, "  steps            %d this run (%d to %d), dt = %.6g, t = %.6g%s%n", done, firstStep, s.step,
                        plan.dt(), s.time, Double.isNaN(plan.tff()) ? "" : String.format(Locale.ROOT, " = %.4f t_ff", s.time / plan.tff()));
                System.out.printf(Locale.ROOT, "  wall time        %.3f s (%.1f steps/s, %.3e interactions/s)%n", loopWall,
                        done / loopWall, interactions / loopWall);
                System.out.printf(Locale.ROOT, "  compute / comm   %.3f s / %.3f s (slowest rank; comm includes waiting)%n", split[0], split[1]);
                System.out.printf(Locale.ROOT, "  energy error     dE/E final %+.3e, max |dE/E| %.3e%n", relFinal, maxRel);
                System.out.printf(Locale.ROOT, "  virial ratio     %.4f; half-mass radius %.6g; mean radius %.6g%n", last.virialRatio(),
                        last.halfMassRadius(), last.meanRadius());
                if (!Double.isNaN(plan.tff()) && s.time < 0.95 * plan.tff() && firstStep == 0) {
                    System.out.printf(Locale.ROOT, "  collapse         mean radius / initial = %.5f (homologous analytic %.5f)%n",
                            last.meanRadius() / r0Mean, Collapse.radiusRatio(s.time, plan.tff()));
                }
                System.out.printf("  state digest     sha256:%s%n", digest);
                System.out.printf("  outputs          %s/{diagnostics.csv, snap_*.fits, checkpoint.bin%s}%n", out,
                        noPlot ? "" : ", projections.png");
                if (summary != null) {
                    new Summary("nbody", comm.size(), threads, comm.libraryVersion())
                            .timing(loopWall, interactions / loopWall, "interactions/s")
                            .param("ic", desc).param("n", s.n).param("G", plan.g()).param("eps", plan.eps()).param("dt", plan.dt())
                            .param("steps", plan.steps()).param("seed", runSeed).param("units", unitNames.name())
                            .result("steps_done", done).result("steps_per_s", done / loopWall)
                            .result("compute_s", split[0]).result("comm_s", split[1])
                            .result("energy_error_final", relFinal).result("energy_error_max", maxRel)
                            .result("virial_ratio", last.virialRatio()).result("half_mass_radius", last.halfMassRadius())
                            .result("state_sha256", digest).result("setup_s", loopStart - tStart)
                            .write(summary);
                }
            }
        }
        return 0;
    }

    private void printHeader(Comm comm, ParticleState s, Plan plan, String desc) {
        System.out.printf(Locale.ROOT, "Orrery nbody: %s%n", desc);
        System.out.printf(Locale.ROOT, "  N = %d, G = %.6g, eps = %.6g, dt = %.6g, steps = %d, %d rank(s) x %d thread(s), units %s%n",
                s.n, plan.g(), plan.eps(), plan.dt(), plan.steps(), comm.size(), threads, plan.henon() ? "Henon" : "SI");
        System.out.printf("  %10s %13s %14s %11s %8s %12s%n", "step", "time", "energy", "dE/E", "2K/|W|", "r_half");
    }

    /** Logs one diagnostics line and keeps its CSV row; returns |dE/E|. */
    private static double logRow(List<String> rows, Diagnostics.Values d, double e0, boolean print) {
        double rel = (d.energy() - e0) / e0;
        if (print) {
            System.out.printf(Locale.ROOT, "  %10d %13.6g %14.7g %+11.3e %8.4f %12.6g%n", d.step(), d.time(), d.energy(), rel,
                d.virialRatio(), d.halfMassRadius());
        }
        rows.add(String.format(Locale.ROOT, "%d,%.17g,%.17g,%.17g,%.17g,%.6e,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g",
                d.step(), d.time(), d.kinetic(), d.potential(), d.energy(), rel, d.px(), d.py(), d.pz(), d.lx(), d.ly(), d.lz(),
                d.virialRatio(), d.halfMassRadius(), d.meanRadius()));
        return Math.abs(rel);
    }

    static final String DIAG_HEADER = "step,time,kinetic,potential,energy,rel_energy_error,px,py,pz,lx,ly,lz,virial_ratio,"
            + "half_mass_radius,mean_radius";

    private static void writeDiagnostics(Path file, List<String> rows) {
        StringBuilder sb = new StringBuilder(DIAG_HEADER).append('\n');
        for (String r : rows) {
            sb.append(r).append('\n');
        }
        AtomicFile.writeString(file, sb.toString());
    }

    /** Rows of an earlier diagnostics.csv strictly before {@code step} (a restart continues the table). */
    private static List<String> previousRows(Path file, long step) {
        List<String> rows = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return rows;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isEmpty() || line.startsWith("step")) {
                    continue;
                }
                int comma = line.indexOf(',');
                try {
                    if (comma > 0 && Long.parseLong(line.substring(0, comma)) < step) {
                        rows.add(line);
                    }
                } catch (NumberFormatException e) {
                    return new ArrayList<>();
                }
            }
        } catch (IOException e) {
            return new ArrayList<>();
        }
        return rows;
    }

    private static ProjectionPlot.Frame frame(ParticleState s, Plan plan) {
        int stride = Math.max(1, s.n / 20000);
        int k = (s.n + stride - 1) / stride;
        double[] x = new double[k];
        double[] y = new double[k];
        for (int i = 0, j = 0; i < s.n; i += stride, j++) {
            x[j] = s.x[i];
            y[j] = s.y[i];
        }
        String label = Double.isNaN(plan.tff())
                ? String.format(Locale.ROOT, "step %d, t = %.4g", s.step, s.time)
                : String.format(Locale.ROOT, "t = %.3f t_ff", s.time / plan.tff());
        return new ProjectionPlot.Frame(label, x, y);
    }

    /** SHA-256 of the state's bits (step and the seven columns): equal digests mean identical states. */
    public static String digest(ParticleState s) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer b = ByteBuffer.allocate(8 * (1 + 7 * s.n));
            b.putLong(s.step);
            for (double[] col : s.columns()) {
                for (int i = 0; i < s.n; i++) {
                    b.putLong(Double.doubleToRawLongBits(col[i]));
                }
            }
            return HexFormat.of().formatHex(md.digest(b.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

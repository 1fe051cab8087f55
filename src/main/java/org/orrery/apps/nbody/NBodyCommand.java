package org.orrery.apps.nbody;

import java.nio.file.Path;
import java.util.List;
import org.orrery.apps.OrreryVersion;
import org.orrery.apps.common.Programs;
import org.orrery.apps.common.SharedOptions;
import org.orrery.apps.common.SpmdProgram;
import org.orrery.apps.nbody.NBodyConfig.Ic;
import org.orrery.apps.nbody.NBodyConfig.Units;
import org.orrery.parallel.Comm;
import org.orrery.parallel.RankTimes;
import org.orrery.parallel.StopSignals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nbody}: direct-summation gravitational N-body, SPMD. Options only: they become an {@link NBodyConfig}
 * (validated identically on every rank), {@link NBodyJob} runs it with {@link NBodyOutputs} writing the files as it
 * goes, and {@link NBodyReport} writes the plot and the summaries.
 */
@Command(
        name = "nbody",
        mixinStandardHelpOptions = true,
        versionProvider = OrreryVersion.class,
        sortOptions = false,
        description = {
            "Direct-summation gravitational N-body (Plummer softening, kick-drift-kick leapfrog), SPMD over MPI ranks.",
            "Default: the teaching problem — 1000 particles of 1 kg uniformly in a sphere of radius 1 m, at rest,",
            "G = 6.674e-11 (SI), eps = 0.01 m, dt = t_ff/1000, 1000 steps (up to the free-fall time)."
        })
public final class NBodyCommand implements SpmdProgram {

    @Option(
            names = "--ic",
            paramLabel = "KIND",
            description =
                    "Initial conditions: ${COMPLETION-CANDIDATES} (default: uniform; file when --input is given).")
    Ic ic;

    @Option(
            names = {"-n", "--particles"},
            paramLabel = "N",
            description = "Number of particles (uniform, plummer; default 1000).")
    Integer particles;

    @Option(
            names = "--input",
            paramLabel = "FILE",
            description = "Particles from a CSV/text (header x y z vx vy vz m) or FITS binary table file.")
    Path input;

    @Option(names = "--radius", paramLabel = "R", description = "Sphere radius for --ic uniform (default 1 m).")
    Double radius;

    @Option(
            names = "--particle-mass",
            paramLabel = "M",
            description = "Mass of each particle for --ic uniform (default 1 kg).")
    Double particleMass;

    @Option(names = "--ecc", paramLabel = "E", description = "Eccentricity for --ic kepler (default 0.5).")
    Double ecc;

    @Option(
            names = "--units",
            paramLabel = "U",
            description = "${COMPLETION-CANDIDATES}: the default G (6.674e-11 or 1) and unit labels. Default: si for "
                    + "uniform, henon otherwise.")
    Units units;

    @Option(names = "-G", paramLabel = "G", description = "Gravitational constant (default from --units).")
    Double g;

    @Option(
            names = "--eps",
            paramLabel = "EPS",
            description =
                    "Plummer softening length, > 0 (default 0.01 R uniform, 0.05 plummer, 1e-8 kepler; required with "
                            + "--input).")
    Double eps;

    @Option(
            names = "--dt",
            paramLabel = "DT",
            description = "Time step (default t_ff/1000 uniform, 1/128 plummer, P/1000 kepler; required with --input).")
    Double dt;

    @Option(
            names = "--steps",
            paramLabel = "S",
            description = "Total number of steps from t = 0 (default: 1000 uniform, 1280 plummer, 10 orbits kepler).")
    Long steps;

    @Option(names = "--t-end", paramLabel = "T", description = "End time instead of --steps (steps = ceil(T/dt)).")
    Double tEnd;

    @Option(names = "--seed", paramLabel = "SEED", description = "Random seed of the initial conditions (default 42).")
    Long seed;

    @Option(
            names = "--diag-every",
            paramLabel = "K",
            description = "Diagnostics (energy, momenta, virial ratio, radii) every K steps (default: steps/100).")
    Long diagEvery;

    @Option(
            names = "--log-every",
            paramLabel = "K",
            description = "Print a diagnostics line every K steps (default: about 20 lines per run; rounded to "
                    + "--diag-every).")
    Long logEvery;

    @Option(
            names = "--snap-every",
            paramLabel = "K",
            description = "FITS snapshot every K steps; 0 = only the last (default: steps/10).")
    Long snapEvery;

    @Option(
            names = "--checkpoint-every",
            paramLabel = "K",
            description =
                    "Checkpoint every K steps (atomic); one is always written at the end (default: as --snap-every).")
    Long checkpointEvery;

    @Option(
            names = "--restart",
            paramLabel = "FILE",
            description = "Continue from a checkpoint (its N, G, eps, dt are used).")
    Path restart;

    @Option(
            names = "--plot-steps",
            paramLabel = "K,...",
            split = ",",
            description = "Steps shown in projections.png (default: 6 evenly spaced snapshots).")
    List<Long> plotSteps;

    @Mixin
    HermiteOptions hermiteOptions;

    @Mixin
    SharedOptions.Output output;

    @Mixin
    SharedOptions.Threads threads;

    @Mixin
    SharedOptions.Plot plot;

    private NBodyConfig config;
    private HermiteConfig hermite;

    public static void main(String[] args) {
        Programs.main(NBodyCommand::new, args);
    }

    @Override
    public String name() {
        return "nbody";
    }

    @Override
    public void validate() {
        hermite = HermiteConfig.of(hermiteOptions, ic, input, dt, steps, units, restart);
        Ic icUsed = hermite.hermite() && ic == null && restart == null ? Ic.plummer : ic;
        config = new NBodyConfig(
                icUsed,
                particles,
                input,
                radius,
                particleMass,
                ecc,
                units,
                g,
                eps,
                dt,
                steps,
                tEnd,
                seed,
                diagEvery,
                logEvery,
                snapEvery,
                checkpointEvery,
                restart,
                plotSteps,
                threads.threads(),
                output.progressSeconds());
    }

    @Override
    public String outOfMemoryAdvice() {
        return NBodyMemory.advice(config);
    }

    /** The validated configuration (after {@link #validate()}). */
    NBodyConfig config() {
        return config;
    }

    /** The validated Hermite part of the configuration (after {@link #validate()}). */
    HermiteConfig hermite() {
        return hermite;
    }

    @Override
    public int run(Comm comm) {
        Path dir = output.out(name());
        StopSignals.install(); // every rank: SIGUSR1/SIGTERM stop the run after a step, with a checkpoint (exit 75)
        if (hermite.hermite()) {
            return HermiteRun.run(comm, config, hermite, dir, output, plot.plot()); // collective
        }
        NBodyOutputs outputs = new NBodyOutputs(dir, config, System.out, output.quiet());
        NBodyJob.Result r = NBodyJob.run(comm, config, outputs); // collective
        if (r.preempted()) {
            if (comm.isRoot()) {
                outputs.release();
            }
            return StopSignals.EXIT_PREEMPTED;
        }
        if (comm.isRoot()) {
            long t0 = RankTimes.now();
            double maxRel = Math.max(outputs.previousMaxRel(), r.maxRelEnergyError());
            if (plot.plot()) {
                NBodyReport.writePlot(dir, config, outputs.frames(), r);
            }
            if (!output.quiet()) {
                NBodyReport.print(System.out, dir, plot.plot(), r, maxRel);
            }
            if (output.summary() != null) {
                NBodyReport.summary(r, comm.libraryVersion(), maxRel).write(output.summary());
            }
            outputs.release();
            RankTimes.addSerialSince("report", t0);
        }
        return 0;
    }
}

package org.orrery.apps.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.orrery.apps.OrreryVersion;
import org.orrery.apps.common.Programs;
import org.orrery.apps.common.SharedOptions;
import org.orrery.io.AtomicFile;
import org.orrery.io.Launcher;
import org.orrery.io.MachineInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code orrery sweep}: scaling sweeps. Runs any Orrery program at several rank counts through the launcher
 * ({@code launch/orrery <program> -np p --no-build <options> --summary tmp.json}), repeats each point and keeps the
 * median, reads {@code wall_s} and {@code rate} from the program's summary JSON, and writes {@code scaling.csv} (with
 * the machine in its header) and time, speedup and efficiency plots. Not an MPI program itself.
 *
 * <p>Strong scaling keeps the problem fixed: S<sub>p</sub> = T<sub>ref</sub>&middot;p<sub>ref</sub>/T<sub>p</sub>
 * relative to the smallest p measured (p<sub>ref</sub> = 1 normally), efficiency S/p, the Karp&ndash;Flatt fraction,
 * and an Amdahl fit over the points with p &le; physical cores. Weak scaling ({@code --weak-param}) grows one size
 * option of the program as size(p) = round(base &middot; p<sup>exponent</sup>), e.g. {@code --weak-param --nsims
 * --weak-base 100} for decay (work &prop; simulations) or {@code --weak-param --n --weak-base 2000 --weak-exponent 0.5}
 * for an O(N&sup2;) N-body code; it reports weak efficiency T<sub>ref</sub>/T<sub>p</sub> and Gustafson's scaled
 * speedup.
 */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        versionProvider = OrreryVersion.class,
        sortOptions = false,
        description = {
            "Measure how an Orrery program scales with the number of ranks: runs it at each --np value "
                    + "(repeated, median kept), reads wall_s and rate from its --summary JSON, writes scaling.csv and "
                    + "PNG plots.",
            "Program options go after '--', e.g.: launch/orrery sweep decay --np 1,2,4 --oversubscribe -- --nsims 400 "
                    + "--no-plot"
        })
public final class SweepCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            paramLabel = "PROGRAM",
            description = "Orrery program to run (decay, nbody, paircount, farm, hello, ...).")
    String program;

    @Parameters(index = "1..*", paramLabel = "OPTION", description = "Options passed to the program (after '--').")
    List<String> programArgs = new ArrayList<>();

    @Option(names = "--np", paramLabel = "LIST", description = "Comma list of rank counts (default: ${DEFAULT-VALUE}).")
    String npList = "1,2,4";

    @Option(
            names = {"--repeats", "-r"},
            paramLabel = "R",
            description = "Runs per point; the median is kept (default: ${DEFAULT-VALUE}).")
    int repeats = 3;

    @Option(
            names = "--oversubscribe",
            description =
                    "Allow rank counts above the physical cores (ranks then share cores; such points are marked).")
    boolean oversubscribe;

    @Option(
            names = "--weak-param",
            paramLabel = "OPTION",
            description = "Weak scaling: the program option that sets the problem size (e.g. --nsims).")
    String weakParam;

    @Option(names = "--weak-base", paramLabel = "SIZE", description = "Weak scaling: the size at p = 1.")
    Double weakBase;

    @Option(
            names = "--weak-exponent",
            paramLabel = "E",
            description = "Weak scaling: size(p) = round(base * p^E) (default: ${DEFAULT-VALUE}; 0.5 for O(N^2) work).")
    double weakExponent = 1.0;

    @Option(
            names = "--fit-oversubscribed",
            description = "Include oversubscribed points in the Amdahl fit (excluded by default).")
    boolean fitOversubscribed;

    @Option(
            names = "--launcher",
            paramLabel = "PATH",
            description =
                    "The launch/orrery script (default: found next to the Orrery jar, or $ORRERY_HOME/launch/orrery).")
    Path launcher;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            description = "Time limit per run (default: ${DEFAULT-VALUE}).")
    double timeout = 3600;

    @Mixin
    SharedOptions.Output output = new SharedOptions.Output();

    public static void main(String[] args) {
        System.exit(Programs.runTool("sweep", new SweepCommand(), args));
    }

    /** The validated configuration. */
    public SweepConfig config() {
        return new SweepConfig(
                program,
                programArgs,
                SweepConfig.parseNpList(npList),
                repeats,
                oversubscribe,
                weakParam,
                weakBase,
                weakExponent,
                fitOversubscribed,
                output.outOr(null),
                launcher,
                timeout,
                output.quiet(),
                output.summary());
    }

    @Override
    public Integer call() throws Exception {
        SweepConfig c = config();
        MachineInfo machine = MachineInfo.probe();
        c.checkCores(machine);
        Path launch = Launcher.find(c.launcher(), "--launcher");
        AtomicFile.checkWritableDirectory(c.outDir());
        if (!c.quiet()) {
            System.out.printf(
                    "Orrery sweep: %s, %s scaling, np %s, %d repeat%s each, on %s (%d physical cores, %s)%n",
                    c.program(),
                    c.weak() ? "weak" : "strong",
                    npList,
                    c.repeats(),
                    c.repeats() == 1 ? "" : "s",
                    machine.host(),
                    machine.physicalCores(),
                    machine.cpuModel());
        }
        List<SweepJob.Measured> points = SweepJob.run(c, machine, launch, (p, size, r, run) -> {
            if (!c.quiet()) {
                System.out.printf(
                        "  p = %d%s, run %d/%d: wall %.4g s, rate %.4g %s%n",
                        p,
                        c.weak() ? " (" + c.weakParam() + " " + size + ")" : "",
                        r + 1,
                        c.repeats(),
                        run.wall(),
                        run.rate(),
                        run.rateUnit());
            }
        });
        // The MPI the runs used (the launcher's configuration: ORRERY_MPI, --mpi), not the mpirun first on PATH; np 1
        // runs without MPI ("serial (no MPI)"), so the first run of more ranks names it when there is one.
        String used = points.stream()
                .map(SweepJob.Measured::mpi)
                .filter(m -> !m.isEmpty() && !m.startsWith("serial"))
                .findFirst()
                .orElse(points.isEmpty() ? "" : points.get(0).mpi());
        if (!used.isEmpty()) {
            machine = new MachineInfo(
                    machine.host(),
                    machine.physicalCores(),
                    machine.logicalCpus(),
                    machine.cpuModel(),
                    used,
                    machine.javaVersion());
        }
        SweepReport.write(c, SweepResult.of(c, machine, points), System.out);
        return 0;
    }
}

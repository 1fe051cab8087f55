package org.orrery.apps.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.orrery.io.MachineInfo;
import org.orrery.model.UserError;

/**
 * A validated sweep: which program with which options, at which rank counts, how often, strong or weak scaling, and
 * where the results go. One message per rule, naming the option.
 *
 * @param np rank counts, ascending, distinct
 * @param weakParam the program option that sets the problem size (weak scaling), or null (strong)
 * @param weakBase the size at p = 1 (weak scaling), or null
 * @param weakExponent size(p) = round(weakBase · p^weakExponent)
 * @param out directory of scaling.csv and the plots as given, or null for results/PROGRAM ({@link #outDir()})
 * @param launcher the launch/orrery script, or null to find it
 * @param timeout time limit per run in seconds
 * @param summary JSON summary file, or null
 */
public record SweepConfig(
        String program,
        List<String> programArgs,
        int[] np,
        int repeats,
        boolean oversubscribe,
        String weakParam,
        Double weakBase,
        double weakExponent,
        boolean fitOversubscribed,
        Path out,
        Path launcher,
        double timeout,
        boolean quiet,
        Path summary) {

    public SweepConfig {
        programArgs = List.copyOf(programArgs);
        np = np.clone();
        if (!program.matches("[a-z][a-z0-9-]*")) {
            throw new UserError("program must be an Orrery program name such as decay, got '" + program + "'");
        }
        if (List.of("sweep", "amdahl", "bench", "setup", "build", "test", "classpath")
                .contains(program)) {
            throw new UserError("'" + program + "' is not an MPI program that writes --summary, PROGRAM");
        }
        if (repeats < 1 || repeats > 1000) {
            throw new UserError("--repeats must be in 1..1000, got " + repeats);
        }
        if (!(timeout > 0)) {
            throw new UserError("--timeout must be positive, got " + timeout);
        }
        if ((weakParam == null) != (weakBase == null)) {
            throw new UserError("weak scaling needs both --weak-param and --weak-base");
        }
        if (weakParam != null) {
            if (!weakParam.startsWith("-")) {
                throw new UserError(
                        "--weak-param must be the program's option name such as --nsims, got '" + weakParam + "'");
            }
            if (!(weakBase > 0)
                    || !(weakExponent >= 0)
                    || Double.isInfinite(weakBase)
                    || Double.isInfinite(weakExponent)) {
                throw new UserError("--weak-base must be positive and --weak-exponent >= 0, got " + weakBase + " and "
                        + weakExponent);
            }
            if (programArgs.contains(weakParam)) {
                throw new UserError(
                        "the program options already set " + weakParam + ", which the weak sweep sets itself");
            }
        }
        if (programArgs.contains("--summary") || programArgs.contains("-np") || programArgs.contains("--np")) {
            throw new UserError("program options must not contain --summary or -np: the sweep sets them");
        }
    }

    /** Parses "1,2,4": positive whole numbers, no duplicates; returned in ascending order. */
    public static int[] parseNpList(String s) {
        String[] parts = s.split(",", -1);
        int[] np = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String v = parts[i].trim();
            if (!v.matches("[0-9]+") || v.length() > 6 || Integer.parseInt(v) < 1) {
                throw new UserError("--np must be a comma list of positive whole numbers such as 1,2,4; '" + v
                        + "' is not, in --np " + s);
            }
            np[i] = Integer.parseInt(v);
        }
        Arrays.sort(np);
        for (int i = 1; i < np.length; i++) {
            if (np[i] == np[i - 1]) {
                throw new UserError("--np lists " + np[i] + " twice, in --np " + s);
            }
        }
        return np;
    }

    /** The rule that needs the machine: rank counts above its physical cores need --oversubscribe. */
    public void checkCores(MachineInfo machine) {
        for (int p : np) {
            if (p > machine.physicalCores() && !oversubscribe) {
                throw new UserError("-np " + p + " exceeds the " + machine.physicalCores()
                        + " physical cores: pass --oversubscribe to measure it anyway (such points are marked), in "
                        + "--np "
                        + npList());
            }
        }
    }

    /** The output directory. */
    public Path outDir() {
        return out != null ? out : Path.of("results", program);
    }

    public boolean weak() {
        return weakParam != null;
    }

    /** The weak-scaling problem size at p ranks. */
    public long sizeFor(int p) {
        return Math.round(weakBase * Math.pow(p, weakExponent));
    }

    /** "1,2,4". */
    public String npList() {
        return String.join(",", Arrays.stream(np).mapToObj(Integer::toString).toList());
    }

    /** The launcher command of one run at p ranks writing its summary to {@code summaryFile}. */
    public List<String> command(Path launch, int p, Path summaryFile) {
        List<String> cmd =
                new ArrayList<>(List.of(launch.toString(), program, "-np", Integer.toString(p), "--no-build"));
        if (oversubscribe) {
            // The launcher's own option: mpirun's --oversubscribe under MPI, nothing for ranks as threads.
            cmd.add("--oversubscribe");
        }
        cmd.addAll(programArgs);
        if (weakParam != null) {
            cmd.addAll(List.of(weakParam, Long.toString(sizeFor(p))));
        }
        cmd.addAll(List.of("--summary", summaryFile.toString()));
        return cmd;
    }
}

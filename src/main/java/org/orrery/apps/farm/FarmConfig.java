package org.orrery.apps.farm;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.orrery.model.UserError;
import org.orrery.sim.TaskFarm;

/**
 * A validated farm run. One message per rule, naming the option.
 *
 * @param inputs files, directories or globs; empty for the teaching activity (its images in {@code images})
 * @param ops operations applied to each input
 * @param window median window k (k×k pixels)
 * @param out directory of the high-pass images and, by default, the tables
 * @param table the CSV table (a FITS table is written beside it), or null for out/farm.csv
 * @param schedule static blocks or dynamic self-scheduling
 * @param resume reuse the rows of a previous table of the same options whose outputs exist
 * @param printRows at most this many table rows in the human summary
 * @param progressSeconds seconds between progress lines on stderr (0: none)
 * @param summary JSON summary file, or null
 * @param survey clipstats / background settings and output compression ({@link FarmSurvey#of} validates the options)
 */
public record FarmConfig(
        List<String> inputs,
        Set<FarmOptions.Op> ops,
        int window,
        Path out,
        Path table,
        TaskFarm.Mode schedule,
        boolean resume,
        Path images,
        int printRows,
        boolean quiet,
        double progressSeconds,
        Path summary,
        FarmSurvey survey) {

    public FarmConfig {
        inputs = List.copyOf(inputs);
        ops = Set.copyOf(ops);
        if (window < 1 || window > 4001) {
            throw new UserError("--window must be between 1 and 4001, got " + window);
        }
        if (ops.isEmpty()) {
            throw new UserError("--ops needs at least one of highpass, stats, brightest, clipstats, background");
        }
        if (printRows < 0) {
            throw new UserError("--print-rows must be >= 0, got " + printRows);
        }
        if (table != null && !table.getFileName().toString().endsWith(".csv")) {
            throw new UserError("--table must name a .csv file, got " + table);
        }
        if (!(progressSeconds >= 0) || Double.isInfinite(progressSeconds)) {
            throw new UserError("--progress must be >= 0 seconds, got " + progressSeconds);
        }
        survey = survey == null ? FarmSurvey.DEFAULT : survey;
        if (survey.maps() && !ops.contains(FarmOptions.Op.background)) {
            throw new UserError("--bkg-maps needs the background operation (--ops ...,background)");
        }
    }

    /** Parses {@code static} or {@code dynamic}. */
    public static TaskFarm.Mode schedule(String s) {
        return switch (s) {
            case "static" -> TaskFarm.Mode.STATIC;
            case "dynamic" -> TaskFarm.Mode.DYNAMIC;
            default -> throw new UserError("--schedule must be static or dynamic, got '" + s + "'");
        };
    }

    /** What is done to each input. */
    public FarmOptions options() {
        return new FarmOptions(ops, window, out, survey);
    }

    /** The CSV table. */
    public Path csvFile() {
        return table != null ? table : out.resolve("farm.csv");
    }

    /** The FITS table beside the CSV one ({@code farm.csv} → {@code farm.fits}). */
    public Path fitsFile() {
        Path csv = csvFile();
        String n = csv.getFileName().toString();
        return csv.resolveSibling(n.substring(0, n.length() - 4) + ".fits");
    }
}

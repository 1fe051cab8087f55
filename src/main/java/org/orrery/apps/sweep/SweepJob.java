package org.orrery.apps.sweep;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.orrery.analysis.Scaling;
import org.orrery.io.Launcher;
import org.orrery.io.MachineInfo;
import org.orrery.io.ProcessGuard;
import org.orrery.model.UserError;

/**
 * The sweep's measurements: runs the program through the launcher at each rank count, repeated, and reads
 * {@code wall_s}, {@code rate} and {@code rate_unit} from its {@code --summary} JSON. Not an MPI program itself; no
 * printing ({@link Events} reports each run).
 */
public final class SweepJob {
    private SweepJob() {}

    /** One point: rank count, weak-scaling size (−1 for strong), whether oversubscribed, every run's figures. */
    public record Measured(
            int p, long size, boolean oversubscribed, double[] walls, double[] rates, String rateUnit, String mpi) {
        /** Median wall time (s). */
        public double wall() {
            return Scaling.median(walls);
        }

        /** Median rate. */
        public double rate() {
            return Scaling.median(rates);
        }
    }

    /** What one run gave; {@code mpi} is the MPI library the program reported (its summary's {@code mpi}), or "". */
    public record Run(double wall, double rate, String rateUnit, String mpi) {}

    /** Told of each run as it finishes. */
    public interface Events {
        void run(int p, long size, int repeat, Run run);
    }

    /**
     * Runs every point of {@code c} on {@code machine} through the launcher {@code launch} (after
     * {@link SweepConfig#checkCores}).
     */
    public static List<Measured> run(SweepConfig c, MachineInfo machine, Path launch, Events events)
            throws IOException, InterruptedException {
        Path tmpDir = Files.createTempDirectory("orrery-sweep");
        Path summaryFile = tmpDir.resolve("summary.json");
        List<Measured> points = new ArrayList<>();
        ProcessGuard guard = ProcessGuard.deleteOnExit(tmpDir);
        try {
            for (int p : c.np()) {
                double[] walls = new double[c.repeats()];
                double[] rates = new double[c.repeats()];
                String unit = "";
                String mpi = "";
                List<String> cmd = c.command(launch, p, summaryFile);
                long size = c.weak() ? c.sizeFor(p) : -1;
                for (int r = 0; r < c.repeats(); r++) {
                    Run res = runOnce(c, cmd, summaryFile);
                    walls[r] = res.wall();
                    rates[r] = res.rate();
                    unit = res.rateUnit();
                    mpi = res.mpi();
                    events.run(p, size, r, res);
                }
                points.add(new Measured(p, size, p > machine.physicalCores(), walls, rates, unit, mpi));
            }
        } finally {
            guard.close();
            ProcessGuard.deleteTree(tmpDir);
        }
        return points;
    }

    /** Runs one point once and reads its summary. */
    static Run runOnce(SweepConfig c, List<String> cmd, Path summaryFile) throws IOException, InterruptedException {
        JsonObject s = Launcher.runForSummary(cmd, summaryFile, c.timeout());
        JsonElement wall = s.get("wall_s");
        JsonElement rate = s.get("rate");
        if (wall == null || !wall.isJsonPrimitive() || !(wall.getAsDouble() > 0)) {
            throw new UserError("the summary of " + c.program() + " has no positive wall_s: " + String.join(" ", cmd));
        }
        double r = rate != null && rate.isJsonPrimitive() ? rate.getAsDouble() : Double.NaN;
        String unit = s.has("rate_unit") ? s.get("rate_unit").getAsString() : "";
        String mpi =
                s.has("mpi") && s.get("mpi").isJsonPrimitive() ? s.get("mpi").getAsString() : "";
        return new Run(wall.getAsDouble(), r, unit, mpi);
    }
}

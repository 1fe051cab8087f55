package org.orrery.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.orrery.io.AtomicFile;
import org.orrery.model.ParticleState;
import org.orrery.parallel.SerialComm;
import org.orrery.physics.gravity.Diagnostics;
import org.orrery.physics.gravity.DirectSum;
import org.orrery.physics.gravity.HermiteParams;
import org.orrery.physics.gravity.Leapfrog;
import org.orrery.physics.ics.InitialConditions;
import org.orrery.sim.HermiteEngine;

/**
 * Work at equal accuracy: |ΔE/E| after a fixed time against the pairwise interactions computed, for the fixed-step
 * leapfrog (kick-drift-kick, several Δt) and the block-step Hermite scheme (several η), on one Plummer sphere (Hénon
 * units, equal masses, softening ε). Leapfrog costs n² interactions per step (plus one initial evaluation); Hermite's
 * count is the engine's own (n per active particle per block, n² at the start). Serial (one rank, one thread): the
 * figure of merit is the interaction count, not the wall time. Energies are measured at every whole time unit; both the
 * final and the largest relative error are reported.
 *
 * <p>usage: {@code java -cp orrery-all.jar org.orrery.bench.WorkAccuracyBench [N] [T] [EPS] [OUT.csv]} (defaults 1024,
 * 10, 0.01).
 */
public final class WorkAccuracyBench {
    private WorkAccuracyBench() {}

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int tEnd = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        double eps = args.length > 2 ? Double.parseDouble(args[2]) : 0.01;
        Path out = args.length > 3 ? Path.of(args[3]) : null;
        List<String> rows = new ArrayList<>();
        rows.add("integrator,parameter,interactions,final_rel_energy_error,max_rel_energy_error,wall_s");
        System.out.printf(Locale.ROOT, "Plummer N = %d, eps = %s, t = 0..%d (Henon units), seed 1%n", n, eps, tEnd);
        System.out.printf(
                "  %-10s %12s %14s %14s %14s %8s%n",
                "integrator", "dt or eta", "interactions", "final |dE/E|", "max |dE/E|", "wall s");
        for (int inv : new int[] {64, 128, 256, 512, 1024}) {
            rows.add(row("leapfrog", 1.0 / inv, leapfrog(n, tEnd, eps, 1.0 / inv)));
        }
        for (double eta : new double[] {0.08, 0.04, 0.02, 0.01, 0.005}) {
            rows.add(row("hermite", eta, hermite(n, tEnd, eps, eta)));
        }
        if (out != null) {
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            StringBuilder sb = new StringBuilder(String.format(
                    Locale.ROOT,
                    "# orrery work-accuracy bench; Plummer n %d seed 1; eps %s; t_end %d; machine %s%n",
                    n,
                    eps,
                    tEnd,
                    org.orrery.io.MachineInfo.probe().cpuModel()));
            rows.forEach(r -> sb.append(r).append('\n'));
            AtomicFile.writeString(out, sb.toString());
            System.out.println("wrote " + out);
        }
    }

    /** {interactions, final error, max error, wall seconds}. */
    private static String row(String kind, double param, double[] r) {
        System.out.printf(
                Locale.ROOT, "  %-10s %12.6g %14.4e %14.3e %14.3e %8.1f%n", kind, param, r[0], r[1], r[2], r[3]);
        return String.format(Locale.ROOT, "%s,%.6g,%.6e,%.6e,%.6e,%.2f", kind, param, r[0], r[1], r[2], r[3]);
    }

    static double[] leapfrog(int n, int tEnd, double eps, double dt) {
        long t0 = System.nanoTime();
        ParticleState s = InitialConditions.plummer(n, 1);
        double eps2 = eps * eps;
        double[] ax = new double[n];
        double[] ay = new double[n];
        double[] az = new double[n];
        DirectSum.Scratch scratch = new DirectSum.Scratch();
        DirectSum.accelerations(s.x, s.y, s.z, s.m, n, 0, n, 1, eps2, ax, 0, ay, 0, az, 0, scratch);
        double interactions = (double) n * n;
        double e0 = energy(s, eps2);
        double maxErr = 0;
        double err = 0;
        long perUnit = Math.round(1 / dt);
        for (int unit = 1; unit <= tEnd; unit++) {
            for (long k = 0; k < perUnit; k++) {
                Leapfrog.kick(s.vx, s.vy, s.vz, ax, ay, az, n, 0.5 * dt);
                Leapfrog.drift(s.x, s.y, s.z, s.vx, s.vy, s.vz, n, dt);
                DirectSum.accelerations(s.x, s.y, s.z, s.m, n, 0, n, 1, eps2, ax, 0, ay, 0, az, 0, scratch);
                Leapfrog.kick(s.vx, s.vy, s.vz, ax, ay, az, n, 0.5 * dt);
                interactions += (double) n * n;
            }
            err = Math.abs((energy(s, eps2) - e0) / e0);
            maxErr = Math.max(maxErr, err);
        }
        return new double[] {interactions, err, maxErr, (System.nanoTime() - t0) * 1e-9};
    }

    static double[] hermite(int n, int tEnd, double eps, double eta) {
        long t0 = System.nanoTime();
        ParticleState s = InitialConditions.plummer(n, 1);
        try (HermiteEngine e =
                HermiteEngine.start(new SerialComm(), s, new HermiteParams(1, eps, eta, eta, 1.0 / 16, 40), 1)) {
            double e0 = e.diagnostics().energy();
            double maxErr = 0;
            double err = 0;
            for (int unit = 1; unit <= tEnd; unit++) {
                e.advanceTo(unit);
                err = Math.abs((e.diagnostics().energy() - e0) / e0);
                maxErr = Math.max(maxErr, err);
            }
            return new double[] {e.interactions(), err, maxErr, (System.nanoTime() - t0) * 1e-9};
        }
    }

    private static double energy(ParticleState s, double eps2) {
        double[] phi = new double[s.n];
        DirectSum.potentials(s.x, s.y, s.z, s.m, s.n, 0, s.n, 1, eps2, phi, 0);
        Diagnostics.Values v = Diagnostics.compute(s, phi);
        return v.energy();
    }
}

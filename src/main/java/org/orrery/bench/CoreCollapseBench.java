package org.orrery.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.orrery.analysis.ClusterDiagnostics;
import org.orrery.io.AtomicFile;
import org.orrery.model.ParticleState;
import org.orrery.parallel.SerialComm;
import org.orrery.physics.gravity.Diagnostics;
import org.orrery.physics.gravity.HermiteParams;
import org.orrery.physics.ics.InitialConditions;
import org.orrery.sim.HermiteEngine;

/**
 * Core collapse of an equal-mass Plummer sphere with the block-step Hermite engine (a benchmark run, minutes to hours):
 * Lagrangian radii (1, 10, 50, 90 % about the Casertano–Hut density centre), the CH85 core radius and density, and the
 * energy error every {@code dtOut} time units, in Hénon units and in initial half-mass relaxation times t_rh(0)
 * (Spitzer 1987, γ = 0.11). The collapse time is taken where the core radius reaches its minimum over the run.
 * Reference: Fokker–Planck models of the Plummer sphere collapse at 15.7 t_rh(0) (Cohn 1980, ApJ 242, 765); N-body runs
 * with N = 10³–10⁴ find 15–17 t_rh(0) (Giersz &amp; Heggie 1994, MNRAS 268, 257). Softening delays and limits the
 * collapse: keep ε well below the final core radius.
 *
 * <p>usage: {@code java -XX:LoopUnrollLimit=400 -cp orrery-all.jar org.orrery.bench.CoreCollapseBench N T_MAX_IN_TRH
 * EPS ETA THREADS OUT.csv} (e.g. 1024 20 0.004 0.02 2 results/hermite/core-collapse-1024.csv)
 */
public final class CoreCollapseBench {
    private CoreCollapseBench() {}

    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[0]);
        double tMaxRh = Double.parseDouble(args[1]);
        double eps = Double.parseDouble(args[2]);
        double eta = Double.parseDouble(args[3]);
        int threads = Integer.parseInt(args[4]);
        Path out = Path.of(args[5]);
        ParticleState s = InitialConditions.plummer(n, 1);
        double rh = ClusterDiagnostics.lagrangianRadiiAboutCentreOfMass(s)[2];
        double trh =
                ClusterDiagnostics.halfMassRelaxationTime(n, s.totalMass(), rh, 1, ClusterDiagnostics.GAMMA_EQUAL_MASS);
        double dtOut = 0.25;
        long outputs = (long) Math.ceil(tMaxRh * trh / dtOut);
        StringBuilder csv = new StringBuilder(String.format(
                Locale.ROOT,
                "# Plummer N %d seed 1, eps %s, eta %s, dtMax 1/16, t_rh(0) %.4f (r_h %.4f, gamma 0.11)%n",
                n,
                eps,
                eta,
                trh,
                rh));
        csv.append("t,t_over_trh,r_lag_01,r_lag_10,r_lag_50,r_lag_90,r_core,rho_core,rel_energy_error,blocks,"
                + "interactions\n");
        double bestCore = Double.POSITIVE_INFINITY;
        double tCollapse = Double.NaN;
        long t0 = System.nanoTime();
        try (HermiteEngine e =
                HermiteEngine.start(new SerialComm(), s, new HermiteParams(1, eps, eta, eta, 1.0 / 16, 40), threads)) {
            double e0 = e.diagnostics().energy();
            for (long k = 0; k <= outputs; k++) {
                e.advanceTo(k * dtOut);
                Diagnostics.Values d = e.diagnostics();
                ClusterDiagnostics.Core core = ClusterDiagnostics.core(s);
                double[] lag = ClusterDiagnostics.lagrangianRadii(
                        s, core.x(), core.y(), core.z(), ClusterDiagnostics.lagrangeFractions());
                double t = e.time();
                if (core.radius() < bestCore) {
                    bestCore = core.radius();
                    tCollapse = t;
                }
                csv.append(String.format(
                        Locale.ROOT,
                        "%.4f,%.5f,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.3e,%d,%d%n",
                        t,
                        t / trh,
                        lag[0],
                        lag[1],
                        lag[2],
                        lag[3],
                        core.radius(),
                        core.density(),
                        Math.abs((d.energy() - e0) / e0),
                        e.blocks(),
                        e.interactions()));
                if (k % 40 == 0) {
                    System.out.printf(
                            Locale.ROOT,
                            "t = %.2f (%.2f t_rh): r_core %.4f, r_1%% %.4f, |dE/E| %.2e, %.1f s, steps per level %s%n",
                            t,
                            t / trh,
                            core.radius(),
                            lag[0],
                            Math.abs((d.energy() - e0) / e0),
                            (System.nanoTime() - t0) * 1e-9,
                            Arrays.toString(Arrays.copyOf(e.stepsPerLevel(), 16)));
                }
            }
        }
        csv.append(String.format(
                Locale.ROOT, "# core-radius minimum at t = %.3f = %.2f t_rh(0)%n", tCollapse, tCollapse / trh));
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        AtomicFile.writeString(out, csv.toString());
        System.out.printf(
                Locale.ROOT,
                "core-radius minimum at t = %.3f = %.2f t_rh(0); wrote %s%n",
                tCollapse,
                tCollapse / trh,
                out);
    }
}

package org.orrery.sim;

import java.nio.file.Path;
import org.orrery.io.snapshot.Checkpoint;
import org.orrery.model.ParticleState;
import org.orrery.parallel.Comm;
import org.orrery.parallel.Spmd;
import org.orrery.physics.gravity.HermiteParams;
import org.orrery.physics.ics.ClusterIcs;
import org.orrery.physics.ics.KroupaImf;

/**
 * A tiny SPMD program for {@code HermiteEngineIT}: rank 0 builds a King model with a Kroupa mass spectrum (or reads a
 * checkpoint), broadcasts it, the engine runs with the given threads to {@code tEnd / 2} and {@code tEnd}; every rank
 * writes its own checkpoint at both times ({@code mid-rR.bin}, {@code final-rR.bin}), so the test can compare every
 * rank's bits across np. MPI starts through {@link Spmd}, on the backend the launcher selected.
 *
 * <p>usage: {@code HermiteSpmdCheck OUTDIR THREADS N TEND [RESTART_FILE]}
 */
public final class HermiteSpmdCheck {
    private HermiteSpmdCheck() {}

    public static void main(String[] args) {
        // The MPI backend the launcher selected (mpi.jar or the shim), as every program starts it.
        Spmd.main(
                "hermite-check",
                comm -> {
                    run(
                            comm,
                            Path.of(args[0]),
                            Integer.parseInt(args[1]),
                            Integer.parseInt(args[2]),
                            Double.parseDouble(args[3]),
                            args.length > 4 ? Path.of(args[4]) : null);
                    return 0;
                },
                Spmd::describe);
    }

    static void run(Comm comm, Path out, int threads, int n, double tEnd, Path restart) {
        Checkpoint.Meta meta = new Checkpoint.Meta(1, 1.0 / 64, 1.0 / 16, -0.25, 17, "king W0=6 kroupa", "henon");
        ParticleState s = new ParticleState(n);
        if (comm.isRoot()) {
            ParticleState built = restart == null
                    ? ClusterIcs.king(n, 6, new KroupaImf(0.1, 20), 17).state()
                    : Checkpoint.read(restart).state();
            double[][] src = built.columns();
            double[][] dst = s.columns();
            for (int k = 0; k < src.length; k++) {
                System.arraycopy(src[k], 0, dst[k], 0, n);
            }
        }
        for (double[] col : s.columns()) {
            comm.bcast(col, 0, n, 0); // collective
        }
        HermiteEngine e;
        if (restart == null) {
            e = HermiteEngine.start(
                    comm, s, new HermiteParams(1, 1.0 / 64, 0.02, 0.01, 1.0 / 16, 40), threads); // collective
            e.advanceTo(tEnd / 2); // collective
            Checkpoint.write(out.resolve("mid-r" + comm.rank() + ".bin"), s, meta, e.state());
        } else {
            // Every rank reads the Hermite section itself (same file, same bits); particles came by bcast.
            e = HermiteEngine.restore(comm, s, Checkpoint.read(restart).hermite(), threads);
        }
        double e0 = e.diagnostics().energy(); // collective
        e.advanceTo(tEnd); // collective
        double e1 = e.diagnostics().energy(); // collective
        Checkpoint.write(out.resolve("final-r" + comm.rank() + ".bin"), s, meta, e.state());
        if (comm.isRoot()) {
            long steps = java.util.Arrays.stream(e.stepsPerLevel()).sum();
            System.out.printf(
                    "ranks %d threads %d blocks %d energy_drift %.3e mean_active %.1f compute_s %.3f comm_s %.3f%n",
                    comm.size(),
                    threads,
                    e.blocks(),
                    Math.abs((e1 - e0) / e0),
                    (double) steps / e.blocks(),
                    e.computeSeconds(),
                    e.commSeconds());
        }
        e.close();
    }
}

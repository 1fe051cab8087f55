package org.orrery.apps.nbody;

import java.util.Locale;
import org.orrery.analysis.ClusterDiagnostics;
import org.orrery.model.ParticleState;
import org.orrery.physics.gravity.Diagnostics;

/**
 * One row of a Hermite run's {@code diagnostics.csv}: time, blocks, energies and the relative energy error, the virial
 * ratio 2K/|W| (softened W), the Lagrangian radii enclosing 1, 10, 50 and 90 % of the mass about the density centre,
 * the density centre, core radius and core density of Casertano &amp; Hut (1985, 6th-nearest-neighbour densities), and
 * the particle steps per block level so far (level L: step &Delta;<sub>max</sub>/2<sup>L</sup>), written as
 * {@code L:count} pairs separated by {@code ;} in one column.
 */
final class HermiteDiagnostics {
    static final String HEADER =
            "time,blocks,kinetic,potential,energy,rel_energy_error,virial_ratio,r_lag_1,r_lag_10,r_lag_50,"
                    + "r_lag_90,core_x,core_y,core_z,core_radius,core_density,steps_per_level";

    private HermiteDiagnostics() {}

    /**
     * A row.
     *
     * @param time simulated time
     * @param blocks block steps so far
     * @param kinetic K
     * @param potential W (softened)
     * @param relEnergyError E/E<sub>0</sub> &minus; 1
     * @param virialRatio 2K/|W|
     * @param lagrangian radii of 1, 10, 50, 90 % of the mass about the density centre
     * @param core CH85 density centre, core radius and density
     * @param stepsPerLevel particle steps per level so far
     */
    record Row(
            double time,
            long blocks,
            double kinetic,
            double potential,
            double relEnergyError,
            double virialRatio,
            double[] lagrangian,
            ClusterDiagnostics.Core core,
            long[] stepsPerLevel) {
        double energy() {
            return kinetic + potential;
        }

        String csv() {
            double[] l = lagrangian;
            return String.format(
                    Locale.ROOT,
                    "%.17g,%d,%.17g,%.17g,%.17g,%.6e,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%s",
                    time,
                    blocks,
                    kinetic,
                    potential,
                    energy(),
                    relEnergyError,
                    virialRatio,
                    l[0],
                    l[1],
                    l[2],
                    l[3],
                    core.x(),
                    core.y(),
                    core.z(),
                    core.radius(),
                    core.density(),
                    levels(stepsPerLevel));
        }
    }

    /** The row of a synchronised state (rank 0). */
    static Row row(Diagnostics.Values d, ParticleState s, double e0, long[] stepsPerLevel, long blocks) {
        ClusterDiagnostics.Core core = s.n > ClusterDiagnostics.CH_NEIGHBOUR
                ? ClusterDiagnostics.core(s)
                : new ClusterDiagnostics.Core(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double[] lag = s.n > ClusterDiagnostics.CH_NEIGHBOUR
                ? ClusterDiagnostics.lagrangianRadii(
                        s, core.x(), core.y(), core.z(), ClusterDiagnostics.lagrangeFractions())
                : ClusterDiagnostics.lagrangianRadiiAboutCentreOfMass(s);
        return new Row(
                d.time(),
                blocks,
                d.kinetic(),
                d.potential(),
                (d.energy() - e0) / e0,
                d.virialRatio(),
                lag,
                core,
                stepsPerLevel.clone());
    }

    /** {@code L:count} for every level with steps, joined by {@code ;}. */
    static String levels(long[] stepsPerLevel) {
        StringBuilder b = new StringBuilder();
        for (int l = 0; l < stepsPerLevel.length; l++) {
            if (stepsPerLevel[l] != 0) {
                b.append(b.length() == 0 ? "" : ";").append(l).append(':').append(stepsPerLevel[l]);
            }
        }
        return b.toString();
    }

    /** Time, r_lag 1/10/50/90 and the core radius of a CSV row (for the plot of a restarted run's earlier rows). */
    static double[] plotValues(String csvRow) {
        String[] f = csvRow.split(",", -1);
        return new double[] {
            Double.parseDouble(f[0]),
            Double.parseDouble(f[7]),
            Double.parseDouble(f[8]),
            Double.parseDouble(f[9]),
            Double.parseDouble(f[10]),
            Double.parseDouble(f[14])
        };
    }

    /** The plot values of a row. */
    static double[] plotValues(Row r) {
        double[] l = r.lagrangian();
        return new double[] {r.time(), l[0], l[1], l[2], l[3], r.core().radius()};
    }
}

package org.orrery.apps.nbody;

import picocli.CommandLine.Option;

/**
 * The options of {@code nbody --integrator hermite} (a picocli mixin of {@link NBodyCommand}): the integrator,
 * Aarseth's accuracy parameters, the largest block step, the King model's W<sub>0</sub> and the mass function. Raw
 * values only; {@link HermiteConfig} validates them.
 */
public final class HermiteOptions {
    /** The integrators. */
    public enum Integrator {
        leapfrog,
        hermite
    }

    /** Mass functions. */
    public enum Imf {
        none,
        kroupa
    }

    @Option(
            names = "--integrator",
            paramLabel = "I",
            description = "${COMPLETION-CANDIDATES}: fixed-step kick-drift-kick leapfrog (default) or "
                    + "4th-order Hermite with block time steps (G = 1; --ic king, plummer, uniform or kepler).")
    Integrator integrator;

    @Option(
            names = "--eta",
            paramLabel = "ETA",
            description = "Hermite: Aarseth's accuracy parameter, > 0 (default 0.02).")
    Double eta;

    @Option(
            names = "--eta-s",
            paramLabel = "ETA_S",
            description = "Hermite: starting-step parameter of dt0 = eta_s |a|/|jerk|, > 0 (default 0.01).")
    Double etaS;

    @Option(
            names = "--dt-max",
            paramLabel = "DT",
            description = "Hermite: largest block step, a power of two (default 1/16); diagnostics, "
                    + "snapshot and checkpoint cadences (--diag-every, --snap-every, --checkpoint-every) "
                    + "count these steps.")
    Double dtMax;

    @Option(names = "--w0", paramLabel = "W0", description = "Central potential of --ic king, in (0, 16] (default 6).")
    Double w0;

    @Option(
            names = "--imf",
            paramLabel = "IMF",
            description = "Mass function for --ic king/plummer: ${COMPLETION-CANDIDATES} (default none: equal masses; "
                    + "kroupa: Kroupa 2001 between --m-min and --m-max, total mass scaled to 1).")
    Imf imf;

    @Option(
            names = "--m-min",
            paramLabel = "M",
            description = "Lower mass limit of --imf kroupa in solar masses, > 0 (default 0.08).")
    Double mMin;

    @Option(
            names = "--m-max",
            paramLabel = "M",
            description = "Upper mass limit of --imf kroupa in solar masses, > --m-min (default 100).")
    Double mMax;

    /** True when {@code --integrator hermite} was given. */
    public boolean hermite() {
        return integrator == Integrator.hermite;
    }
}

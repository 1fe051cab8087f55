package org.orrery.apps.nbody;

import java.nio.file.Path;
import org.orrery.apps.nbody.NBodyConfig.Ic;
import org.orrery.apps.nbody.NBodyConfig.Units;
import org.orrery.model.UserError;
import org.orrery.physics.ics.KingModel;

/**
 * The Hermite part of an {@code nbody} run, validated (messages name the options). A {@code null} accuracy parameter
 * was not given: a fresh run uses the default, a restart the checkpoint's (a value given with {@code --restart} must
 * equal it, checked in {@link HermiteSetup}).
 *
 * <p>Rules: the Hermite options need {@code --integrator hermite}; {@code --ic king} and {@code --imf} need it too (the
 * leapfrog run keeps its own initial conditions); Hermite runs take {@code --ic king}, {@code plummer} (the default),
 * {@code uniform} (the teaching problem, G = 1) or {@code kepler} in H&eacute;non units, end at {@code --t-end} (a
 * multiple of {@code --dt-max}) rather than after {@code --steps}, and have no {@code --dt} (the steps are chosen by
 * Aarseth's criterion).
 *
 * @param hermite true for {@code --integrator hermite}
 * @param eta Aarseth's accuracy parameter, or null (default/checkpoint)
 * @param etaS starting-step parameter, or null
 * @param dtMax largest block step (a power of two), or null
 * @param w0 King central potential (resolved: 6)
 * @param kroupa masses from the Kroupa (2001) IMF
 * @param mMin lower IMF limit in solar masses (resolved: 0.08)
 * @param mMax upper IMF limit in solar masses (resolved: 100)
 */
public record HermiteConfig(
        boolean hermite, Double eta, Double etaS, Double dtMax, double w0, boolean kroupa, double mMin, double mMax) {
    /** Default Aarseth accuracy parameter. */
    public static final double DEFAULT_ETA = 0.02;
    /** Default starting-step parameter. */
    public static final double DEFAULT_ETA_S = 0.01;
    /** Default largest block step. */
    public static final double DEFAULT_DT_MAX = 1.0 / 16;
    /** Default King W0. */
    public static final double DEFAULT_W0 = 6;

    /**
     * Validates the Hermite options against the rest of the command line (the raw values, before {@link NBodyConfig}
     * resolves its defaults).
     */
    public static HermiteConfig of(
            HermiteOptions o, Ic ic, Path input, Double dt, Long steps, Units units, Path restart) {
        boolean hermite = o.hermite();
        if (!hermite) {
            String only = o.eta != null
                    ? "--eta"
                    : o.etaS != null
                            ? "--eta-s"
                            : o.dtMax != null
                                    ? "--dt-max"
                                    : o.w0 != null
                                            ? "--w0"
                                            : o.imf != null
                                                    ? "--imf"
                                                    : o.mMin != null
                                                            ? "--m-min"
                                                            : o.mMax != null
                                                                    ? "--m-max"
                                                                    : ic == Ic.king ? "--ic king" : null;
            if (only != null) {
                throw new UserError(only + " applies to --integrator hermite only");
            }
            return new HermiteConfig(false, null, null, null, DEFAULT_W0, false, 0.08, 100);
        }
        if (input != null) {
            throw new UserError(
                    "--integrator hermite starts from --ic king, plummer, uniform or kepler, or from --restart; "
                            + "--input is read by the leapfrog integrator only");
        }
        if (ic == Ic.file) {
            throw new UserError("--integrator hermite takes --ic king, plummer, uniform or kepler, got --ic " + ic);
        }
        if (dt != null) {
            throw new UserError(
                    "--dt is the leapfrog step; --integrator hermite chooses its steps (set --eta and --dt-max)");
        }
        if (steps != null) {
            throw new UserError("--steps counts leapfrog steps; give --t-end for --integrator hermite");
        }
        if (units == Units.si) {
            throw new UserError("--integrator hermite runs in Henon units; --units si does not apply");
        }
        positive("--eta", o.eta);
        positive("--eta-s", o.etaS);
        if (o.dtMax != null
                && (!(o.dtMax > 0)
                        || !Double.isFinite(o.dtMax)
                        || Math.scalb(1.0, Math.getExponent(o.dtMax)) != o.dtMax)) {
            throw new UserError("--dt-max must be a power of two (e.g. 0.0625 or 1), got " + o.dtMax);
        }
        if (o.w0 != null && ic != Ic.king) {
            throw new UserError("--w0 applies to --ic king only");
        }
        double w0 = o.w0 != null ? o.w0 : DEFAULT_W0;
        if (!(w0 > 0 && w0 <= KingModel.MAX_W0)) {
            throw new UserError("--w0 must be in (0, " + (int) KingModel.MAX_W0 + "] (King models), got " + w0);
        }
        boolean kroupa = o.imf == HermiteOptions.Imf.kroupa;
        if ((o.mMin != null || o.mMax != null) && !kroupa) {
            throw new UserError((o.mMin != null ? "--m-min" : "--m-max") + " applies to --imf kroupa only");
        }
        if (kroupa && restart != null) {
            throw new UserError(
                    "--restart continues a run from its checkpoint; --imf (initial conditions) cannot be given with "
                            + "it");
        }
        if (kroupa && (ic == Ic.kepler || ic == Ic.uniform)) {
            throw new UserError("--imf kroupa applies to --ic king or plummer");
        }
        double mMin = o.mMin != null ? o.mMin : 0.08;
        double mMax = o.mMax != null ? o.mMax : 100;
        positive("--m-min", mMin);
        positive("--m-max", mMax);
        if (!(mMin < mMax)) {
            throw new UserError("--m-min " + mMin + " must be below --m-max " + mMax);
        }
        return new HermiteConfig(true, o.eta, o.etaS, o.dtMax, w0, kroupa, mMin, mMax);
    }

    private static void positive(String what, Double v) {
        if (v != null && (!(v > 0) || !Double.isFinite(v))) {
            throw new UserError(what + " must be a positive number, got " + v);
        }
    }

    /** η, or the default. */
    public double etaOrDefault() {
        return eta != null ? eta : DEFAULT_ETA;
    }

    /** η_s, or the default (never above η). */
    public double etaSOrDefault() {
        return etaS != null ? etaS : Math.min(DEFAULT_ETA_S, etaOrDefault());
    }

    /** Δ_max, or the default. */
    public double dtMaxOrDefault() {
        return dtMax != null ? dtMax : DEFAULT_DT_MAX;
    }
}

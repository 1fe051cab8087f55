package org.orrery.apps.amdahl;

import java.util.Arrays;
import org.orrery.model.UserError;

/**
 * The Amdahl chart to draw: serial fractions f and the largest processor count.
 *
 * @param fractions serial fractions, each in [0, 1), at least one
 * @param pMax largest processor count, 2 &hellip; 2<sup>24</sup>; p = 1, 2, 4, &hellip; &le; pMax are tabulated
 */
public record AmdahlConfig(double[] fractions, int pMax) {
    /** The largest --p-max accepted (the table has at most 25 rows). */
    public static final int P_MAX_LIMIT = 1 << 24;

    public AmdahlConfig {
        if (fractions.length == 0) {
            throw new UserError("--f needs at least one value");
        }
        for (double f : fractions) {
            if (!(f >= 0 && f < 1)) {
                throw new UserError("--f values must be in [0, 1), got " + f);
            }
        }
        if (pMax < 2 || pMax > P_MAX_LIMIT) {
            throw new UserError("--p-max must be in 2.." + P_MAX_LIMIT + ", got " + pMax);
        }
        fractions = fractions.clone();
    }

    @Override
    public double[] fractions() {
        return fractions.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AmdahlConfig c && Arrays.equals(fractions, c.fractions) && pMax == c.pMax;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(fractions) + pMax;
    }

    @Override
    public String toString() {
        return "AmdahlConfig[fractions=" + Arrays.toString(fractions) + ", pMax=" + pMax + "]";
    }
}

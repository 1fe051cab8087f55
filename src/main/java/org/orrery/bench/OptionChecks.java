package org.orrery.bench;

import java.util.List;
import org.orrery.model.UserError;

/** Checks the benchmark commands' {@code Options} records share; messages name the option. */
final class OptionChecks {
    private OptionChecks() {}

    /** Every value of a list option must be at least 1. */
    static void positive(int[] values, String option) {
        for (int x : values) {
            if (x < 1) {
                throw new UserError(option + " values must be >= 1, got " + x);
            }
        }
    }

    /** As {@link #positive(int[], String)}. */
    static void positive(List<Integer> values, String option) {
        positive(values.stream().mapToInt(Integer::intValue).toArray(), option);
    }
}

package org.orrery.apps.commcheck;

import org.orrery.model.UserError;

/**
 * What {@code commcheck} checks: {@code items} items of 3 values each through the v-collectives, {@code repeat} times.
 * Every rank builds it from the same arguments.
 *
 * @param items items for allGatherv and gatherv (3 values each), &ge; 1
 * @param repeat repetitions of the v-collectives, &ge; 1
 */
public record CommCheckConfig(int items, int repeat) {
    /** 65536 items of 3 doubles at np 2: the size that corrupts memory with Java arrays in Open MPI's bindings. */
    public static final int DEFAULT_ITEMS = 65536;

    public static final int DEFAULT_REPEAT = 5;

    public CommCheckConfig {
        if (items < 1) {
            throw new UserError("--items must be >= 1, got " + items);
        }
        if (repeat < 1) {
            throw new UserError("--repeat must be >= 1, got " + repeat);
        }
    }
}

package org.orrery.apps.farm;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The JVM's peak heap use while a farm runs: the sum over heap memory pools (eden, survivor, old
 * generation) of each pool's peak used bytes since {@link #reset}. The pools peak at different
 * moments, so the sum is an upper bound of the true peak; it is what the garbage collector had to
 * find room for, the figure that shows a rank's memory bounded by a few images whatever the file
 * size.
 */
final class FarmMemory {
    private FarmMemory() {
    }

    /** Starts a new peak (every heap pool's peak := its current use). */
    static void reset() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.isValid()) {
                p.resetPeakUsage();
            }
        }
    }

    /** Σ over heap pools of the peak used bytes since {@link #reset}. */
    static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.isValid()) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}

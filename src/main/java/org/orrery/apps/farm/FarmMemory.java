package org.orrery.apps.farm;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The JVM's heap use while a farm runs, two figures per rank:
 *
 * <ul>
 *   <li>{@link #peakHeapBytes}: the sum over heap memory pools (eden, survivor, old generation) of each pool's peak
 *       used bytes since {@link #start} — an upper bound of the peak, which the JVM lets grow towards -Xmx before it
 *       collects, so it mostly shows the heap limit was respected;
 *   <li>{@link #peakLiveBytes}: the largest heap use right after a full (major) garbage collection since {@link #start}
 *       (GC notifications; a young collection leaves dead old-generation objects counted) — what was really held
 *       (images being read, computed, written), the figure that shows a rank's memory bounded by a few images whatever
 *       the file size. 0 when no full collection happened (the heap never filled).
 * </ul>
 */
final class FarmMemory {
    private static final AtomicLong LIVE = new AtomicLong();
    private static final NotificationListener LISTENER = FarmMemory::collected;
    private static boolean registered;

    private FarmMemory() {}

    /** Starts new peaks (every heap pool's peak := its current use; the live peak := 0). */
    static synchronized void start() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.isValid()) {
                p.resetPeakUsage();
            }
        }
        LIVE.set(0);
        if (!registered) {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter e) {
                    e.addNotificationListener(LISTENER, null, null);
                }
            }
            registered = true;
        }
    }

    /** Σ over heap pools of the peak used bytes since {@link #start}. */
    static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.isValid()) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** The largest heap use after a full garbage collection since {@link #start} (bytes). */
    static long peakLiveBytes() {
        return LIVE.get();
    }

    private static void collected(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        if (!info.getGcAction().contains("major")) {
            return;
        }
        Set<String> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        long used = 0;
        for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heap.contains(e.getKey())) {
                MemoryUsage u = e.getValue();
                used += u.getUsed();
            }
        }
        LIVE.accumulateAndGet(used, Math::max);
    }
}

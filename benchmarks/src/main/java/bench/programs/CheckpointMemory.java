package bench.programs;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * What a checkpoint needs on top of the live heap: the rise of the peak usage of the heap's
 * long-lived pools (G1's old generation, where its humongous arrays such as the reference table
 * go) over their usage just before the checkpoint. Short-lived garbage, which the young
 * collections sweep as the write goes, is left out: it does not decide whether a heap of H fits
 * into a given -Xmx; what the checkpoint keeps alive for its whole length does.
 *
 * <p>Static methods returning primitives, so that no MXBean is ever among the checkpointed
 * program's locals.
 */
public final class CheckpointMemory {

    private CheckpointMemory() {
    }

    /**
     * Collects the garbage (what an earlier checkpoint left would count as live otherwise), resets
     * the peaks and returns the long-lived pools' usage: the live heap, in bytes.
     */
    public static long resetPeaks() {
        System.gc();
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (longLived(pool)) {
                pool.resetPeakUsage();
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    /** The long-lived pools' peak usage since {@link #resetPeaks}, less {@code before}, in bytes. */
    public static long peakAbove(long before) {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (longLived(pool)) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return Math.max(0, peak - before);
    }

    /** The CPU time of every thread of this JVM so far (writer, output thread, collector), in ns. */
    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static boolean longLived(MemoryPoolMXBean pool) {
        String name = pool.getName();
        return pool.getType() == MemoryType.HEAP && !name.contains("Eden") && !name.contains("Survivor");
    }
}

package dev.stasis.internal.coordinator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The checkpoint point the rewriter puts at the entry of every {@code @Checkpoint} method, with the
 * annotation's policy: a checkpoint at every N-th entry, and not sooner than M ms after the last.
 */
public final class CheckpointPoint {

    /** Per annotated method: entries seen and the time of its last checkpoint. */
    private static final class Policy {
        long entries;
        long lastNanos;
        boolean taken;
    }

    private static final Map<String, Policy> POLICIES = new ConcurrentHashMap<>();

    private CheckpointPoint() {
    }

    /** Called at the entry of a {@code @Checkpoint(every, minIntervalMillis)} method. */
    public static void reached(String method, int every, long minIntervalMillis) {
        if (Coordinator.resumeEndsHere()) {
            return;
        }
        Policy p = POLICIES.computeIfAbsent(method, k -> new Policy());
        long now = System.nanoTime();
        synchronized (p) {
            p.entries++;
            if (every > 1 && p.entries % every != 0) {
                return;
            }
            if (minIntervalMillis > 0 && p.taken && now - p.lastNanos < minIntervalMillis * 1_000_000L) {
                return;
            }
            p.taken = true;
            p.lastNanos = now;
        }
        Coordinator.checkpoint();
    }
}

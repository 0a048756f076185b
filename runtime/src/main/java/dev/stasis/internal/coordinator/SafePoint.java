package dev.stasis.internal.coordinator;

/**
 * The safe point the rewriter polls at loop heads and method entries. {@code pending} is read on
 * every poll: volatile, so the JIT cannot hoist the read out of a loop that makes no calls (which
 * would keep such a loop from ever seeing a request).
 */
public final class SafePoint {

    /** True while a checkpoint request waits, or while {@code at=N} counts safe points. */
    public static volatile boolean pending;

    private SafePoint() {
    }

    /** Called by a poll that saw {@link #pending}. */
    public static void reached() {
        Coordinator.safePointReached();
    }
}

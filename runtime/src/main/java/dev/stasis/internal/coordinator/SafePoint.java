package dev.stasis.internal.coordinator;

/**
 * The safe point the rewriter polls at loop heads and method entries. Loop heads read
 * {@code pending}, which is volatile so the JIT cannot hoist the read out of a loop that makes no
 * calls (which would keep such a loop from ever seeing a request). Method entries read the plain
 * copy {@code entry}: a call re-reads it anyway, and a volatile read at every call would keep the
 * JIT from optimizing across it (measured: recursive fib 1.4x slower); once inlined into a loop,
 * the loop head's volatile read orders it (a load cannot move above an acquiring load).
 */
public final class SafePoint {

    /** True while a checkpoint request waits, while {@code at=N} counts safe points, or while resuming. */
    public static volatile boolean pending;
    /** The same flag, read without ordering at method entries. */
    public static boolean entry;

    private SafePoint() {
    }

    /** Sets both flags; the volatile write publishes the plain one to other threads. */
    public static void raise(boolean value) {
        entry = value;
        pending = value;
    }

    /** Called by a poll that saw {@link #pending}. */
    public static void reached() {
        Coordinator.safePointReached();
    }
}

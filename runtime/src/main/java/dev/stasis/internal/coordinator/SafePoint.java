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
    /**
     * The same flag, read without ordering at method entries; lowered for a few milliseconds at a
     * time while a request waits for a thread that cannot be captured ({@link #dimEntries}), as
     * {@code pending} is too once the request has waited long.
     */
    public static boolean entry;

    /** Threads between the start and the end of their resume; while there are any the flags stay up. */
    private static int resuming;

    private SafePoint() {
    }

    /**
     * Sets both flags; the volatile write publishes the plain one to other threads. Lowering them
     * is refused while a thread resumes: its frames' prologues must see the flag to dispatch. The
     * callers decide to lower from state other threads change (a resume that starts right after
     * another thread read {@code Resume.active} as false), so the check is made here, under the
     * same lock as {@link #resumeStarted}.
     */
    public static synchronized void raise(boolean value) {
        boolean up = value || resuming > 0;
        entry = up;
        pending = up;
    }

    /**
     * Lowers the method-entry flag while a request waits, and with {@code loopsToo} the loop
     * heads' flag as well (see {@code Coordinator.dimEntries}); refused (false) while a thread
     * resumes, whose prologues must see the flag, or when no flag is up.
     */
    static synchronized boolean dimEntries(boolean loopsToo) {
        if (resuming > 0 || !pending) {
            return false;
        }
        entry = false;
        if (loopsToo) {
            pending = false;
        }
        return true;
    }

    /** A thread starts re-entering its frames: the flags go up and stay up until it is done. */
    public static synchronized void resumeStarted() {
        resuming++;
        raise(true);
    }

    /** A thread has re-entered all its frames; the next safe point without a request lowers the flags. */
    public static synchronized void resumeEnded() {
        resuming--;
    }

    /** Called by a poll that saw {@link #pending}. */
    public static void reached() {
        Coordinator.safePointReached();
    }
}

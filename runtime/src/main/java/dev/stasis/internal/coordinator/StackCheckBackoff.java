package dev.stasis.internal.coordinator;

/**
 * How often a thread looks at its stack again while a checkpoint is pending and its stack could
 * not be captured (a frame of code that is not instrumented lies under it: a JDK method calling
 * back into the application, a method left as it was). Walking the stack at every safe point would
 * slow such a thread many times over for as long as the request waits, which with {@code interval=}
 * can be most of the run; instead the thread looks again after a delay that doubles from 10 µs to
 * 1 ms, so the checkpoint is taken at most about a millisecond after the thread gets out of that
 * frame (a request whose program ends within that millisecond is not taken: the program is over).
 * With {@code at=N}, which promises the first capturable safe point from the N-th on, there is no
 * backing off.
 */
final class StackCheckBackoff {

    private static final long FIRST_DELAY_NANOS = 10_000;
    private static final long MAX_DELAY_NANOS = 1_000_000;
    /** Per thread: {when to look again (System.nanoTime), the current delay; 0 when not backing off}. */
    private static final ThreadLocal<long[]> STATE = ThreadLocal.withInitial(() -> new long[2]);

    private StackCheckBackoff() {
    }

    /** Whether the current thread should walk its stack at this safe point. */
    static boolean due() {
        long[] s = STATE.get();
        return s[1] == 0 || System.nanoTime() - s[0] >= 0;
    }

    /** The current thread's stack could not be captured: wait longer before the next look. */
    static void notCapturable() {
        long[] s = STATE.get();
        s[1] = s[1] == 0 ? FIRST_DELAY_NANOS : Math.min(MAX_DELAY_NANOS, s[1] * 2);
        s[0] = System.nanoTime() + s[1];
    }

    /** The current thread's stack could be captured: look at every safe point again. */
    static void capturable() {
        STATE.get()[1] = 0;
    }
}

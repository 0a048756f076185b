package dev.stasis.internal.coordinator;

/**
 * How often a thread looks at its stack again while a checkpoint is pending and its stack could
 * not be captured (a frame of code that is not instrumented lies under it: a JDK method calling
 * back into the application, a method left as it was). Walking the stack at every safe point would
 * slow such a thread many times over for as long as the request waits, which with {@code interval=}
 * can be most of the run; instead the thread looks again after a delay that doubles from 10 µs to
 * 1 ms (or 20 times as long as its last look took, if that is longer), so the checkpoint is taken
 * about a millisecond after the thread gets out of that frame (a request whose program ends
 * within that delay is not taken: the program is over).
 * With {@code at=N}, which promises the first capturable safe point from the N-th on, there is no
 * backing off.
 */
final class StackCheckBackoff {

    private static final long FIRST_DELAY_NANOS = 10_000;
    private static final long MAX_DELAY_NANOS = 1_000_000;
    private static final int MAX_SKIPPED_POLLS = 1024;
    /**
     * Per thread: {when to look again (System.nanoTime), the current delay (0 when not backing
     * off), polls left before the clock is read again, how many polls to skip next time}. An
     * interpreter polls at each of its instructions, so even the clock, read at every poll, cost
     * as much as the instruction: the clock is read at one poll in a number that doubles (up to
     * 1024) while the delay is not over, and halves when it is found over.
     */
    private static final ThreadLocal<long[]> STATE = ThreadLocal.withInitial(() -> new long[4]);

    private StackCheckBackoff() {
    }

    /** Whether the current thread should walk its stack at this safe point. */
    static boolean due() {
        long[] s = STATE.get();
        if (s[1] == 0) {
            return true;
        }
        if (--s[2] > 0) {
            return false;
        }
        if (System.nanoTime() - s[0] >= 0) {
            s[3] = Math.max(1, s[3] / 2);
            return true;
        }
        s[3] = Math.min(MAX_SKIPPED_POLLS, Math.max(1, s[3] * 2));
        s[2] = s[3];
        return false;
    }

    /**
     * The current thread's stack could not be captured, a look that took {@code lookNanos}: wait
     * longer before the next look, and at least 20 times that long, so that a thread with a deep
     * stack (an interpreter's recursion, where one look can take most of a millisecond) spends no
     * more than about a twentieth of its time looking.
     */
    static void notCapturable(long lookNanos) {
        long[] s = STATE.get();
        s[1] = Math.max(20 * lookNanos, s[1] == 0 ? FIRST_DELAY_NANOS : Math.min(MAX_DELAY_NANOS, s[1] * 2));
        s[0] = System.nanoTime() + s[1];
        s[2] = s[3];
    }

    /** The current thread's stack could be captured: look at every safe point again. */
    static void capturable() {
        long[] s = STATE.get();
        s[1] = 0;
        s[3] = 0;
    }
}

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
 *
 * <p>Reading the clock at every safe point cost such a thread more than anything else: a hot loop
 * in a stream's lambda (a genetic algorithm's fitness function) passes a safe point every few
 * nanoseconds, and ran three to four times slower for as long as a request waited. So a thread
 * backing off reads the clock only at one safe point in {@code n}, where {@code n} follows the
 * pace of its safe points: doubled (up to {@link #MAX_SKIP}) while they come faster than one per
 * {@link #CLOCK_NANOS} per read, halved when they come slower. A thread whose safe points come
 * rarely reads it at each of them, so a thread that leaves the frame and passes only a few more
 * safe points still looks; one leaving a hot loop looks within {@code MAX_SKIP} safe points.
 */
final class StackCheckBackoff {

    private static final long FIRST_DELAY_NANOS = 10_000;
    private static final long MAX_DELAY_NANOS = 1_000_000;
    /** About how often a thread backing off reads the clock. */
    private static final long CLOCK_NANOS = 10_000;
    /** The most safe points passed between two reads of the clock. */
    private static final int MAX_SKIP = 64;

    /** One thread's state: mutated only by that thread. */
    private static final class State {
        /** When to look again (System.nanoTime). */
        long lookAt;
        /** The current delay; 0 when not backing off. */
        long delay;
        /** When the clock was last read. */
        long clockReadAt;
        /** Safe points left before the next read of the clock. */
        int untilClock;
        /** Safe points between two reads of the clock. */
        int skip = 1;
    }

    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

    private StackCheckBackoff() {
    }

    /** Whether the current thread should walk its stack at this safe point. */
    static boolean due() {
        State s = STATE.get();
        if (s.delay == 0) {
            return true;
        }
        if (--s.untilClock > 0) {
            return false;
        }
        long now = System.nanoTime();
        long since = now - s.clockReadAt;
        if (since < CLOCK_NANOS / 2) {
            s.skip = Math.min(MAX_SKIP, s.skip * 2);
        } else if (since > CLOCK_NANOS * 2) {
            s.skip = Math.max(1, s.skip / 2);
        }
        s.clockReadAt = now;
        s.untilClock = s.skip;
        return now - s.lookAt >= 0;
    }

    /** The current thread's stack could not be captured: wait longer before the next look. */
    static void notCapturable() {
        State s = STATE.get();
        long now = System.nanoTime();
        s.delay = s.delay == 0 ? FIRST_DELAY_NANOS : Math.min(MAX_DELAY_NANOS, s.delay * 2);
        s.lookAt = now + s.delay;
        s.clockReadAt = now;
        s.untilClock = s.skip;
    }

    /** The current thread's stack could be captured: look at every safe point again. */
    static void capturable() {
        State s = STATE.get();
        s.delay = 0;
        s.skip = 1;
    }
}

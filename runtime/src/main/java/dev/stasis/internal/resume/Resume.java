package dev.stasis.internal.resume;

import dev.stasis.Stasis;
import dev.stasis.internal.capture.FrameRecord;
import dev.stasis.internal.coordinator.SafePoint;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Re-entering captured frames. Every instrumented method tests {@code Resume.active} at its entry
 * (or where its pure prefix ends, see {@link CallArguments}); while some thread is resuming, that
 * test sends it to {@link #enter}, which hands the frame its
 * record when the current thread is the one resuming, and null otherwise. The frame reloads its
 * locals, re-enters its monitors and re-issues the call it was executing; the callee does the
 * same, up to the checkpoint point, which ends the resume.
 */
public final class Resume {

    /**
     * True while any thread is resuming. Rewritten methods test it only when the safe-point flag
     * is set, which {@link #begin} also sets, so the normal path pays a single read for both.
     */
    public static boolean active;

    private static final ThreadLocal<ResumingThread> CURRENT = new ThreadLocal<>();
    /** Threads not started yet that will re-enter frames: each takes its own when it enters its base frame. */
    private static final Map<Thread, ResumingThread> PREPARED = new ConcurrentHashMap<>();
    /**
     * Threads between the start and the end of their resume, counted under this class's lock with
     * {@link #active}: decided and written apart, a thread ending its resume could lower the flag
     * right after another raised it, whose frames would then run from their start.
     */
    private static int resuming;
    /** Threads that began, or were prepared, to re-enter frames and have not re-entered them all. */
    private static final Map<Thread, ResumingThread> UNFINISHED = new ConcurrentHashMap<>();

    private Resume() {
    }

    /**
     * Makes the current thread re-enter these frames, the base frame's method being called next;
     * it goes on past its checkpoint point once every thread of {@code group} has re-entered its own.
     */
    public static void begin(List<FrameRecord> framesBaseFirst, Stasis.Outcome outcome, ResumeGroup group) {
        ResumingThread t = new ResumingThread(framesBaseFirst, outcome, group, null);
        CURRENT.set(t);
        UNFINISHED.put(Thread.currentThread(), t);
        started();
    }

    /**
     * Makes {@code thread}, not started yet, re-enter these frames once started: its base frame's
     * method is the first instrumented method it calls. It runs {@code onStart} first.
     */
    public static void prepare(Thread thread, List<FrameRecord> framesBaseFirst, Stasis.Outcome outcome,
            ResumeGroup group, Runnable onStart) {
        ResumingThread t = new ResumingThread(framesBaseFirst, outcome, group, onStart);
        PREPARED.put(thread, t);
        UNFINISHED.put(thread, t);
        started();
    }

    /**
     * Marks {@code threads} as not having re-entered their {@code frames} (in the same order) yet,
     * before each begins to: a {@link RebuildFailure} watch started first must not take them for done.
     */
    public static void expect(List<Thread> threads, List<List<FrameRecord>> frames) {
        for (int k = 0; k < threads.size(); k++) {
            UNFINISHED.put(threads.get(k), new ResumingThread(frames.get(k), null, null, null));
        }
    }

    private static void started() {
        synchronized (Resume.class) {
            resuming++;
            active = true;
        }
        SafePoint.resumeStarted();
    }

    /**
     * Called from an instrumented method's prologue: this frame's record, or null when not resuming
     * or when the JVM entered the method on its own in the middle of the resume ({@link ImplicitEntry}).
     */
    public static FrameRecord enter(String method) {
        ResumingThread t = CURRENT.get();
        if (t == null) {
            t = PREPARED.remove(Thread.currentThread());
            if (t == null) {
                return null;
            }
            CURRENT.set(t);
            if (t.onStart != null) {
                t.onStart.run();
            }
        }
        if (t.atTop()) {
            return null;
        }
        FrameRecord r = t.frames.get(t.next);
        if (!r.method().equals(method)) {
            if (ImplicitEntry.test(t.next == 0 ? null : t.frames.get(t.next - 1).method())) {
                return null;
            }
            throw new IllegalStateException("stasis: resuming frame " + t.next + " expected " + r.method()
                    + " but entered " + method + "; the application's code differs from the checkpoint's");
        }
        t.next++;
        r.rewind();
        return r;
    }

    /** Like {@link #enter}, for code that is only ever reached while resuming. */
    public static FrameRecord enterRequired(String method) {
        FrameRecord r = enter(method);
        if (r == null) {
            throw new IllegalStateException("stasis: " + method + " entered for a resume, but no resume is in progress");
        }
        return r;
    }

    /**
     * For a constructor's restore-only copy: its record, or null when its frame was not recorded
     * because it waited in super(...) below a captured superclass constructor, whose record is next.
     */
    public static FrameRecord enterConstructor(String method) {
        ResumingThread t = CURRENT.get();
        if (t != null && !t.atTop() && !t.frames.get(t.next).method().equals(method)
                && t.frames.get(t.next).isInitializedConstructor()) {
            return null;
        }
        return enterRequired(method);
    }

    /** The record of the next frame the current thread enters, or null when it is not resuming or is at its top. */
    static FrameRecord nextRecord() {
        ResumingThread t = CURRENT.get();
        return t == null || t.atTop() ? null : t.frames.get(t.next);
    }

    /** The {@code this} of the next frame to enter: the receiver of the call being re-issued. */
    public static Object calleeThis() {
        ResumingThread t = CURRENT.get();
        return t.frames.get(t.next).firstRef();
    }

    /**
     * For a constructor call being re-issued: the object when the constructor being resumed had
     * already returned from its super(...) call (the object exists and may be referenced elsewhere,
     * so it must be continued, not allocated again), or null when it must be allocated afresh.
     */
    public static Object constructedObject() {
        ResumingThread t = CURRENT.get();
        FrameRecord callee = t.frames.get(t.next);
        return callee.isInitializedConstructor() ? callee.firstRef() : null;
    }

    /**
     * For a thread that began, or was prepared, to re-enter its frames and has not re-entered them
     * all: {frames re-entered, frames}; null for any other thread. Read of a thread that has ended,
     * whose writes its end makes visible.
     */
    public static int[] unfinished(Thread thread) {
        ResumingThread t = UNFINISHED.get(thread);
        return t == null ? null : new int[] {t.next, t.frames.size()};
    }

    /** A record names a call site its method does not resume at. */
    public static RuntimeException unexpectedSite(FrameRecord r) {
        return new IllegalStateException("stasis: cannot resume " + r.method() + " at call site " + r.site()
                + "; the application's code differs from the checkpoint's");
    }

    /**
     * Called at the checkpoint point: when the current thread has re-entered all its frames, ends
     * its resume and returns the outcome the checkpoint call reports; otherwise null.
     */
    public static Stasis.Outcome finishIfAtTop() {
        ResumingThread t = CURRENT.get();
        if (t == null || !t.atTop()) {
            return null;
        }
        CURRENT.remove();
        UNFINISHED.remove(Thread.currentThread());
        synchronized (Resume.class) {
            if (--resuming == 0) {
                active = false;
            }
        }
        SafePoint.resumeEnded();
        t.group.arrive();
        return t.outcome;
    }
}

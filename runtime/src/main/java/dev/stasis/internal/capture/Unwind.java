package dev.stasis.internal.capture;

import java.util.ArrayList;
import java.util.List;

/**
 * Thrown at a checkpoint point to unwind the thread's stack. Every instrumented frame catches it
 * at the call site it was executing (its handler is the first entry of the exception table, so no
 * application handler ever sees it), appends a {@link FrameRecord} and rethrows, down to the
 * thread's base frame. It is an {@link Error} without a stack trace: cheap to throw, and invisible
 * to {@code catch (Exception e)}.
 */
public final class Unwind extends Error {

    private static final long serialVersionUID = 1L;

    private final transient List<FrameRecord> frames = new ArrayList<>();
    private final transient int depth;
    private final transient BaseFrameReached onBase;

    /** What happens when the base frame has recorded itself. */
    @FunctionalInterface
    public interface BaseFrameReached {
        /**
         * Receives the thread's frames, base first. Returns true when the thread is to continue by
         * re-entering its frames, false to go on unwinding out of the base frame.
         */
        boolean reached(List<FrameRecord> framesBaseFirst);
    }

    /**
     * @param depth how many instrumented frames lie between the checkpoint point and the base
     *              frame, both included; the stack walk that allowed the checkpoint counted them
     */
    public Unwind(int depth, BaseFrameReached onBase) {
        super("stasis checkpoint unwinding", null, false, false);
        this.depth = depth;
        this.onBase = onBase;
    }

    Unwind frameCaptured(FrameRecord record) {
        frames.add(record);
        if (frames.size() < depth) {
            return this;
        }
        List<FrameRecord> baseFirst = new ArrayList<>(frames.size());
        for (int k = frames.size() - 1; k >= 0; k--) {
            baseFirst.add(frames.get(k));
        }
        return onBase.reached(baseFirst) ? null : this;
    }
}

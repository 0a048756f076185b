package dev.stasis.internal.resume;

import dev.stasis.Stasis;
import dev.stasis.internal.capture.FrameRecord;
import java.util.List;

/**
 * A thread re-entering its captured frames: the records, base first, how far it got, and the
 * threads it re-enters with.
 */
final class ResumingThread {
    final List<FrameRecord> frames;
    final Stasis.Outcome outcome;
    final ResumeGroup group;
    /** Run by the thread itself before it enters its base frame (a restored thread's ThreadLocals). */
    final Runnable onStart;
    int next;

    ResumingThread(List<FrameRecord> framesBaseFirst, Stasis.Outcome outcome, ResumeGroup group, Runnable onStart) {
        this.frames = framesBaseFirst;
        this.outcome = outcome;
        this.group = group;
        this.onStart = onStart;
    }

    boolean atTop() {
        return next == frames.size();
    }
}

package dev.stasis.internal.resume;

import dev.stasis.Stasis;
import dev.stasis.internal.capture.FrameRecord;
import java.util.List;

/** A thread re-entering its captured frames: the records, base first, and how far it got. */
final class ResumingThread {
    final List<FrameRecord> frames;
    final Stasis.Outcome outcome;
    int next;

    ResumingThread(List<FrameRecord> framesBaseFirst, Stasis.Outcome outcome) {
        this.frames = framesBaseFirst;
        this.outcome = outcome;
    }

    boolean atTop() {
        return next == frames.size();
    }
}

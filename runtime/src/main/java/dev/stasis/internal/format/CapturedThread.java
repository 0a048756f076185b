package dev.stasis.internal.format;

import dev.stasis.internal.capture.FrameRecord;
import java.util.List;

/** One captured thread: its identity and its frames, the base frame first. */
public final class CapturedThread {
    public final String name;
    public final boolean daemon;
    public final int priority;
    public final List<FrameRecord> frames;

    public CapturedThread(String name, boolean daemon, int priority, List<FrameRecord> frames) {
        this.name = name;
        this.daemon = daemon;
        this.priority = priority;
        this.frames = List.copyOf(frames);
    }
}

package dev.stasis.internal.format;

import dev.stasis.internal.capture.FrameRecord;
import java.util.List;

/**
 * One captured thread: its identity, its frames (the base frame first), its {@code Thread}
 * object, which is part of the heap (null in files written before multi-threaded checkpoints,
 * which hold one thread: the JVM's main thread), and its interrupt status.
 */
public final class CapturedThread {
    public final String name;
    public final boolean daemon;
    public final int priority;
    public final List<FrameRecord> frames;
    public final Thread thread;
    /** Whether the thread's interrupt status was set (by the application) at the checkpoint. */
    public final boolean interrupted;

    public CapturedThread(String name, boolean daemon, int priority, List<FrameRecord> frames) {
        this(name, daemon, priority, frames, null, false);
    }

    public CapturedThread(String name, boolean daemon, int priority, List<FrameRecord> frames, Thread thread,
            boolean interrupted) {
        this.name = name;
        this.daemon = daemon;
        this.priority = priority;
        this.frames = List.copyOf(frames);
        this.thread = thread;
        this.interrupted = interrupted;
    }
}

package dev.stasis.internal.format;

import java.util.List;

/** One captured thread as the THREADS section describes it; frames base first. */
public record ThreadSummary(String name, boolean daemon, int priority, List<FrameSummary> frames) {

    public ThreadSummary {
        frames = List.copyOf(frames);
    }
}

package dev.stasis.internal.heap;

import java.util.Map;

/** What a heap write contained: per class name, {objects, bytes}; and the totals. */
public final class HeapStats {
    public final Map<String, long[]> histogram;
    public final long objects;
    public final long bytes;

    public HeapStats(Map<String, long[]> histogram, long objects, long bytes) {
        this.histogram = Map.copyOf(histogram);
        this.objects = objects;
        this.bytes = bytes;
    }
}

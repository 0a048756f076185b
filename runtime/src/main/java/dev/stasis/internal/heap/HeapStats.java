package dev.stasis.internal.heap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a heap write contained: per class name, {objects, bytes}; the totals; and the classes the
 * graph holds as values, with their identity hash codes, in the order first written.
 */
public final class HeapStats {
    public final Map<String, long[]> histogram;
    public final long objects;
    public final long bytes;
    public final Map<String, Integer> classHashes;

    public HeapStats(Map<String, long[]> histogram, long objects, long bytes, Map<String, Integer> classHashes) {
        this.histogram = Map.copyOf(histogram);
        this.objects = objects;
        this.bytes = bytes;
        this.classHashes = Collections.unmodifiableMap(new LinkedHashMap<>(classHashes));
    }
}

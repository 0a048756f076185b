package dev.stasis.internal.format;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything a checkpoint file says except the heap's contents: readable without the
 * application's classes, for inspect, verify and the restore launcher.
 *
 * @param file           the file read
 * @param size           its length in bytes
 * @param formatVersion  the format version it was written in
 * @param writer         the version of the Stasis that wrote it
 * @param histogram      the heap's classes, largest total bytes first
 * @param heapObjects    how many objects the heap holds
 * @param heapBytes      how many bytes they take in the file
 */
public record CheckpointSummary(Path file, long size, int formatVersion, String writer, CheckpointHeader header,
        List<MethodInfo> methods, List<String> initializedClasses, List<ThreadSummary> threads,
        List<StaticsSummary> statics, List<HistogramEntry> histogram, long heapObjects, long heapBytes) {

    public CheckpointSummary {
        methods = List.copyOf(methods);
        initializedClasses = List.copyOf(initializedClasses);
        threads = List.copyOf(threads);
        statics = List.copyOf(statics);
        histogram = List.copyOf(histogram);
    }

    /** The method recorded under {@code key} ({@code owner.name(desc)}), or null. */
    public MethodInfo method(String key) {
        for (MethodInfo m : methods) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        return null;
    }
}

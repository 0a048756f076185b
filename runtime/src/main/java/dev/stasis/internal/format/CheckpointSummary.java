package dev.stasis.internal.format;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * @param carriedClasses the class files of the classes the program's own class loaders defined,
 *                       by binary name (see {@code dev.stasis.internal.classes.CarriedClasses})
 * @param classHashes    the classes the heap holds as values, by binary name, with the identity
 *                       hash codes they had (see {@code dev.stasis.internal.heap.ClassIdentityHashes})
 */
public record CheckpointSummary(Path file, long size, int formatVersion, String writer, CheckpointHeader header,
        List<MethodInfo> methods, List<String> initializedClasses, List<ThreadSummary> threads,
        List<StaticsSummary> statics, List<HistogramEntry> histogram, long heapObjects, long heapBytes,
        Map<String, byte[]> carriedClasses, Map<String, Integer> classHashes) {

    public CheckpointSummary {
        methods = List.copyOf(methods);
        initializedClasses = List.copyOf(initializedClasses);
        threads = List.copyOf(threads);
        statics = List.copyOf(statics);
        histogram = List.copyOf(histogram);
        carriedClasses = Collections.unmodifiableMap(new LinkedHashMap<>(carriedClasses));
        classHashes = Collections.unmodifiableMap(new LinkedHashMap<>(classHashes));
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

package dev.stasis.internal.format;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One checkpoint in memory: what the writer puts in a file and the reader gives back.
 * {@code initializedClasses} lists the instrumented classes that were initialized, in the order
 * they were initialized; {@code statics} holds their static fields; {@code listeners} are the
 * application's checkpoint listeners, which the restored program keeps; {@code carriedClasses}
 * the class files of the classes the program's own class loaders defined, by binary name;
 * {@code shutdownHooks} and {@code filesToDelete} what the program asked the JVM to do when it
 * exits ({@code Runtime.addShutdownHook}, {@code File.deleteOnExit}), which a restore asks again.
 */
public final class Snapshot {
    public final CheckpointHeader header;
    public final List<MethodInfo> methods;
    public final List<String> initializedClasses;
    public final List<CapturedThread> threads;
    public final List<StaticFields> statics;
    public final List<Object> listeners;
    public final Map<String, byte[]> carriedClasses;
    public final List<Thread> shutdownHooks;
    public final List<String> filesToDelete;

    /** A snapshot of a program whose classes all come from the JVM's own class loaders. */
    public Snapshot(CheckpointHeader header, List<MethodInfo> methods, List<String> initializedClasses,
            List<CapturedThread> threads, List<StaticFields> statics, List<Object> listeners) {
        this(header, methods, initializedClasses, threads, statics, listeners, Map.of());
    }

    public Snapshot(CheckpointHeader header, List<MethodInfo> methods, List<String> initializedClasses,
            List<CapturedThread> threads, List<StaticFields> statics, List<Object> listeners,
            Map<String, byte[]> carriedClasses) {
        this(header, methods, initializedClasses, threads, statics, listeners, carriedClasses, List.of(), List.of());
    }

    public Snapshot(CheckpointHeader header, List<MethodInfo> methods, List<String> initializedClasses,
            List<CapturedThread> threads, List<StaticFields> statics, List<Object> listeners,
            Map<String, byte[]> carriedClasses, List<Thread> shutdownHooks, List<String> filesToDelete) {
        this.header = header;
        this.methods = List.copyOf(methods);
        this.initializedClasses = List.copyOf(initializedClasses);
        this.threads = List.copyOf(threads);
        this.statics = List.copyOf(statics);
        this.listeners = List.copyOf(listeners);
        this.carriedClasses = Collections.unmodifiableMap(new LinkedHashMap<>(carriedClasses));
        this.shutdownHooks = List.copyOf(shutdownHooks);
        this.filesToDelete = List.copyOf(filesToDelete);
    }
}

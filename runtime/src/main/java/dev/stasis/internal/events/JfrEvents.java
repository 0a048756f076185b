package dev.stasis.internal.events;

import java.nio.file.Path;
import jdk.jfr.FlightRecorder;

/**
 * Creates and commits Stasis's JFR events. Only {@link Observation} calls it, and only when the
 * runtime has the jdk.jfr module (a jlinked runtime may not): this class and the events are what
 * link to it.
 */
final class JfrEvents {

    private JfrEvents() {
    }

    /**
     * Whether JFR runs in this JVM. Until it does no recording can see an event, and the first
     * event class loaded would set up JFR's event machinery (hundreds of milliseconds) for nothing.
     */
    private static boolean started() {
        return FlightRecorder.isInitialized();
    }

    static Object beginCheckpoint(String trigger) {
        if (!started()) {
            return null;
        }
        CheckpointEvent e = new CheckpointEvent();
        if (!e.isEnabled()) {
            return null;
        }
        e.trigger = trigger;
        e.begin();
        return e;
    }

    static Object beginRestore(Path checkpoint) {
        if (!started()) {
            return null;
        }
        RestoreEvent e = new RestoreEvent();
        if (!e.isEnabled()) {
            return null;
        }
        e.file = checkpoint.toString();
        e.begin();
        return e;
    }

    static void endCheckpoint(Object event, Path file, String failure, long bytes, int threads, int frames,
            long objects) {
        CheckpointEvent e = (CheckpointEvent) event;
        e.end();
        e.written = failure == null;
        e.failure = failure;
        e.file = file == null ? null : file.toString();
        e.bytes = bytes;
        e.threads = threads;
        e.frames = frames;
        e.objects = objects;
        e.commit();
    }

    static void endRestore(Object event, Path file, String failure, long bytes, int threads, int frames, long objects) {
        RestoreEvent e = (RestoreEvent) event;
        e.end();
        e.restored = failure == null;
        e.failure = failure;
        if (file != null) {
            e.file = file.toString();
        }
        e.bytes = bytes;
        e.threads = threads;
        e.frames = frames;
        e.objects = objects;
        e.commit();
    }
}

package dev.stasis.internal.events;

import dev.stasis.internal.log.Progress;
import java.nio.file.Path;

/**
 * One checkpoint or restore as others see it: a JFR event ({@code dev.stasis.Checkpoint},
 * {@code dev.stasis.Restore}) with its duration, file size, threads, frames and objects, and a
 * progress line on stderr when it lasts over a second and stderr is a terminal. Begun when the
 * operation starts, ended once with its outcome.
 */
public final class Observation {

    /** Whether this runtime has JFR; checked here so that nothing links to jdk.jfr without it. */
    private static final boolean JFR = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

    private final boolean checkpoint;
    /** The JFR event, or null when JFR is absent or the event is disabled. */
    private final Object event;
    private final Progress progress;
    private boolean ended;

    private Observation(boolean checkpoint, Object event, Progress progress) {
        this.checkpoint = checkpoint;
        this.event = event;
        this.progress = progress;
    }

    /** A checkpoint begins; {@code trigger} says what asked for it. */
    public static Observation checkpoint(String trigger) {
        return new Observation(true, JFR ? JfrEvents.beginCheckpoint(trigger) : null,
                Progress.start("writing checkpoint"));
    }

    /** A restore from {@code checkpoint} (a file or directory) begins. */
    public static Observation restore(Path checkpoint) {
        return new Observation(false, JFR ? JfrEvents.beginRestore(checkpoint) : null,
                Progress.start("restoring checkpoint"));
    }

    /** The operation succeeded: the checkpoint file, its size and what it holds. */
    public synchronized void succeeded(Path file, long bytes, int threads, int frames, long objects) {
        end(file, null, bytes, threads, frames, objects);
    }

    /** The operation stopped; {@code why} is the message the user was given. */
    public synchronized void failed(String why) {
        end(null, why, 0, 0, 0, 0);
    }

    private void end(Path file, String failure, long bytes, int threads, int frames, long objects) {
        if (ended) {
            return;
        }
        ended = true;
        progress.stop();
        if (event == null) {
            return;
        }
        if (checkpoint) {
            JfrEvents.endCheckpoint(event, file, failure, bytes, threads, frames, objects);
        } else {
            JfrEvents.endRestore(event, file, failure, bytes, threads, frames, objects);
        }
    }
}

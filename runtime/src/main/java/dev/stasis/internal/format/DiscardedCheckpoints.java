package dev.stasis.internal.format;

import dev.stasis.internal.log.StasisLog;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Checkpoints that the rotation ({@code keep=}) discarded, deleted after the pause instead of in
 * it. Deleting a large file frees its blocks one extent at a time: 44 ms for a 165 MB checkpoint
 * (ext4), about a twentieth of the pause of the checkpoint that replaced it. A discarded checkpoint
 * is renamed at once, within the pause, to a name no reader takes for a checkpoint
 * ({@value #PREFIX} followed by its own), so that once a checkpoint returns the directory holds
 * exactly the checkpoints to keep, and is deleted by a thread of its own while the program goes
 * on. The JVM's shutdown waits for that thread ({@link #awaitDeleted}); a discarded file that a
 * JVM ending abruptly left behind is deleted by the next checkpoint written into its directory.
 */
public final class DiscardedCheckpoints {

    static final String PREFIX = ".ckpt-discarded-";

    private static final Object LOCK = new Object();
    private static final ArrayDeque<Path> QUEUE = new ArrayDeque<>();
    /** The deleting thread, while there is something to delete; null otherwise. */
    private static Thread deleter;

    private DiscardedCheckpoints() {
    }

    /**
     * Takes {@code checkpoint} out of the directory's checkpoints now and deletes it later; where
     * it cannot be renamed (Windows, while another process has it open), tries to delete it now.
     */
    static void discard(Path checkpoint) {
        Path renamed = checkpoint.resolveSibling(PREFIX + checkpoint.getFileName());
        try {
            Files.move(checkpoint, renamed, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            delete(checkpoint);
            return;
        }
        deleteLater(renamed);
    }

    private static void deleteLater(Path file) {
        synchronized (LOCK) {
            QUEUE.add(file);
            if (deleter == null) {
                deleter = new Thread(null, DiscardedCheckpoints::deleteQueued, "stasis-checkpoint-delete", 0, false);
                deleter.setDaemon(true);
                deleter.start();
            }
        }
    }

    private static void deleteQueued() {
        while (true) {
            Path next;
            synchronized (LOCK) {
                next = QUEUE.poll();
                if (next == null) {
                    deleter = null;
                    LOCK.notifyAll();
                    return;
                }
            }
            delete(next);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            StasisLog.warn("stasis: could not delete the old checkpoint " + file + " (" + e + ").");
        }
    }

    /**
     * Waits, for at most {@code timeoutMillis}, until every discarded checkpoint is deleted: for
     * the JVM's shutdown, which would otherwise end the deleting thread (a daemon) midway.
     */
    public static void awaitDeleted(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        boolean interrupted = false;
        synchronized (LOCK) {
            long left;
            while (deleter != null && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(LOCK, left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Has the deleting thread delete what a JVM that ended while deleting left in {@code dir}; a
     * file this JVM has queued already is deleted twice, which is harmless.
     */
    static void deleteLeftOver(Path dir) {
        try (DirectoryStream<Path> left = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path p : left) {
                deleteLater(p);
            }
        } catch (IOException e) {
            // the directory was just written to; a listing that fails now is left for the next write
        }
    }
}

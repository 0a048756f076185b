package dev.stasis.internal.restore;

import dev.stasis.internal.log.StasisLog;
import dev.stasis.internal.resume.Resume;
import java.nio.file.Path;
import java.util.List;

/**
 * A restored thread that ends, with an exception, before it has re-entered all its frames. The
 * restore cannot go on: the other threads wait at their checkpoint points until every thread has
 * re-entered its frames, and would wait for this one forever, and the program's state would lack
 * what this thread was doing. So it is reported as a failed restore, with the file intact, and the
 * JVM halts with status {@value #STATUS}, as for any restore that cannot be done; the program's
 * shutdown hooks do not run, as the program never resumed. The usual cause is the thread's stack:
 * every frame of a restored thread is called again and runs interpreted at first, which takes
 * several times the stack its compiled frames took (docs/LIMITATIONS.md, "Deep stacks").
 */
final class RebuildFailure {

    static final int STATUS = 2;
    private static final long POLL_MILLIS = 50;

    private RebuildFailure() {
    }

    /**
     * Watches the started threads of a restore, on a daemon thread, until each has re-entered its
     * frames, and halts the JVM as {@link #report} says when one ends before.
     */
    static void watch(List<Thread> threads, Path file) {
        if (threads.isEmpty()) {
            return;
        }
        // started by the thread that restores main, which holds the program's thread-local values by now
        Thread watcher = new Thread(null, () -> watchUntilRebuilt(threads, file), "stasis-restore-watch", 0, false);
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void watchUntilRebuilt(List<Thread> threads, Path file) {
        boolean pending = true;
        while (pending) {
            pending = false;
            for (Thread t : threads) {
                // whether it ended, before how far it got: a thread that re-enters its last frame
                // and then ends between the two reads is not taken for one that failed
                boolean ended = !t.isAlive();
                int[] progress = Resume.unfinished(t);
                if (progress != null && ended) {
                    report(t, progress, file);
                }
                pending |= progress != null;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Reports that {@code thread} ended, its exception printed above by its uncaught-exception
     * handler, after re-entering {@code progress[0]} of its {@code progress[1]} frames, and halts.
     */
    static void report(Thread thread, int[] progress, Path file) {
        StasisLog.error("stasis: cannot restore from " + file + ": the thread \"" + thread.getName() + "\" ended with an"
                + " exception (printed above) while its frames were called again, after " + progress[0] + " of its "
                + progress[1] + ". The file is intact. If that exception is a StackOverflowError: every frame of a"
                + " restored thread is called again and runs interpreted at first, which takes several times the"
                + " stack its compiled frames took; restore with a larger -Xss (a thread the program made with its"
                + " own stack size gets that size back, the main thread and the others get -Xss).");
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(STATUS);
    }
}

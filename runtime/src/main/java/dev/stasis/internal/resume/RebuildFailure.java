package dev.stasis.internal.resume;

import dev.stasis.internal.log.StasisLog;
import java.nio.file.Path;
import java.util.List;

/**
 * A thread that ends, with an exception, before it has re-entered all its captured frames, after a
 * restore or a checkpoint the program goes on after. The program cannot go on: the other threads
 * wait at their checkpoint points until every thread has re-entered its frames, and would wait for
 * this one forever, and the program's state would lack what this thread was doing. So it is
 * reported, naming the checkpoint file, which is intact, and the JVM halts with status {@value
 * #STATUS}, as for any restore that cannot be done; the program's shutdown hooks do not run. The
 * usual cause is the thread's stack: every frame is called again and runs interpreted at first,
 * which takes several times the stack its compiled frames took (see {@code RebuildStack}).
 */
public final class RebuildFailure {

    public static final int STATUS = 2;
    private static final long POLL_MILLIS = 50;

    private RebuildFailure() {
    }

    /**
     * Watches threads that re-enter their frames (started, or about to begin: see {@link
     * Resume#expect}) until each has, and halts the JVM as {@link #report} says when one ends
     * before. The watching thread keeps the JVM alive while it watches unless all are daemons: a
     * main thread that ends so must not end the JVM before it is reported.
     */
    public static void watch(List<Thread> threads, Path file, boolean restore) {
        if (threads.isEmpty()) {
            return;
        }
        // started by a thread that holds the program's thread-local values by now: none inherited
        Thread watcher = new Thread(null, () -> watchUntilRebuilt(threads, file, restore), "stasis-rebuild-watch", 0,
                false);
        watcher.setDaemon(threads.stream().allMatch(Thread::isDaemon));
        watcher.start();
    }

    private static void watchUntilRebuilt(List<Thread> threads, Path file, boolean restore) {
        boolean pending = true;
        while (pending) {
            pending = false;
            for (Thread t : threads) {
                // whether it ended, before how far it got: a thread that re-enters its last frame
                // and then ends between the two reads is not taken for one that failed
                boolean ended = !t.isAlive();
                int[] progress = Resume.unfinished(t);
                if (progress != null && ended) {
                    report(t, progress, file, restore);
                }
                pending |= progress != null;
            }
            if (pending) {
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /**
     * Reports that {@code thread} ended, its exception printed above by its uncaught-exception
     * handler, after re-entering {@code progress[0]} of its {@code progress[1]} frames, and halts.
     * {@code file}: the checkpoint the frames are from, null when a checkpoint the program was to
     * go on after was not written.
     */
    public static void report(Thread thread, int[] progress, Path file, boolean restore) {
        String what = "the thread \"" + thread.getName() + "\" ended with an exception (printed above) while its"
                + " frames were called again, after " + progress[0] + " of its " + progress[1] + ".";
        String overflow = " If that exception is a StackOverflowError: every frame of the thread is called again and"
                + " runs interpreted at first, which takes several times the stack its compiled frames took;";
        if (restore) {
            StasisLog.error("stasis: cannot restore from " + file + ": " + what + " The file is intact." + overflow
                    + " a restore gives each thread its own stack size or -Xss, with what its frames are estimated to"
                    + " take on top: restore with a larger -Xss.");
        } else {
            StasisLog.error("stasis: the program cannot go on after its checkpoint: " + what
                    + (file != null ? " The checkpoint " + file + " was written before and is intact: restore it to go on"
                            + " (a restore gives each thread the stack its frames take to be called again)."
                            : " The checkpoint was not written (see above).")
                    + overflow + " give the thread a larger stack (-Xss, or the Thread constructor's stackSize) to"
                    + " checkpoint and go on at that depth.");
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(STATUS);
    }
}

package dev.stasis.internal.restore;

import dev.stasis.internal.log.StasisLog;
import java.util.Optional;

/**
 * A JVM that {@code stasis restore} started ends when its launcher ends abruptly. The launcher
 * passes a graceful stop on (its shutdown hook stops the application and waits for it), but a
 * launcher killed with SIGKILL, or one that crashed, would leave the application running on its
 * own, out of sight of whatever killed the launcher's process: a batch scheduler that ended the
 * job, a supervisor that starts the job again from the newest checkpoint while the orphan goes on
 * writing and rotating checkpoints in the same directory. The launcher names itself in the system
 * property {@value #PROPERTY}; the application halts, as a kill -9 would have halted it, once that
 * process is gone. A process handle knows its process's start time, so a new process that reuses
 * the number is not taken for the launcher.
 */
public final class LauncherWatch {

    /** The system property holding the launcher's process id. */
    public static final String PROPERTY = "stasis.launcher.pid";
    /** The exit status of a JVM halted this way: 128 + SIGKILL, what the launcher ended with. */
    static final int STATUS = 137;
    private static final long POLL_MILLIS = 200;

    private LauncherWatch() {
    }

    /** Starts watching the launcher this JVM's system properties name, if they name one. */
    public static void start() {
        String pid = System.getProperty(PROPERTY);
        if (pid == null) {
            return;
        }
        long launcher;
        try {
            launcher = Long.parseLong(pid.trim());
        } catch (NumberFormatException e) {
            StasisLog.warn("stasis: ignoring -D" + PROPERTY + "=" + pid + ": not a process id. This property is set by"
                    + " `stasis restore` for the JVM it starts; do not set it yourself.");
            return;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(launcher);
        if (handle.isEmpty()) {
            halt(launcher);
            return;
        }
        Thread watch = new Thread(() -> watch(handle.get()), "stasis-launcher-watch");
        watch.setDaemon(true);
        watch.start();
    }

    /**
     * Polls rather than waits on {@code onExit()}: for a process that is not its child, the JDK
     * polls too, at intervals that grow to five seconds.
     */
    private static void watch(ProcessHandle launcher) {
        try {
            while (launcher.isAlive()) {
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            return;
        }
        halt(launcher.pid());
    }

    private static void halt(long launcher) {
        StasisLog.warn("stasis: the `stasis restore` launcher (process " + launcher + ") ended without stopping this"
                + " restored JVM (it was killed, or crashed), so this JVM stops now, as it would have stopped with"
                + " it. Restore again from the newest checkpoint to go on.");
        Runtime.getRuntime().halt(STATUS);
    }
}

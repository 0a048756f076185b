package dev.stasis.internal.resume;

/**
 * The threads that re-enter their frames together, after a checkpoint or a restore. None goes on
 * past its checkpoint point before every one has re-entered its frames (and so re-acquired the
 * monitors it held): otherwise a thread that finished early could take a monitor that another,
 * still re-entering, held at the checkpoint. The last to arrive runs {@code whenAll} (the
 * listeners' {@code afterRestore}) before any of them goes on.
 */
public final class ResumeGroup {

    private final Runnable whenAll;
    private int remaining;

    public ResumeGroup(int threads, Runnable whenAll) {
        this.remaining = threads;
        this.whenAll = whenAll;
    }

    /** Called by each thread once it has re-entered all its frames; returns when all have. */
    synchronized void arrive() {
        if (--remaining == 0) {
            try {
                whenAll.run();
            } finally {
                notifyAll();
            }
            return;
        }
        boolean interrupted = false;
        while (remaining > 0) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.stasis.internal.coordinator;

import dev.stasis.Stasis;
import dev.stasis.internal.capture.FrameRecord;
import dev.stasis.internal.capture.MethodTable;
import dev.stasis.internal.capture.RebuildStack;
import dev.stasis.internal.events.Observation;
import dev.stasis.internal.capture.StackCheck;
import dev.stasis.internal.heap.ThreadStacks;
import dev.stasis.internal.resume.ResumeGroup;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One checkpoint across all application threads: a global barrier in two phases. While gathering,
 * each application thread that reaches a capturable safe point stops there, still holding its
 * monitors and locks, so that no other thread can enter a critical section it is in. When every
 * application thread (every live thread with a frame of instrumented code on its stack) has
 * stopped, they all unwind and record their frames; the last one to record writes the checkpoint
 * with every stack in one heap graph, and all re-enter their frames (or the JVM exits).
 *
 * <p>Mutual exclusion: a stopped thread that holds a monitor or lock another thread is blocked on
 * is sent on its way (it comes back at a later safe point, after releasing it), so no thread stops
 * inside a critical section another thread is waiting to enter, and the barrier cannot deadlock.
 * {@link ThreadMXBean} tells which thread owns what each blocked thread waits for. If the barrier
 * is not complete at the deadline, the stopped threads go on undisturbed and nothing is written.
 */
final class CheckpointRound {

    enum Verdict { UNWIND, RUN_ON, FAILED }

    private enum Phase { GATHERING, UNWINDING, OVER }

    /** The stack a thread needs beyond its frames: guard pages, its base, the checkpoint point's calls. */
    private static final long STACK_HEADROOM = 96 << 10;
    /** Where a restore's launching thread waits for the restored program's threads to end. */
    private static final String RESTORE_DRIVER = "dev.stasis.internal.restore.RestoreDriver";
    private static final String AWAITS_PROGRAM_END = "awaitNonDaemonThreads";
    /** Pause between two looks at the threads while the barrier is incomplete. */
    private static final long SURVEY_INTERVAL_NANOS = 5_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    final CheckpointRequest request;
    final long startNanos = System.nanoTime();
    /** The round as JFR and the terminal see it: begun now, ended once written or abandoned. */
    final Observation observed;
    private final long deadlineNanos;
    private final Thread mainThread;
    /** Whether the threads re-enter their frames in this JVM after the checkpoint (it does not exit). */
    private final boolean resumesHere;
    private final RoundEnd end;

    private Phase phase = Phase.GATHERING;
    private final Map<Thread, StackCheck.Result> stopped = new LinkedHashMap<>();
    private final Set<Thread> sentOn = new HashSet<>();
    /** The stopped threads whose interrupt status was set when they stopped (cleared while they wait). */
    private final Set<Thread> interrupted = new HashSet<>();
    private boolean surveying;
    private long lastSurvey;
    private int arrivalsSurveyed = -1;
    private List<Thread> members;
    private final Map<Thread, List<FrameRecord>> recorded = new LinkedHashMap<>();
    private boolean written;
    private String failure;
    /** Set by {@link RoundEnd#allRecorded}: what the checkpoint calls return, and the threads resuming together. */
    Stasis.Outcome outcome;
    ResumeGroup resumeGroup;
    /** Set by {@link RoundEnd#allRecorded} when the checkpoint was written: its file. */
    Path file;

    /** What the coordinator does when the round completes or fails. */
    interface RoundEnd {
        /** All members recorded their frames (base first, in member order): write, exit or return. */
        void allRecorded(CheckpointRound round, List<Thread> members, List<List<FrameRecord>> frames);

        /** The barrier was not complete in time; nothing was unwound. */
        void failed(CheckpointRound round, String message);

        /** A listener's beforeCheckpoint threw (a CRaC resource refused): nothing was unwound. */
        void refused(CheckpointRound round, RuntimeException cause);

        /** A thread's frames could not be called again in its stack ({@code message} says which): nothing was unwound. */
        void tooDeep(CheckpointRound round, String message);
    }

    CheckpointRound(CheckpointRequest request, long deadlineNanos, Thread mainThread, boolean resumesHere,
            RoundEnd end) {
        this.request = request;
        this.deadlineNanos = deadlineNanos;
        this.mainThread = mainThread;
        this.resumesHere = resumesHere;
        this.end = end;
        this.observed = Observation.checkpoint(request != null ? request.reason : "checkpoint point");
    }

    synchronized boolean isGathering() {
        return phase == Phase.GATHERING;
    }

    /** Waits, while this round is past gathering, until it is over. */
    synchronized void awaitOver() {
        boolean interrupted = false;
        while (phase != Phase.OVER) {
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

    /**
     * The current thread stops at a capturable safe point ({@code check}) and waits for the
     * barrier. UNWIND: all application threads are stopped, unwind now; RUN_ON: go on (this thread
     * holds what another needs, or the round ended without it); FAILED: the round was abandoned.
     */
    Verdict stop(StackCheck.Result check) {
        Thread me = Thread.currentThread();
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                boolean survey;
                synchronized (this) {
                    if (!stopped.containsKey(me) && phase == Phase.GATHERING) {
                        stopped.put(me, check);
                        if (interrupted) {
                            this.interrupted.add(me);
                        } else {
                            this.interrupted.remove(me);
                        }
                    }
                    if (phase == Phase.UNWINDING && members.contains(me)) {
                        return Verdict.UNWIND;
                    }
                    if (phase != Phase.GATHERING) {
                        stopped.remove(me);
                        return failure != null ? Verdict.FAILED : Verdict.RUN_ON;
                    }
                    if (sentOn.remove(me)) {
                        stopped.remove(me);
                        notifyAll();
                        return Verdict.RUN_ON;
                    }
                    long now = System.nanoTime();
                    survey = !surveying && (stopped.size() != arrivalsSurveyed || now - lastSurvey >= SURVEY_INTERVAL_NANOS);
                    if (survey) {
                        surveying = true;
                        arrivalsSurveyed = stopped.size();
                    } else {
                        try {
                            wait(1);
                        } catch (InterruptedException e) {
                            interrupted = true;
                        }
                    }
                }
                if (survey) {
                    survey();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Looks at every thread once: which application threads have not stopped yet, and which
     * stopped threads hold what another thread is blocked on. Completes or fails the round.
     */
    private void survey() {
        ThreadInfo[] infos = THREADS.dumpAllThreads(false, false);
        String message = null;
        boolean complete = false;
        synchronized (this) {
            surveying = false;
            lastSurvey = System.nanoTime();
            if (phase != Phase.GATHERING) {
                return;
            }
            Map<Long, Thread> stoppedById = new LinkedHashMap<>();
            for (Thread t : stopped.keySet()) {
                stoppedById.put(t.getId(), t);
            }
            List<ThreadInfo> missing = new ArrayList<>();
            for (ThreadInfo info : infos) {
                if (info == null) {
                    continue;
                }
                Thread owner = stoppedById.get(info.getLockOwnerId());
                if (owner != null && info.getThreadId() != info.getLockOwnerId() && !isOurs(info.getLockInfo())
                        && !waitsInSlices(info)) {
                    sentOn.add(owner);
                }
                if (!stoppedById.containsKey(info.getThreadId()) && runsInstrumentedCode(info)) {
                    missing.add(info);
                }
            }
            if (!sentOn.isEmpty()) {
                notifyAll();
                return;
            }
            if (missing.isEmpty()) {
                complete = true;
            } else if (System.nanoTime() - deadlineNanos > 0) {
                message = describeMissing(missing);
                failure = message;
                phase = Phase.OVER;
                notifyAll();
            }
        }
        if (message != null) {
            end.failed(this, message);
            return;
        }
        if (complete) {
            String tooDeep = resumesHere ? tooDeepToResume() : null;
            if (tooDeep != null) {
                synchronized (this) {
                    failure = tooDeep;
                    phase = Phase.OVER;
                    notifyAll();
                }
                end.tooDeep(this, tooDeep);
                return;
            }
            // Before anything unwinds: listeners close what cannot be checkpointed while every
            // application thread is stopped where it was. A listener that throws cancels the
            // round: every thread goes on, and this one gets the exception (the caller of
            // Core.checkpointRestore() sees a CRaC resource's refusal this way).
            try {
                Listeners.beforeCheckpoint();
            } catch (RuntimeException e) {
                synchronized (this) {
                    failure = "a listener refused the checkpoint: " + e;
                    phase = Phase.OVER;
                    notifyAll();
                }
                end.refused(this, e);
                throw e;
            }
            synchronized (this) {
                List<Thread> order = new ArrayList<>(stopped.keySet());
                if (order.remove(mainThread)) {
                    order.add(0, mainThread);
                }
                members = order;
                phase = Phase.UNWINDING;
                notifyAll();
            }
        }
    }

    /**
     * A checkpoint that the program goes on after unwinds every frame of every stopped thread and
     * has each call its frames again, in a stack that holds them only compiled (see {@link
     * RebuildStack}): a thread deep enough not to have the stack for that would end in a {@code
     * StackOverflowError} after the checkpoint, so the checkpoint is not taken. Null when every
     * stopped thread has the stack; else the message that says why not and what to do.
     */
    private String tooDeepToResume() {
        Map<Thread, StackCheck.Result> checks;
        synchronized (this) {
            checks = new LinkedHashMap<>(stopped);
        }
        for (Map.Entry<Thread, StackCheck.Result> e : checks.entrySet()) {
            long need = e.getValue().rebuildBytes;
            if (need <= RebuildStack.DEEP) {
                continue;
            }
            long has = ThreadStacks.of(e.getKey());
            if (need + STACK_HEADROOM > has) {
                return "stasis: checkpoint not taken: the thread \"" + e.getKey().getName() + "\" is "
                        + e.getValue().depth + " frames deep, and a checkpoint the program goes on after has it call"
                        + " them all again, interpreted at first, which takes several times the stack of compiled"
                        + " code: about " + megabytes(need + STACK_HEADROOM) + " MB here, more than its stack of "
                        + megabytes(has) + " MB. The program goes on; the previous checkpoint, if any, is kept. Give that thread a"
                        + " larger stack (-Xss, or the Thread constructor's stackSize for a thread made with one), or"
                        + " checkpoint and exit there (exit=true, signal=): a restore gives each thread the stack its"
                        + " frames take to be called again.";
            }
        }
        return null;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (double) (1 << 20));
    }

    /** Whether a member's frames are deep enough that calling them again may overflow its stack. */
    synchronized boolean hasDeepMember() {
        for (Thread t : members) {
            StackCheck.Result check = stopped.get(t);
            if (check != null && check.rebuildBytes > RebuildStack.DEEP) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code t}'s interrupt status was set when it stopped for this round. */
    synchronized boolean wasInterrupted(Thread t) {
        return interrupted.contains(t);
    }

    /** Stasis's own monitors (this round's, the coordinator's): waiting for them is not the application's. */
    private boolean isOurs(LockInfo lock) {
        return lock != null && (lock.getIdentityHashCode() == System.identityHashCode(this)
                || lock.getIdentityHashCode() == Coordinator.lockIdentity());
    }

    /**
     * A thread waiting for a lock in {@link Waits#lock} or {@link Waits#lockInterruptibly} (a timed
     * tryLock) comes to the barrier by itself when its slice ends, and is captured waiting: the owner
     * may stop holding the lock. Any other blocked thread (entering a monitor, or re-acquiring a
     * monitor or lock after a wait, which no timeout ends) needs the owner to go on.
     */
    private static boolean waitsInSlices(ThreadInfo info) {
        if (info.getThreadState() == Thread.State.BLOCKED) {
            return false;
        }
        for (StackTraceElement e : info.getStackTrace()) {
            if (e.getClassName().equals(Waits.class.getName())) {
                return e.getMethodName().equals("lock") || e.getMethodName().equals("lockInterruptibly");
            }
        }
        return false;
    }

    /**
     * Whether the thread runs the application's code: a frame of an instrumented class on its
     * stack. Not a restore's launching thread waiting for the restored program's threads to end,
     * as the JVM's DestroyJavaVM thread does, above the {@code main} the JVM called it in.
     */
    private static boolean runsInstrumentedCode(ThreadInfo info) {
        for (StackTraceElement e : info.getStackTrace()) {
            if (e.getClassName().equals(RESTORE_DRIVER) && e.getMethodName().equals(AWAITS_PROGRAM_END)) {
                return false;
            }
            if (MethodTable.isInstrumentedClass(e.getClassName())) {
                return true;
            }
        }
        return false;
    }

    private static String describeMissing(List<ThreadInfo> missing) {
        StringBuilder b = new StringBuilder();
        for (ThreadInfo info : missing) {
            b.append(b.length() == 0 ? "" : "; ").append("thread \"").append(info.getThreadName()).append("\" (")
                    .append(info.getThreadState()).append(") at ");
            StackTraceElement[] stack = info.getStackTrace();
            for (int k = 0; k < Math.min(4, stack.length); k++) {
                b.append(k == 0 ? "" : " < ").append(stack[k]);
            }
        }
        return b.toString();
    }

    /**
     * Called by each member from its base frame's unwind handler with its frames. The last to
     * record has the checkpoint written; every member waits for that, then reads {@link #outcome}
     * and {@link #resumeGroup}.
     */
    void recorded(List<FrameRecord> framesBaseFirst) {
        Thread me = Thread.currentThread();
        List<List<FrameRecord>> all = null;
        synchronized (this) {
            recorded.put(me, framesBaseFirst);
            if (recorded.size() == members.size()) {
                all = new ArrayList<>();
                for (Thread t : members) {
                    all.add(recorded.get(t));
                }
            }
        }
        if (all != null) {
            try {
                end.allRecorded(this, members, all);
            } finally {
                synchronized (this) {
                    written = true;
                    phase = Phase.OVER;
                    notifyAll();
                }
            }
            return;
        }
        synchronized (this) {
            boolean interrupted = false;
            while (!written) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                me.interrupt();
            }
        }
    }

}

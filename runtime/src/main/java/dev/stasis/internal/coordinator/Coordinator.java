package dev.stasis.internal.coordinator;

import dev.stasis.Stasis;
import dev.stasis.internal.capture.FrameRecord;
import dev.stasis.internal.capture.MethodTable;
import dev.stasis.internal.capture.StackCheck;
import dev.stasis.internal.classes.CarriedClasses;
import dev.stasis.internal.classes.ClassPathClasses;
import dev.stasis.internal.capture.Unwind;
import dev.stasis.internal.format.CapturedThread;
import dev.stasis.internal.format.CheckpointHeader;
import dev.stasis.internal.format.CheckpointWriter;
import dev.stasis.internal.format.DiscardedCheckpoints;
import dev.stasis.internal.format.MethodInfo;
import dev.stasis.internal.format.Snapshot;
import dev.stasis.internal.format.StaticFields;
import dev.stasis.internal.heap.ExitActions;
import dev.stasis.internal.heap.HeapWriter;
import dev.stasis.internal.heap.UncheckpointableObjectException;
import dev.stasis.internal.log.StasisLog;
import dev.stasis.internal.resume.Resume;
import dev.stasis.internal.resume.RebuildFailure;
import dev.stasis.internal.resume.ResumeGroup;
import dev.stasis.internal.statics.ClassInit;
import dev.stasis.internal.statics.NativeLibraryClasses;
import dev.stasis.internal.statics.StaticFieldAccess;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs checkpoints. A checkpoint starts at a checkpoint point ({@code Stasis.checkpoint()}, an
 * {@code @Checkpoint} method's entry) or at a safe point while a request is pending (interval,
 * signal, {@code at=N}, the API, JMX, the {@code checkpoint PID} command). It stops every
 * application thread at a capturable safe point ({@link CheckpointRound}); then each unwinds, and
 * when every base frame has recorded itself the checkpoint is written with all the stacks, and the
 * JVM exits or every thread re-enters its frames and goes on.
 */
public final class Coordinator {

    private static final Object LOCK = new Object();
    /** Per class, the static fields that cannot be checkpointed: its initializer re-creates them. */
    private static final Map<String, Set<String>> LEFT_OUT = new ConcurrentHashMap<>();
    private static final Checkpointer MBEAN = new Checkpointer();
    /** Stasis's own shutdown hooks: not the program's, so not carried. */
    private static final Set<Thread> OWN_HOOKS = identitySet();
    /** The program's shutdown hooks that cannot be checkpointed: left out of checkpoints, as static fields are. */
    private static final Set<Thread> LEFT_OUT_HOOKS = identitySet();

    private static volatile Settings settings;
    private static volatile boolean restored;
    /** How many objects the checkpoint this JVM was restored from held (0 when it was not). */
    private static volatile long restoredHeapObjects;
    /** The JVM's main thread, which a restore continues on (the others are started anew). */
    private static volatile Thread mainThread;
    /**
     * Set when the JVM starts shutting down: from then on no checkpoint is taken. Its shutdown
     * hooks' threads would be all a checkpoint could capture (the program's own threads have
     * ended), and such a file, the newest, would restore nothing but the hooks.
     */
    private static volatile boolean shuttingDown;
    /** The checkpoint in progress across the application's threads, guarded by LOCK. */
    private static CheckpointRound round;
    /** The pending request, guarded by LOCK. */
    private static CheckpointRequest pending;
    /** Safe points still to pass before the {@code at=N} checkpoint, guarded by LOCK; 0 when off. */
    private static long atRemaining;
    /** Whether method entries stopped polling for the pending request ({@link #dimEntries}), guarded by LOCK. */
    private static boolean entriesDimmed;
    /** When method entries last started polling for the pending request (System.nanoTime), guarded by LOCK. */
    private static long entriesRaisedAt;
    /** How long method entries poll at least, and then stop polling, while a request waits (see dimEntries). */
    private static final long ENTRIES_UP_NANOS = 1_000_000;
    private static final long ENTRIES_DIMMED_MILLIS = 9;
    /** How long a request waits before loop heads too stop polling in that rhythm (see dimEntries). */
    private static final long LOOPS_DIMMED_AFTER_NANOS = 50_000_000;

    /**
     * How long after the agent's start (with interval= or signal=), or after a class that asks
     * for checkpoints is loaded, the first checkpoint's set-up is done ahead.
     */
    private static final long WARM_UP_DELAY_MILLIS = 1000;
    /**
     * How long the JVM's shutdown waits for old checkpoints to be deleted (see
     * DiscardedCheckpoints): a deletion takes milliseconds; a hung file system must not hold the
     * exit for ever, and what it leaves is deleted by the next checkpoint in that directory.
     */
    private static final long DELETION_AT_EXIT_MILLIS = 10_000;

    private Coordinator() {
    }

    /** Called once by the agent at start-up. */
    public static void install(Settings s) {
        settings = s;
        mainThread = findMainThread();
        synchronized (LOCK) {
            atRemaining = s.at;
            SafePoint.raise(s.at > 0);
        }
        if (s.at > 0) {
            addOwnHook(new Thread(Coordinator::reportAtNotReached, "stasis-at-report"));
        }
        addOwnHook(new Thread(Coordinator::shutDown, "stasis-shutdown"));
        Triggers.start(s);
        if (s.interval != null || s.signal != null) {
            // Checkpoints will come on their own schedule: do the first one's set-up ahead, once the
            // program's own start-up is over. A program that never checkpoints does not pay for it.
            long delay = s.interval != null ? Math.min(WARM_UP_DELAY_MILLIS, s.interval.toMillis() / 2)
                    : WARM_UP_DELAY_MILLIS;
            HeapWriter.prepareAhead(ClassLoader.getSystemClassLoader(), delay);
        }
    }

    /**
     * Called by the agent when it loads a class that asks for checkpoints itself (calls {@code
     * Stasis.checkpoint()}, has {@code @Checkpoint} methods): as with interval= or signal=, the
     * first checkpoint's set-up is done ahead, once the program's own start-up is over, so that
     * the first pause is like the next. Idempotent.
     */
    public static void checkpointsExpected() {
        HeapWriter.prepareAhead(ClassLoader.getSystemClassLoader(), WARM_UP_DELAY_MILLIS);
    }

    /**
     * Makes the MBean {@code dev.stasis:type=Checkpointer} available: as soon as the JVM's JMX
     * machinery starts ({@link JmxStart}), or at once when the agent was attached to a JVM that is
     * already running, where it may have started before.
     */
    public static void offerMBean(Instrumentation inst, boolean attached) {
        if (attached) {
            MBEAN.registerInBackground();
        } else {
            JmxStart.watch(inst, MBEAN);
        }
    }

    /** The shutdown hooks a checkpoint does not carry: Stasis's own, and those left out. */
    private static Set<Thread> notCarriedHooks() {
        Set<Thread> notCarried = identitySet();
        notCarried.addAll(OWN_HOOKS);
        notCarried.addAll(LEFT_OUT_HOOKS);
        return notCarried;
    }

    /** Hooks are told apart by identity, whatever a Thread subclass's equals says (as the JDK's table does). */
    private static Set<Thread> identitySet() {
        return Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /** Registers a shutdown hook of Stasis's own, which checkpoints do not carry (see ExitActions). */
    private static void addOwnHook(Thread hook) {
        OWN_HOOKS.add(hook);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * A program that ends before its {@code at=N}-th safe point wrote no checkpoint: say so, with
     * the number of safe points it did pass, so a user (or a sweep looking for the last safe point)
     * can choose an N that is reached.
     */
    private static void reportAtNotReached() {
        long remaining;
        synchronized (LOCK) {
            remaining = atRemaining;
        }
        if (remaining > 0) {
            warn("stasis: no checkpoint for at=" + settings.at + ": the program ended after passing "
                    + (settings.at - remaining) + " safe points. Choose an N up to that number.");
        }
    }

    /** The agent starts on the main thread, unless it was attached to a running JVM. */
    private static Thread findMainThread() {
        Thread self = Thread.currentThread();
        if (self.getName().equals("main")) {
            return self;
        }
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            ThreadGroup group = t.getThreadGroup();
            if (t.getName().equals("main") && group != null && group.getName().equals("main")) {
                return t;
            }
        }
        return self;
    }

    /** The identity hash of the coordinator's lock, which threads may briefly wait for. */
    static int lockIdentity() {
        return System.identityHashCode(LOCK);
    }

    static boolean isInstalled() {
        return settings != null;
    }

    static boolean isRestored() {
        return restored;
    }

    static long timeoutMillis() {
        return settings.timeout.toMillis();
    }

    /**
     * Called by the restore driver before the restored program continues: this JVM is restored,
     * and the listeners the program had registered are registered again. {@code heapObjects}, the
     * number of objects the checkpoint held, sizes this JVM's first checkpoint's tables. {@code
     * main}: the thread that continues the program's main thread (this JVM's, or one with a larger
     * stack), which later checkpoints write as the main thread.
     */
    public static void markRestored(List<Object> listeners, long heapObjects, Thread main) {
        mainThread = main;
        restoredHeapObjects = heapObjects;
        restored = true;
        for (Object l : listeners) {
            Listeners.add((dev.stasis.CheckpointListener) l);
        }
    }

    /**
     * The threads a restore continues: none goes on past its checkpoint point before all have
     * re-entered their frames, and the listeners' {@code afterRestore} runs once, before any does.
     */
    public static ResumeGroup restoredThreads(int count) {
        return new ResumeGroup(count, Listeners::afterRestore);
    }

    /**
     * Asks for a checkpoint at the next capturable safe point; joins the pending request if there
     * is one. {@code exitStatus} >= 0 ends the JVM with that status once the file is on disk.
     */
    static CheckpointRequest request(String reason, int exitStatus) {
        CheckpointRequest r;
        synchronized (LOCK) {
            if (shuttingDown) {
                CheckpointRequest refused = new CheckpointRequest(reason, -1, System.nanoTime());
                refused.done.complete(new CheckpointRequest.Result(null, "stasis: checkpoint (" + reason
                        + ") not taken: " + SHUTTING_DOWN + "."));
                return refused;
            }
            if (joinsPending(exitStatus)) {
                return pending;
            }
            r = new CheckpointRequest(reason, exitStatus, System.nanoTime() + settings.timeout.toNanos());
            makePending(r);
        }
        StasisLog.debug(() -> "checkpoint requested (" + reason + "): taken at the next safe point where a whole"
                + " stack can be captured");
        Triggers.schedule(() -> expire(r), settings.timeout.toMillis());
        return r;
    }

    /**
     * Whether a request ending the JVM with {@code exitStatus} (or not, when negative) joins the
     * pending request rather than replacing it: one that does not end the JVM, or ends it alike.
     * Guarded by LOCK.
     */
    private static boolean joinsPending(int exitStatus) {
        return pending != null && (exitStatus < 0 || pending.exitStatus == exitStatus);
    }

    /** Makes {@code r} the pending request, superseding the one pending, and raises the safe points. Guarded by LOCK. */
    private static void makePending(CheckpointRequest r) {
        if (pending != null) {
            pending.done.complete(new CheckpointRequest.Result(null, "superseded by " + r.reason));
        }
        pending = r;
        entriesRaisedAt = System.nanoTime();
        SafePoint.raise(true);
    }

    /**
     * The JVM is shutting down (our hook runs, or a round about to start found so): the pending
     * request, if any, is dropped, and no other is taken.
     */
    private static void shutDown() {
        CheckpointRequest dropped;
        synchronized (LOCK) {
            shuttingDown = true;
            dropped = pending;
            pending = null;
            SafePoint.raise(atRemaining > 0 || Resume.active);
        }
        if (dropped != null) {
            dropped.done.complete(new CheckpointRequest.Result(null, SHUTTING_DOWN));
        }
        DiscardedCheckpoints.awaitDeleted(DELETION_AT_EXIT_MILLIS);
    }

    /**
     * Whether the JVM has begun to shut down. The flag comes from a hook of ours, which may start
     * after the program's hooks (the JVM starts them all at once, in no order); the JDK refuses new
     * hooks from the moment it starts them (Runtime.addShutdownHook: IllegalStateException), which
     * tells for sure. Asked once per request, when it is about to be honoured.
     */
    private static boolean jvmShuttingDown() {
        if (shuttingDown) {
            return true;
        }
        Thread probe = new Thread(() -> { }, "stasis-shutdown-probe");
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    private static final String SHUTTING_DOWN = "the JVM is shutting down: a checkpoint taken now could capture"
            + " only its shutdown hooks' threads, so none is taken";

    /** A request that found no capturable safe point in time is abandoned; the program goes on. */
    private static void expire(CheckpointRequest r) {
        synchronized (LOCK) {
            if (pending != r) {
                return;
            }
            pending = null;
            SafePoint.raise(atRemaining > 0 || Resume.active);
        }
        String blocker = r.lastBlocker != null ? r.lastBlocker
                : "no application thread reached a safe point (threads blocked in I/O or in code that is not"
                        + " instrumented, or no thread runs instrumented code)";
        String message = "stasis: checkpoint request (" + r.reason + ") abandoned after " + settings.timeout.toMillis()
                + " ms: " + blocker + ". The previous checkpoint, if any, is kept.";
        warn(message);
        r.done.complete(new CheckpointRequest.Result(null, message));
        if (r.exitStatus >= 0) {
            System.exit(r.exitStatus);
        }
    }

    /**
     * True when the current thread was re-entering its frames and has now reached the point it
     * stopped at: the resume is over, the listeners have been told, and the point must not
     * checkpoint again.
     */
    static boolean resumeEndsHere() {
        return endResume() != null;
    }

    /** Ends the current thread's resume if it has reached its checkpoint point: its outcome, or null. */
    private static Stasis.Outcome endResume() {
        if (!Resume.active) {
            return null;
        }
        return Resume.finishIfAtTop();
    }

    /** The checkpoint point of {@link Stasis#checkpoint()}. */
    static Stasis.Outcome checkpoint() {
        Stasis.Outcome resumed = endResume();
        if (resumed != null) {
            return resumed;
        }
        if (jvmShuttingDown()) {
            warn("stasis: no checkpoint taken in thread \"" + Thread.currentThread().getName() + "\": "
                    + SHUTTING_DOWN + ".");
            return Stasis.Outcome.UNAVAILABLE;
        }
        StackCheck.Result check = StackCheck.ofCurrentThread();
        if (!check.capturable()) {
            warn("stasis: no checkpoint taken in thread \"" + Thread.currentThread().getName()
                    + "\": its stack cannot be captured because of the frame " + check.blockingFrame + ".");
            return Stasis.Outcome.UNAVAILABLE;
        }
        return stopIn(roundToJoin(true), check);
    }

    /** A safe point was reached while a request is pending or {@code at=N} counts. */
    static void safePointReached() {
        if (resumeEndsHere()) {
            return;
        }
        // at=N promises the first capturable safe point from the N-th on, deterministically: no
        // backing off there (it is a testing option; its cost does not matter). Backing off is
        // decided before the lock: a thread backing off passes a safe point at nearly every call,
        // and taking the lock each time made such threads several times slower. A flag left up
        // after the request ended is lowered once the thread's delay is over (a few milliseconds).
        if (settings.at == 0 && !StackCheckBackoff.due()) {
            return;
        }
        CheckpointRequest r;
        synchronized (LOCK) {
            if (atRemaining > 0 && --atRemaining == 0 && pending == null) {
                pending = new CheckpointRequest("at=" + settings.at, settings.exit ? 0 : -1, Long.MAX_VALUE);
            }
            r = pending;
            if (r == null && round == null) {
                SafePoint.raise(atRemaining > 0 || Resume.active);
                return;
            }
        }
        StackCheck.Result check = StackCheck.ofCurrentThread();
        if (!check.capturable()) {
            StackCheckBackoff.notCapturable();
            if (settings.at == 0 && r != null) {
                dimEntries(r);
            }
            if (r != null) {
                String blocker = "thread \"" + Thread.currentThread().getName() + "\" was stopped by the frame "
                        + check.blockingFrame;
                if (!blocker.equals(r.lastBlocker)) {
                    StasisLog.debug(() -> "checkpoint request (" + r.reason + ") waits: " + blocker);
                }
                r.lastBlocker = blocker;
            }
            return;
        }
        StackCheckBackoff.capturable();
        CheckpointRound joined = roundToJoin(false);
        if (joined != null) {
            stopIn(joined, check);
        }
    }

    /**
     * A thread that cannot be captured now (a frame that is not instrumented lies below it) still
     * passes the method-entry poll at nearly every call while the request waits, and even backing
     * off ({@link StackCheckBackoff}) each pass costs a call and a look at the clock: an
     * interpreter whose dispatch loop is not instrumented ran several times slower for as long as
     * requests waited, which with {@code interval=} was the whole run. So method entries stop
     * polling for 9 ms after each millisecond in which they did (about a tenth of the cost); loop
     * heads keep polling, so a thread that gets back to a capturable loop sees the request as
     * soon as before, while one that can be captured only at a method entry sees it within 10 ms.
     * Once the request has waited {@link #LOOPS_DIMMED_AFTER_NANOS}, loop heads stop polling in
     * the same rhythm too: a stream's lambda whose hot loop runs under JDK frames (a genetic
     * algorithm's fitness function) still ran twice as slowly with its loop polling at every
     * iteration for the whole wait; a request that waits that long waits for a long computation
     * to leave such frames, and is taken within 10 ms of it instead of at once.
     * Not while a round gathers threads (they must stop promptly) or a thread resumes (its
     * prologues dispatch on the flag).
     */
    private static void dimEntries(CheckpointRequest r) {
        synchronized (LOCK) {
            long now = System.nanoTime();
            if (pending != r || round != null || entriesDimmed || Resume.active
                    || now - entriesRaisedAt < ENTRIES_UP_NANOS
                    || !SafePoint.dimEntries(now - r.madeAt >= LOOPS_DIMMED_AFTER_NANOS)) {
                return;
            }
            entriesDimmed = true;
        }
        Triggers.schedule(Coordinator::raiseEntries, ENTRIES_DIMMED_MILLIS);
    }

    private static void raiseEntries() {
        synchronized (LOCK) {
            entriesDimmed = false;
            entriesRaisedAt = System.nanoTime();
            SafePoint.raise(pending != null || round != null || atRemaining > 0 || Resume.active);
        }
    }

    /**
     * A thread waiting in one of {@link Waits}' replacements of a blocking call is between two
     * slices of its wait while a checkpoint is pending: it stops here like at a safe point, and
     * when it unwinds, the wait's own record ({@code key}, with {@code state}) is the top frame.
     */
    static void waitReached(String key, Waits.State state) {
        CheckpointRequest r;
        synchronized (LOCK) {
            r = pending;
            if (r == null && round == null) {
                return;
            }
        }
        StackCheck.Result check = StackCheck.ofCurrentThread();
        if (!check.capturable()) {
            if (r != null) {
                r.lastBlocker = "thread \"" + Thread.currentThread().getName() + "\" was stopped by the frame "
                        + check.blockingFrame;
            }
            return;
        }
        CheckpointRound joined = roundToJoin(false);
        if (joined == null || joined.stop(check) != CheckpointRound.Verdict.UNWIND) {
            return;
        }
        Unwind unwind = unwinding(joined, check.depth + 1);
        FrameRecord wait = FrameRecord.begin(unwind, key, 0);
        state.save(wait);
        throw wait.end();
    }

    /**
     * The round the current thread is to stop in: the one gathering threads, or a new one for the
     * pending request (or, when {@code explicit}, for a checkpoint point). A round past gathering is
     * waited for first. Null when there is nothing to join.
     */
    private static CheckpointRound roundToJoin(boolean explicit) {
        while (true) {
            CheckpointRound r;
            synchronized (LOCK) {
                r = round;
                if (r == null) {
                    CheckpointRequest request = pending;
                    if (request == null && !explicit) {
                        SafePoint.raise(atRemaining > 0 || Resume.active);
                        return null;
                    }
                    if (!explicit && jvmShuttingDown()) {
                        // (the JDK takes its hooks' lock only briefly, never waiting for ours)
                        shutDown();
                        return null;
                    }
                    pending = null;
                    long deadline = request != null && request.deadlineNanos != Long.MAX_VALUE ? request.deadlineNanos
                            : System.nanoTime() + settings.timeout.toNanos();
                    r = new CheckpointRound(request, deadline, mainThread, exitStatus(request, settings) < 0,
                            ROUND_END);
                    round = r;
                    SafePoint.raise(true);
                    return r;
                }
            }
            if (r.isGathering()) {
                return r;
            }
            r.awaitOver();
        }
    }

    /**
     * The status the JVM ends with once a round for {@code request} (null: a checkpoint point) has
     * written its checkpoint: the request's, 0 under {@code exit=true}, or -1: the program goes on.
     */
    private static int exitStatus(CheckpointRequest request, Settings s) {
        return request != null && request.exitStatus >= 0 ? request.exitStatus : s.exit ? 0 : -1;
    }

    /**
     * Stops the current thread in {@code r} until every application thread has stopped, then
     * unwinds it. UNAVAILABLE when it did not unwind here (the round failed, or the thread had to go
     * on to release what another thread waits for).
     */
    private static Stasis.Outcome stopIn(CheckpointRound r, StackCheck.Result check) {
        if (r.stop(check) == CheckpointRound.Verdict.UNWIND) {
            throw unwinding(r, check.depth);
        }
        return Stasis.Outcome.UNAVAILABLE;
    }

    /** The error that unwinds {@code depth} frames of a member of {@code r}, which then re-enters them. */
    private static Unwind unwinding(CheckpointRound r, int depth) {
        return new Unwind(depth, frames -> {
            r.recorded(frames);
            Resume.begin(frames, r.outcome, r.resumeGroup);
            return true;
        });
    }

    private static final CheckpointRound.RoundEnd ROUND_END = new CheckpointRound.RoundEnd() {
        @Override
        public void allRecorded(CheckpointRound r, List<Thread> members, List<List<FrameRecord>> frames) {
            r.outcome = written(r, members, frames);
            r.resumeGroup = new ResumeGroup(members.size(), Listeners::afterRestore);
            if (r.hasDeepMember()) {
                // the members begin to re-enter their frames once this returns
                Resume.expect(members, frames);
                RebuildFailure.watch(members, r.file, false);
            }
            synchronized (LOCK) {
                round = null;
            }
        }

        @Override
        public void refused(CheckpointRound r, RuntimeException cause) {
            synchronized (LOCK) {
                round = null;
                SafePoint.raise(pending != null || atRemaining > 0 || Resume.active);
            }
            String message = "stasis: checkpoint not taken: a listener refused it (" + cause + "). The program goes on;"
                    + " the previous checkpoint, if any, is kept.";
            r.observed.failed(message);
            StasisLog.debug(() -> message);
            if (r.request != null) {
                r.request.done.complete(new CheckpointRequest.Result(null, message));
            }
        }

        @Override
        public void tooDeep(CheckpointRound r, String message) {
            synchronized (LOCK) {
                round = null;
                SafePoint.raise(pending != null || atRemaining > 0 || Resume.active);
            }
            r.observed.failed(message);
            warn(message);
            if (r.request != null) {
                r.request.done.complete(new CheckpointRequest.Result(null, message));
            }
        }

        @Override
        public void failed(CheckpointRound r, String missing) {
            synchronized (LOCK) {
                round = null;
                SafePoint.raise(pending != null || atRemaining > 0 || Resume.active);
            }
            CheckpointRequest request = r.request;
            String message = "stasis: checkpoint" + (request != null ? " request (" + request.reason + ")" : "")
                    + " abandoned after " + settings.timeout.toMillis() + " ms: not every application thread reached"
                    + " a safe point where its stack can be captured: " + missing + ". Nothing was written and the"
                    + " program goes on; a thread blocked in I/O, in a wait Stasis does not handle, or in code that is"
                    + " not instrumented cannot be checkpointed there.";
            r.observed.failed(message);
            warn(message);
            if (request != null) {
                request.done.complete(new CheckpointRequest.Result(null, message));
                if (request.exitStatus >= 0) {
                    System.exit(request.exitStatus);
                }
            }
        }
    };

    /** Every member of the round has recorded its frames: write the checkpoint, then exit or continue. */
    private static Stasis.Outcome written(CheckpointRound round, List<Thread> members, List<List<FrameRecord>> frames) {
        // The thread that writes may be one the application interrupted: a FileChannel would
        // refuse it (ClosedByInterruptException). Its status is set again afterwards.
        boolean interrupted = Thread.interrupted();
        try {
            return writtenBy(round, members, frames);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Stasis.Outcome writtenBy(CheckpointRound round, List<Thread> members, List<List<FrameRecord>> frames) {
        Settings s = settings;
        CheckpointRequest request = round.request;
        Stasis.Outcome outcome;
        try {
            Written written = write(round, members, frames, s);
            Path file = written.file;
            round.file = file;
            long millis = (System.nanoTime() - round.startNanos) / 1_000_000;
            MBEAN.recorded(file, Files.size(file), millis);
            int frameCount = frameCount(frames);
            round.observed.succeeded(file, Files.size(file), members.size(), frameCount,
                    Heap.WRITER.lastObjectCount());
            StasisLog.debug(() -> "checkpoint written to " + file + ": " + members.size() + " thread(s), " + frameCount
                    + " frame(s), " + Heap.WRITER.lastObjectCount() + " object(s), " + millis + " ms");
            heldForGoodBy = null;
            if (request != null) {
                request.done.complete(new CheckpointRequest.Result(file, null));
            }
            int exitStatus = exitStatus(request, s);
            if (exitStatus >= 0) {
                ExitActions.withdraw(written.snapshot.shutdownHooks, written.snapshot.filesToDelete);
                System.out.flush();
                StasisLog.info("stasis: checkpoint written to " + file + "; exiting with status " + exitStatus);
                if (request != null && request.reason.equals("JMX")) {
                    awaitAnswerSent(request);
                }
                System.exit(exitStatus);
            }
            outcome = Stasis.Outcome.TAKEN;
        } catch (UncheckpointableObjectException e) {
            round.observed.failed(e.getMessage());
            String holder = holdingMethod(e, frames);
            if (holder != null && retryLater(request, holder, e.getMessage())) {
                outcome = Stasis.Outcome.UNAVAILABLE;
            } else {
                String attempts = attempts(request, holder);
                if (holder != null && retriable(request)) {
                    heldForGoodBy = holder;
                }
                outcome = failed(request, "stasis: checkpoint not written" + attempts + ": " + e.getMessage());
            }
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            round.observed.failed(e.toString());
            outcome = failed(request, "stasis: checkpoint not written: " + e
                    + ". The program goes on; the previous checkpoint, if any, is kept.");
        }
        return outcome;
    }

    /**
     * The method (its key) of the frame whose locals or operand stack reached the object {@code e}
     * names, or null when no frame did.
     */
    private static String holdingMethod(UncheckpointableObjectException e, List<List<FrameRecord>> frames) {
        int root = e.root();
        if (root < 0) {
            return null;
        }
        for (List<FrameRecord> thread : frames) {
            if (root < thread.size()) {
                return thread.get(root).method();
            }
            root -= thread.size();
        }
        return null;
    }

    /** How many frames the threads recorded: the heap's first roots, one per frame. */
    private static int frameCount(List<List<FrameRecord>> frames) {
        int count = 0;
        for (List<FrameRecord> f : frames) {
            count += f.size();
        }
        return count;
    }

    /**
     * A checkpoint that was asked for (interval, signal, the API's request, JMX) failed on an object
     * a frame holds: often a library's local in the middle of one operation (Groovy holds a
     * java.beans introspection result while it builds a metaclass), gone a few milliseconds later.
     * So such a failure is not final at once: the threads go on, and the request is made again after
     * 10, 20, 40... ms, at most {@link #RETRIES} times and never past its deadline; only the last
     * failure is reported. An object a frame holds for good (a socket in the main loop) costs those
     * few attempts per request, so a request that fails at once on an object held by a frame of
     * the method whose frame held one when the last request was given up ({@link #heldForGoodBy})
     * is not tried again (a script engine's main method holding its call sites' method handles:
     * six heap walks per interval, about a second, were a tax on the whole run). {@code at=N}
     * (deterministic, for tests) and checkpoint points (whose caller is told at once) are not
     * tried again. False when {@code r} is not to be tried again.
     */
    private static boolean retryLater(CheckpointRequest r, String holder, String failure) {
        if (!retriable(r) || r.attempts >= RETRIES || heldAgain(r, holder)) {
            return false;
        }
        long delayMillis = FIRST_RETRY_MILLIS << r.attempts;
        long now = System.nanoTime();
        if (now + TimeUnit.MILLISECONDS.toNanos(delayMillis) >= r.deadlineNanos) {
            return false;
        }
        if (r.attempts == 0) {
            r.firstFailureAt = now;
        }
        r.attempts++;
        r.lastBlocker = "its checkpoint could not be written: " + failure;
        StasisLog.debug(() -> "checkpoint request (" + r.reason + ") tried again in " + delayMillis + " ms: " + failure);
        Triggers.schedule(() -> retry(r), delayMillis);
        return true;
    }

    private static final int RETRIES = 5;
    private static final long FIRST_RETRY_MILLIS = 10;
    /**
     * The method whose frame held what failed the last requested checkpoint that was given up
     * after its attempts, until a checkpoint is written; see {@link #retryLater}.
     */
    private static volatile String heldForGoodBy;

    /** Whether {@code r} is a request whose failures may be tried again (see {@link #retryLater}). */
    private static boolean retriable(CheckpointRequest r) {
        return r != null && r.deadlineNanos != Long.MAX_VALUE;
    }

    /** Whether {@code r} failed at its first attempt where the last request given up failed. */
    private static boolean heldAgain(CheckpointRequest r, String holder) {
        return r.attempts == 0 && holder != null && holder.equals(heldForGoodBy);
    }

    /** How many times a failed request was tried, for its report (empty when once, and nothing to say why). */
    private static String attempts(CheckpointRequest r, String holder) {
        if (!retriable(r)) {
            return "";
        }
        if (heldAgain(r, holder)) {
            String method = holder.substring(0, holder.indexOf('(')).replace('/', '.');
            return " (not tried again: a frame of " + method + " held such an object when the previous request gave up"
                    + " too)";
        }
        if (r.attempts == 0) {
            return "";
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - r.firstFailureAt);
        return " (tried " + (r.attempts + 1) + " times over " + millis + " ms)";
    }

    /**
     * Makes {@code r} pending again (see {@link #retryLater}), or has it follow the request that
     * became pending meanwhile, as {@link #request} joins a new request to a pending one.
     */
    private static void retry(CheckpointRequest r) {
        synchronized (LOCK) {
            if (shuttingDown) {
                r.done.complete(new CheckpointRequest.Result(null, "stasis: checkpoint (" + r.reason
                        + ") not taken: " + SHUTTING_DOWN + "."));
            } else if (joinsPending(r.exitStatus)) {
                pending.done.thenAccept(r.done::complete);
            } else {
                makePending(r);
            }
        }
    }

    /**
     * Writes the checkpoint. When static fields hold something that cannot be checkpointed (a
     * thread pool, a method handle, a formatter the JDK cannot describe: typically constants of a
     * library), those fields are left out, once and for all in this JVM, with a warning, and a
     * restored program runs the class's static initializer again to re-create them before its other
     * static fields are set from the checkpoint. Anything else that cannot be checkpointed fails
     * the checkpoint.
     */
    private static Written write(CheckpointRound round, List<Thread> threads, List<List<FrameRecord>> frames,
            Settings s) throws IOException {
        Heap.WRITER.threads(threads);
        if (threads.contains(mainThread)) {
            Heap.WRITER.bind(mainThread, HeapWriter.MAIN_THREAD);
        } else {
            Heap.WRITER.unbind(mainThread);
        }
        int frameCount = frameCount(frames);
        try {
            while (true) {
                Snapshot snapshot = snapshot(round, threads, frames, s);
                try {
                    return new Written(CheckpointWriter.write(snapshot, s.dir, s.keep, Heap.WRITER, s.key), snapshot);
                } catch (UncheckpointableObjectException e) {
                    int index = e.root() - frameCount;
                    // after the statics' roots: the listeners', then the exit actions'
                    if (index == snapshot.statics.size() + 1) {
                        leaveOutHooks(snapshot.shutdownHooks, e);
                    } else if (index >= 0 && index < snapshot.statics.size()) {
                        leaveOut(snapshot.statics.get(index), e);
                    } else {
                        throw e;
                    }
                }
            }
        } finally {
            // the writer is kept for the JVM's life: it must not keep ended threads reachable
            Heap.WRITER.threads(null);
        }
    }

    private static void leaveOut(StaticFields fields, UncheckpointableObjectException cause) {
        Set<String> bad = new TreeSet<>();
        for (int k = 0; k < fields.names.length; k++) {
            if (!writable(fields.values[k])) {
                bad.add(fields.names[k]);
            }
        }
        if (bad.isEmpty()) {
            throw cause;
        }
        LEFT_OUT.computeIfAbsent(fields.className, c -> ConcurrentHashMap.newKeySet()).addAll(bad);
        warn("stasis: static field(s) " + bad + " of " + fields.className + " are left out of checkpoints, and a"
                + " restored program runs that class's static initializer again to re-create them (its other"
                + " static fields are restored), because they hold what cannot be checkpointed: "
                + cause.getMessage());
    }

    /** Whether {@code value} and what it reaches can be checkpointed, tried alone. */
    private static boolean writable(Object value) {
        try {
            Heap.WRITER.write(new Object[] {value}, OutputStream.nullOutputStream());
            return true;
        } catch (UncheckpointableObjectException | IOException e) {
            return false;
        }
    }

    /** A checkpoint on disk and the snapshot it holds. */
    private static final class Written {
        final Path file;
        final Snapshot snapshot;

        Written(Path file, Snapshot snapshot) {
            this.file = file;
            this.snapshot = snapshot;
        }
    }

    /**
     * Shutdown hooks that hold what cannot be checkpointed (a thread pool they shut down, a socket
     * they close) are left out, once and for all in this JVM, with a warning: a restored program
     * does not run them when it ends. The checkpoint does not fail for them, as it did not before
     * Stasis carried hooks at all.
     */
    private static void leaveOutHooks(List<Thread> hooks, UncheckpointableObjectException cause) {
        List<String> bad = new ArrayList<>();
        for (Thread hook : hooks) {
            if (!writable(hook)) {
                LEFT_OUT_HOOKS.add(hook);
                bad.add("\"" + hook.getName() + "\" (" + hook.getClass().getName() + ")");
            }
        }
        if (bad.isEmpty()) {
            throw cause;
        }
        warn("stasis: the shutdown hook(s) " + bad + " are left out of checkpoints: a restored program does not run"
                + " them when it ends (this JVM still does), because they hold what cannot be checkpointed: "
                + cause.getMessage());
    }

    /**
     * Gives the JMX client (the {@code checkpoint PID --exit} command) its answer before the JVM
     * ends: the MBean thread counts down once it has the result, and the reply needs a moment to
     * leave the process. Bounded, so a vanished client cannot keep the JVM alive.
     */
    private static void awaitAnswerSent(CheckpointRequest request) {
        try {
            if (request.answered.await(5, TimeUnit.SECONDS)) {
                Thread.sleep(300);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Stasis.Outcome failed(CheckpointRequest request, String message) {
        warn(message);
        if (request != null) {
            request.done.complete(new CheckpointRequest.Result(null, message));
        }
        return Stasis.Outcome.UNAVAILABLE;
    }

    private static Snapshot snapshot(CheckpointRound round, List<Thread> threads, List<List<FrameRecord>> frames,
            Settings s) {
        Map<String, MethodInfo> methods = new LinkedHashMap<>();
        List<CapturedThread> captured = new ArrayList<>();
        for (int k = 0; k < threads.size(); k++) {
            Thread t = threads.get(k);
            for (FrameRecord r : frames.get(k)) {
                MethodInfo info = MethodTable.info(r.method());
                if (info != null) {
                    methods.put(r.method(), info);
                }
            }
            captured.add(new CapturedThread(t.getName(), t.isDaemon(), t.getPriority(), frames.get(k), t,
                    round.wasInterrupted(t)));
        }
        List<Class<?>> classes = ClassInit.initialized();
        // bound to this JVM's native libraries: a restored JVM initializes them afresh
        classes.removeIf(NativeLibraryClasses::isBound);
        // defined at run time in the application class loader: a restored JVM has no such class,
        // and the heap writer refuses whatever refers to one
        classes.removeIf(c -> !ClassPathClasses.found(c));
        List<String> classNames = new ArrayList<>();
        for (Class<?> c : classes) {
            if (!LEFT_OUT.containsKey(c.getName())) {
                classNames.add(c.getName());
            }
        }
        List<StaticFields> statics = new ArrayList<>();
        for (StaticFields f : StaticFieldAccess.read(classes)) {
            statics.add(withoutLeftOut(f));
        }
        String base = frames.get(0).get(0).method();
        String mainClass = base.substring(0, base.indexOf('.')).replace('/', '.');
        CheckpointHeader header = CheckpointHeader.ofThisJvm(mainClass, System.getProperty("java.class.path", ""),
                s.agentArguments());
        return new Snapshot(header, new ArrayList<>(methods.values()), classNames, captured, statics,
                List.copyOf(Listeners.registered()), CarriedClasses.current(),
                ExitActions.shutdownHooks(notCarriedHooks()), ExitActions.filesToDelete());
    }

    private static StaticFields withoutLeftOut(StaticFields f) {
        Set<String> out = LEFT_OUT.get(f.className);
        if (out == null) {
            return f;
        }
        List<String> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (int k = 0; k < f.names.length; k++) {
            if (!out.contains(f.names[k])) {
                names.add(f.names[k]);
                values.add(f.values[k]);
            }
        }
        return new StaticFields(f.className, names.toArray(new String[0]), values.toArray());
    }

    static void warn(String message) {
        StasisLog.warn(message);
    }

    /** Created with the first checkpoint (a holder class), not when the agent starts. */
    private static final class Heap {
        /**
         * One writer for the JVM's life: it keeps its Kryo instance and class registrations warm.
         * Strings of up to 64 characters are written as values and interned on read, so a string
         * that was a literal (interned) is the new JVM's literal again; the price is that equal short
         * strings that were distinct objects come back as one (see docs/LIMITATIONS.md).
         */
        static final HeapWriter WRITER = new HeapWriter(ClassLoader.getSystemClassLoader()).inlineShortStrings(64)
                .expectObjects(restoredHeapObjects);
    }
}

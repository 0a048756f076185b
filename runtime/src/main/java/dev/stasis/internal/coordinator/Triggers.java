package dev.stasis.internal.coordinator;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * Stasis's one background thread: periodic requests ({@code interval=}), request deadlines, and
 * the signal trigger ({@code signal=}). The thread starts with the first task, so that a JVM that
 * never asks for a checkpoint does not pay for it at start-up; whichever thread submits that task,
 * the new thread belongs where the agent started (its thread group and context class loader) and
 * inherits none of the submitter's inheritable thread-local values.
 */
final class Triggers {

    private static ThreadGroup group;
    private static ClassLoader contextLoader;
    private static ScheduledExecutorService scheduler;

    private Triggers() {
    }

    static void start(Settings s) {
        synchronized (Triggers.class) {
            Thread self = Thread.currentThread();
            group = self.getThreadGroup();
            contextLoader = self.getContextClassLoader();
        }
        if (s.interval != null) {
            schedule(() -> periodic(s), s.interval.toMillis());
        }
        if (s.signal != null) {
            Signal.handle(new Signal(s.signal), sig -> Coordinator.request("signal " + s.signal, 128 + sig.getNumber()));
        }
    }

    /**
     * Requests the periodic checkpoint, and the next one {@code interval=} after this one is over
     * (written, failed, or abandoned), not at a fixed rate: a checkpoint of a large heap can take
     * longer than the interval (a 16 MB in-memory database took 0.5 s against interval=400ms),
     * and at a fixed rate the next request was already waiting when the program went on, so it
     * stopped again at its first safe point and made no progress at all. So the program always runs
     * for at least an interval between two periodic checkpoints.
     */
    private static void periodic(Settings s) {
        CheckpointRequest r = Coordinator.request("interval=" + s.interval, s.exit ? 0 : -1);
        r.done.whenComplete((result, failure) -> schedule(() -> periodic(s), s.interval.toMillis()));
    }

    static void schedule(Runnable task, long delayMillis) {
        scheduler().schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }

    private static synchronized ScheduledExecutorService scheduler() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(group, r, "stasis-triggers", 0, false);
                t.setDaemon(true);
                if (group != null) {
                    t.setContextClassLoader(contextLoader);
                }
                return t;
            });
        }
        return scheduler;
    }
}

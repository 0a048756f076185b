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
            long ms = s.interval.toMillis();
            scheduler().scheduleAtFixedRate(() -> Coordinator.request("interval=" + s.interval, s.exit ? 0 : -1), ms,
                    ms, TimeUnit.MILLISECONDS);
        }
        if (s.signal != null) {
            Signal.handle(new Signal(s.signal), sig -> Coordinator.request("signal " + s.signal, 128 + sig.getNumber()));
        }
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

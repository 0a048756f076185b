package dev.stasis.internal.coordinator;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * Stasis's one background thread: periodic requests ({@code interval=}), request deadlines, the
 * signal trigger ({@code signal=}) and the MBean's registration.
 */
final class Triggers {

    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stasis-triggers");
        t.setDaemon(true);
        return t;
    });

    private Triggers() {
    }

    static void start(Settings s, Checkpointer mbean) {
        SCHEDULER.execute(mbean::register);
        if (s.interval != null) {
            long ms = s.interval.toMillis();
            SCHEDULER.scheduleAtFixedRate(() -> Coordinator.request("interval=" + s.interval, s.exit ? 0 : -1), ms, ms,
                    TimeUnit.MILLISECONDS);
        }
        if (s.signal != null) {
            Signal.handle(new Signal(s.signal), sig -> Coordinator.request("signal " + s.signal, 128 + sig.getNumber()));
        }
    }

    static void schedule(Runnable task, long delayMillis) {
        SCHEDULER.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }
}

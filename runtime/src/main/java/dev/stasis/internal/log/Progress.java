package dev.stasis.internal.log;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A progress line on stderr for a checkpoint or restore that lasts over a second, updated each
 * second, only when the JVM runs on a terminal ({@code System.console() != null}): a program whose
 * output is piped or redirected, as scripts and tests run it, never gets it.
 */
public final class Progress {

    private static final long PERIOD_MILLIS = 1000;
    private static final Progress NONE = new Progress(null, null, 0);
    private static ScheduledExecutorService ticker;

    private final String what;
    private final ScheduledFuture<?> task;
    private final long startNanos;
    private boolean shown;
    private boolean stopped;

    private Progress(String what, ScheduledFuture<?> task, long startNanos) {
        this.what = what;
        this.task = task;
        this.startNanos = startNanos;
    }

    /** Starts watching an operation described as {@code what} ("writing checkpoint"). */
    public static Progress start(String what) {
        if (System.console() == null) {
            return NONE;
        }
        long startNanos = System.nanoTime();
        Progress[] self = new Progress[1];
        ScheduledFuture<?> task = ticker().scheduleAtFixedRate(() -> {
            Progress p = self[0];
            if (p != null) {
                p.tick();
            }
        }, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        self[0] = new Progress(what, task, startNanos);
        return self[0];
    }

    private static synchronized ScheduledExecutorService ticker() {
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "stasis-progress");
                t.setDaemon(true);
                return t;
            });
        }
        return ticker;
    }

    private synchronized void tick() {
        if (stopped) {
            return;
        }
        shown = true;
        System.err.print("\rstasis: " + what + "... " + (System.nanoTime() - startNanos) / 1_000_000_000L + " s");
        System.err.flush();
    }

    /** The operation is over: the line, if one was shown, ends with the total time. */
    public synchronized void stop() {
        if (task == null) {
            return;
        }
        task.cancel(false);
        stopped = true;
        if (shown) {
            System.err.println(String.format(Locale.ROOT, "\rstasis: %s took %.1f s", what,
                    (System.nanoTime() - startNanos) / 1e9));
        }
    }
}

package dev.stasis.internal.heap;

import java.util.concurrent.Callable;

/**
 * Runs a heap write or read on a thread with a large stack. Graph traversal recurses once per
 * level of object nesting, and application data structures (long linked lists, deep trees) nest
 * far deeper than a default thread stack allows. The caller waits for the result.
 */
final class BigStack {

    /** Stack sizes tried in turn (some systems refuse to reserve a large one); then the caller's thread. */
    private static final long[] STACK_BYTES = {512L << 20, 64L << 20};

    private BigStack() {
    }

    static <T> T call(String name, Callable<T> task) throws Exception {
        Object[] result = new Object[2];
        Runnable body = () -> {
            try {
                result[0] = task.call();
            } catch (Throwable e) {
                result[1] = e;
            }
        };
        Thread t = null;
        for (long size : STACK_BYTES) {
            Thread candidate = new Thread(null, body, name, size);
            candidate.setDaemon(true);
            try {
                candidate.start();
                t = candidate;
                break;
            } catch (OutOfMemoryError e) {
                // the system would not reserve a stack this large; try a smaller one
            }
        }
        if (t == null) {
            body.run();
        } else {
            join(t);
        }
        if (result[1] instanceof Exception) {
            throw (Exception) result[1];
        }
        if (result[1] instanceof Error) {
            throw (Error) result[1];
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    private static void join(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

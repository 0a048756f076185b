package dev.stasis.internal.heap;

/**
 * Loads and links the heap machinery (Kryo, the serializers and their lambdas: about a thousand
 * classes, a quarter of a second in a cold JVM) on a background thread, so that neither the
 * first checkpoint of a JVM nor a restore pays it on the application's time. Class loading and
 * lambda linkage are global to the JVM: the throwaway Kryo built here makes the real one cheap.
 * Once per JVM.
 *
 * <p>It stops there. Writing and reading a practice graph as well, so that the JIT would compile
 * the inner loops ahead, made restores of a 100 MB heap 1.6 to 2.3 times slower on a loaded
 * 2-processor machine: the practice competes with the restore for the processors and the JIT.
 */
final class HeapWarmUp {

    private static Thread started;

    private HeapWarmUp() {
    }

    /**
     * Starts the warm-up after {@code delayMillis}: a restore needs the machinery at once, while a
     * running program may never checkpoint, and its own start-up should not compete with this.
     */
    static synchronized void start(ClassLoader loader, long delayMillis) {
        if (started != null) {
            if (delayMillis == 0) {
                // a restore asks for it now: cut short the delay of one started with the agent
                started.interrupt();
            }
            return;
        }
        // A class, not a lambda: this runs while the agent starts, which should not link lambdas.
        Thread t = new Thread("stasis-heap-warm-up") {
            @Override
            public void run() {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    // wanted now
                }
                try {
                    HeapKryo.create(loader, name -> true);
                } catch (RuntimeException | LinkageError e) {
                    // only a head start: whatever failed here fails again, and is reported, where it is needed
                }
            }
        };
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        started = t;
    }
}

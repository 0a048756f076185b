package e2e.threads;

import dev.stasis.Stasis;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Four threads increment one counter in a synchronized method (which makes a call, so a thread can
 * stop inside it, holding the monitor the others wait for) while the main thread checkpoints once
 * all have started. Each thread also keeps its own count in a local, so a thread that lost or
 * repeated work after the restore shows in its line, and a broken mutual exclusion in the total.
 */
public final class SynchronizedCounter {

    static final int THREADS = 4;
    static final int INCREMENTS = 2_000_000;

    private long counter;
    private final AtomicInteger started = new AtomicInteger();

    synchronized void increment() {
        counter = plusOne(counter);
    }

    private static long plusOne(long v) {
        return v + 1;
    }

    public static void main(String[] args) throws InterruptedException {
        SynchronizedCounter c = new SynchronizedCounter();
        long[] own = new long[THREADS];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                long mine = 0;
                c.started.incrementAndGet();
                for (int i = 0; i < INCREMENTS; i++) {
                    c.increment();
                    mine++;
                }
                own[id] = mine;
            }, "worker-" + t);
            threads.add(thread);
        }
        System.out.println("starting " + THREADS + " threads");
        for (Thread t : threads) {
            t.start();
        }
        while (c.started.get() < THREADS) {
            Thread.onSpinWait();
        }
        Stasis.Outcome outcome = Stasis.checkpoint();
        System.err.println("outcome: " + outcome);
        for (Thread t : threads) {
            t.join();
        }
        for (int t = 0; t < THREADS; t++) {
            System.out.println(threads.get(t).getName() + " counted " + own[t]);
        }
        System.out.println("total " + c.counter);
    }
}

package e2e.threads;

import dev.stasis.Stasis;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Eight threads increment shared and private counters while the main thread takes 200
 * checkpoints in a row, going on after each (continue mode). Prints on stdout how many were
 * taken, whether an update was lost, and the JVM's thread count and retained heap (after GC)
 * after the first 20 cycles and after the last, so a test can see growth.
 */
public final class Stress {

    static final int THREADS = 8;
    public static final int CYCLES = 200;

    private long shared;
    private volatile boolean stop;

    synchronized void add() {
        shared = plusOne(shared);
    }

    private static long plusOne(long v) {
        return v + 1;
    }

    public static void main(String[] args) throws InterruptedException {
        Stress s = new Stress();
        long[] own = new long[THREADS];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            threads.add(new Thread(() -> {
                long mine = 0;
                while (!s.stop) {
                    s.add();
                    mine++;
                }
                own[id] = mine;
            }, "stress-" + t));
        }
        for (Thread t : threads) {
            t.start();
        }
        int taken = 0;
        long threadsAt20 = 0;
        long heapAt20 = 0;
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            if (Stasis.checkpoint() == Stasis.Outcome.TAKEN) {
                taken++;
            }
            if (cycle == 20) {
                threadsAt20 = ManagementFactory.getThreadMXBean().getThreadCount();
                heapAt20 = retained();
            }
        }
        long threadsAtEnd = ManagementFactory.getThreadMXBean().getThreadCount();
        long heapAtEnd = retained();
        s.stop = true;
        long sum = 0;
        for (int t = 0; t < THREADS; t++) {
            threads.get(t).join();
            sum += own[t];
        }
        System.out.println("taken " + taken + " of " + CYCLES);
        System.out.println("lost updates " + (sum - s.shared));
        System.out.println("threads after 20 " + threadsAt20 + ", after " + CYCLES + " " + threadsAtEnd);
        System.out.println("retained heap after 20 " + heapAt20 + ", after " + CYCLES + " " + heapAtEnd);
    }

    private static long retained() {
        for (int k = 0; k < 3; k++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}

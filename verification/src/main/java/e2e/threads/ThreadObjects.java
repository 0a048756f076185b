package e2e.threads;

import dev.stasis.Stasis;
import java.util.ArrayList;
import java.util.List;

/**
 * What a restored thread is besides its frames: a Thread subclass with fields, its name, priority,
 * daemon flag, uncaught-exception handler and interrupt status (one worker interrupts itself), its
 * ThreadLocal values (each thread its own), heap references to Thread objects (a list, a field,
 * {@code currentThread()}), a thread that had ended
 * before the checkpoint, {@code join} on restored threads, and a daemon thread that never ends
 * (the restored JVM must end when the main thread does, as the original).
 */
public final class ThreadObjects {

    static final ThreadLocal<String> LABEL = new ThreadLocal<>();
    static final InheritableThreadLocal<Integer> INHERITED = new InheritableThreadLocal<>();
    static final List<Thread> ALL = new ArrayList<>();
    static volatile int running;
    static volatile String handled;

    static final class Worker extends Thread {
        final int id;
        long sum;
        Worker self;
        String report;

        Worker(int id) {
            super("worker-" + id);
            this.id = id;
        }

        @Override
        public void run() {
            LABEL.set("label of " + id);
            self = this;
            if (id == 1) {
                interrupt();
            }
            synchronized (ALL) {
                running++;
            }
            for (int i = 1; i <= 3_000_000; i++) {
                sum += step(i);
            }
            report = getName() + " sum=" + sum + " label=" + LABEL.get() + " inherited=" + INHERITED.get()
                    + " self=" + (self == Thread.currentThread()) + " inList=" + ALL.contains(Thread.currentThread())
                    + " priority=" + getPriority() + " daemon=" + isDaemon() + " interrupted=" + isInterrupted();
        }

        private long step(int i) {
            return i % (id + 2);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        LABEL.set("label of main");
        INHERITED.set(42);
        Thread ended = new Thread(() -> { }, "ended");
        ended.start();
        ended.join();
        List<Worker> workers = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            Worker w = new Worker(k);
            w.setPriority(Thread.NORM_PRIORITY - k);
            w.setUncaughtExceptionHandler((t, e) -> handled = "handler of " + t.getName() + ": " + e.getMessage());
            workers.add(w);
        }
        Thread failing = new Thread(() -> {
            long n = 0;
            for (int i = 0; i < 5_000_000; i++) {
                n += i & 3;
            }
            throw new IllegalStateException("failed after " + n);
        }, "failing");
        failing.setUncaughtExceptionHandler(workers.get(0).getUncaughtExceptionHandler());
        Thread forever = new Thread(() -> {
            long spins = 0;
            while (true) {
                spins++;
            }
        }, "forever");
        forever.setDaemon(true);
        synchronized (ALL) {
            ALL.addAll(workers);
            ALL.add(failing);
            ALL.add(forever);
        }
        for (Thread t : ALL) {
            t.start();
        }
        while (running < workers.size()) {
            Thread.onSpinWait();
        }
        System.err.println("outcome: " + Stasis.checkpoint());
        System.out.println("main: label=" + LABEL.get() + " inherited=" + INHERITED.get() + " ended alive="
                + ended.isAlive() + " name=" + ended.getName());
        for (Worker w : workers) {
            w.join();
            System.out.println(w.report);
        }
        failing.join();
        System.out.println(handled);
        System.out.println("failing alive=" + failing.isAlive() + " forever alive=" + forever.isAlive()
                + " daemon=" + forever.isDaemon());
    }
}

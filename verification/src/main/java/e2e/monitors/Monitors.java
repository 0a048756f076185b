package e2e.monitors;

import dev.stasis.Stasis;

/**
 * The checkpoint while holding monitors: in a synchronized method, a static synchronized method,
 * nested synchronized blocks on two objects, and the same object entered twice. After the restore
 * the thread must hold exactly those monitors ({@code notifyAll} throws if one is missing), leaving
 * them must release them, and another thread must then be able to take them.
 */
public final class Monitors {

    private final Object lock = new Object();
    private final Object other = new Object();
    private int counter;

    public static void main(String[] args) throws InterruptedException {
        Monitors m = new Monitors();
        switch (args[0]) {
            case "method":
                m.syncMethod();
                report("this", m);
                break;
            case "static":
                staticSync();
                report("Monitors.class", Monitors.class);
                break;
            case "blocks":
                m.blocks();
                report("lock", m.lock);
                report("other", m.other);
                break;
            case "reentrant":
                m.reentrant();
                report("lock", m.lock);
                break;
            default:
                throw new IllegalArgumentException("unknown case " + args[0]);
        }
        System.out.println("counter " + m.counter);
    }

    synchronized void syncMethod() {
        counter++;
        System.out.println("before: holds this " + Thread.holdsLock(this));
        Stasis.checkpoint();
        System.out.println("after: holds this " + Thread.holdsLock(this));
        notifyAll();
        counter++;
    }

    static synchronized void staticSync() {
        System.out.println("before: holds class " + Thread.holdsLock(Monitors.class));
        Stasis.checkpoint();
        System.out.println("after: holds class " + Thread.holdsLock(Monitors.class));
        Monitors.class.notifyAll();
    }

    void blocks() {
        synchronized (lock) {
            counter++;
            synchronized (other) {
                System.out.println("before: holds lock " + Thread.holdsLock(lock) + " other " + Thread.holdsLock(other));
                Stasis.checkpoint();
                System.out.println("after: holds lock " + Thread.holdsLock(lock) + " other " + Thread.holdsLock(other));
                lock.notifyAll();
                other.notifyAll();
            }
            System.out.println("left other: holds lock " + Thread.holdsLock(lock) + " other " + Thread.holdsLock(other));
            lock.notifyAll();
        }
    }

    void reentrant() {
        synchronized (lock) {
            synchronized (lock) {
                System.out.println("before: holds lock " + Thread.holdsLock(lock));
                Stasis.checkpoint();
                System.out.println("after: holds lock " + Thread.holdsLock(lock));
            }
            System.out.println("left inner block: holds lock " + Thread.holdsLock(lock));
            lock.notifyAll();
        }
    }

    /** After leaving, this thread holds nothing, and another thread can take the monitor at once. */
    static void report(String name, Object monitor) throws InterruptedException {
        System.out.println("left all: holds " + name + " " + Thread.holdsLock(monitor));
        boolean[] taken = {false};
        Thread t = new Thread(() -> {
            synchronized (monitor) {
                taken[0] = true;
            }
        });
        t.setDaemon(true);
        t.start();
        t.join(10_000);
        System.out.println("another thread took " + name + ": " + taken[0]);
    }
}

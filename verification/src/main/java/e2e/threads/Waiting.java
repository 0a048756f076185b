package e2e.threads;

import dev.stasis.Stasis;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Threads checkpointed while they wait: the main thread takes the checkpoint once the other threads
 * are blocked (or contending), then lets them go on. After the restore each thread must be back in
 * its wait, wake when it would have, and see no interrupt it did not cause; only the main thread
 * prints, after joining the others.
 */
public final class Waiting {

    static final Object MONITOR = new Object();
    static boolean ready;

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "queue":
                queue();
                break;
            case "lock":
                lock();
                break;
            case "wait":
                waitNotify();
                break;
            case "sleep":
                sleep();
                break;
            case "latch":
                latchAndSemaphore();
                break;
            case "condition":
                condition();
                break;
            case "barrier":
                barrier();
                break;
            case "pingpong":
                pingPong();
                break;
            case "rwlock":
                readWriteLock();
                break;
            case "refqueue":
                referenceQueue();
                break;
            default:
                throw new IllegalArgumentException("unknown case " + args[0]);
        }
    }

    /**
     * A cleaner thread, as libraries run one for the life of the program, blocks in a reference
     * queue's remove(), untimed and timed in turn; the checkpoint is taken while it waits there,
     * then the main thread enqueues the references, and the cleaner ends once it has had them all.
     */
    static void referenceQueue() throws InterruptedException {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        List<Object> referents = new ArrayList<>();
        Map<Reference<?>, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < 6; i++) {
            referents.add(new int[] {i});
            index.put(new WeakReference<>(referents.get(i), queue), i * 10 + 1);
        }
        long[] cleaned = new long[2];
        Thread cleaner = new Thread(() -> {
            try {
                while (cleaned[1] < index.size()) {
                    Reference<?> r = cleaned[1] % 2 == 0 ? queue.remove() : queue.remove(60_000);
                    cleaned[0] += index.get(r);
                    cleaned[1]++;
                }
            } catch (InterruptedException e) {
                System.out.println("cleaner interrupted");
            }
        }, "cleaner");
        System.out.println("refqueue: start");
        cleaner.start();
        checkpointWhenBlocked(List.of(cleaner));
        for (Reference<?> r : index.keySet()) {
            r.enqueue();
        }
        cleaner.join();
        System.out.println("refqueue: cleaned " + cleaned[1] + " references, sum " + cleaned[0] + ", "
                + referents.size() + " referents alive");
    }

    /** Waits until every thread in {@code threads} is blocked, waiting or sleeping, then checkpoints. */
    static void checkpointWhenBlocked(List<Thread> threads) {
        for (Thread t : threads) {
            while (t.getState() == Thread.State.RUNNABLE || t.getState() == Thread.State.NEW) {
                Thread.onSpinWait();
            }
        }
        System.err.println("outcome: " + Stasis.checkpoint());
    }

    /**
     * A producer fills a small queue and blocks in put(); the checkpoint is taken there, then a
     * consumer drains the queue (blocking in take() and in a timed poll() in turn).
     */
    static void queue() throws InterruptedException {
        BlockingQueue<Integer> queue = new ArrayBlockingQueue<>(4);
        long[] consumed = new long[2];
        Thread producer = new Thread(() -> {
            try {
                for (int i = 1; i <= 2_000; i++) {
                    queue.put(i);
                }
                queue.put(-1);
            } catch (InterruptedException e) {
                System.out.println("producer interrupted");
            }
        }, "producer");
        Thread consumer = new Thread(() -> {
            try {
                while (true) {
                    Integer v = queue.take();
                    if (v < 0) {
                        return;
                    }
                    consumed[0] += v;
                    consumed[1]++;
                    if (v % 500 == 0 && v < 2_000) {
                        Integer late = queue.poll(5, TimeUnit.MILLISECONDS);
                        if (late != null) {
                            consumed[0] += late;
                            consumed[1]++;
                        }
                    }
                }
            } catch (InterruptedException e) {
                System.out.println("consumer interrupted");
            }
        }, "consumer");
        System.out.println("queue: start");
        producer.start();
        checkpointWhenBlocked(List.of(producer));
        consumer.start();
        producer.join();
        consumer.join();
        System.out.println("consumed " + consumed[1] + " values, sum " + consumed[0]);
    }

    /** Four threads increment a counter under a ReentrantLock taken twice (hold count 2). */
    static void lock() throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        long[] counter = new long[1];
        List<Thread> threads = new ArrayList<>();
        int[] started = new int[1];
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                synchronized (started) {
                    started[0]++;
                }
                for (int i = 0; i < 100_000; i++) {
                    lock.lock();
                    try {
                        lock.lock();
                        try {
                            for (int j = 0; j < 2; j++) {
                                counter[0]++;
                            }
                            if (lock.getHoldCount() != 2) {
                                System.out.println("hold count " + lock.getHoldCount());
                            }
                        } finally {
                            lock.unlock();
                        }
                    } finally {
                        lock.unlock();
                    }
                }
            }, "locker-" + t));
        }
        System.out.println("lock: start");
        for (Thread t : threads) {
            t.start();
        }
        while (true) {
            synchronized (started) {
                if (started[0] == threads.size()) {
                    break;
                }
            }
        }
        System.err.println("outcome: " + Stasis.checkpoint());
        for (Thread t : threads) {
            t.join();
        }
        System.out.println("counter " + counter[0] + ", locked " + lock.isLocked());
    }

    /** A thread waits for a condition in Object.wait(); the main thread sets it after the checkpoint. */
    static void waitNotify() throws InterruptedException {
        String[] seen = new String[1];
        Thread waiter = new Thread(() -> {
            synchronized (MONITOR) {
                int wakeUps = 0;
                while (!ready) {
                    try {
                        MONITOR.wait();
                    } catch (InterruptedException e) {
                        seen[0] = "interrupted";
                        return;
                    }
                    wakeUps++;
                }
                seen[0] = "ready seen, interrupted=" + Thread.currentThread().isInterrupted()
                        + ", woke at least once=" + (wakeUps > 0);
            }
        }, "waiter");
        System.out.println("wait: start");
        waiter.start();
        checkpointWhenBlocked(List.of(waiter));
        synchronized (MONITOR) {
            ready = true;
            MONITOR.notifyAll();
        }
        waiter.join();
        System.out.println(seen[0]);
    }

    /** A thread sleeps 1.5 s, with its interrupt status set by itself before; it must survive. */
    static void sleep() throws InterruptedException {
        String[] seen = new String[1];
        Thread sleeper = new Thread(() -> {
            try {
                Thread.sleep(1_500);
                Thread.currentThread().interrupt();
                seen[0] = "slept; own interrupt kept=" + Thread.interrupted();
            } catch (InterruptedException e) {
                seen[0] = "interrupted";
            }
        }, "sleeper");
        System.out.println("sleep: start");
        sleeper.start();
        checkpointWhenBlocked(List.of(sleeper));
        sleeper.join();
        System.out.println(seen[0]);
    }

    /** Threads wait on a CountDownLatch and on a Semaphore; the main thread releases them afterwards. */
    static void latchAndSemaphore() throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(2);
        Semaphore permits = new Semaphore(0);
        int[] passed = new int[2];
        Thread latchWaiter = new Thread(() -> {
            try {
                latch.await();
                passed[0] = (int) latch.getCount();
            } catch (InterruptedException e) {
                passed[0] = -1;
            }
        }, "latch-waiter");
        Thread acquirer = new Thread(() -> {
            try {
                permits.acquire(2);
                passed[1] = permits.availablePermits();
            } catch (InterruptedException e) {
                passed[1] = -1;
            }
        }, "acquirer");
        System.out.println("latch: start");
        latchWaiter.start();
        acquirer.start();
        latch.countDown();
        permits.release();
        checkpointWhenBlocked(List.of(latchWaiter, acquirer));
        latch.countDown();
        permits.release(2);
        latchWaiter.join();
        acquirer.join();
        System.out.println("latch count " + passed[0] + ", permits left " + passed[1]);
    }

    /**
     * Three workers and the main thread meet at a CyclicBarrier three times, the barrier action
     * summing what the workers computed; the checkpoint is taken while the workers wait at the
     * second meeting. The barrier must not break, and each meeting must trip once.
     */
    static void barrier() throws Exception {
        long[] partial = new long[3];
        List<Long> totals = new ArrayList<>();
        CyclicBarrier barrier = new CyclicBarrier(4, () -> totals.add(partial[0] + partial[1] + partial[2]));
        List<Thread> workers = new ArrayList<>();
        int[] arrivals = new int[3];
        for (int w = 0; w < 3; w++) {
            int id = w;
            workers.add(new Thread(() -> {
                try {
                    for (int round = 1; round <= 3; round++) {
                        partial[id] = (long) round * (id + 1) * 1000;
                        arrivals[id] += barrier.await() >= 0 ? 1 : 0;
                    }
                } catch (InterruptedException | BrokenBarrierException e) {
                    System.out.println("worker " + id + ": " + e);
                }
            }, "party-" + w));
        }
        System.out.println("barrier: start");
        for (Thread t : workers) {
            t.start();
        }
        for (int round = 1; round <= 3; round++) {
            for (Thread t : workers) {
                while (t.getState() == Thread.State.RUNNABLE || t.getState() == Thread.State.NEW
                        || barrier.getNumberWaiting() < 3) {
                    Thread.onSpinWait();
                }
            }
            if (round == 2) {
                System.err.println("outcome: " + Stasis.checkpoint());
            }
            barrier.await();
        }
        for (Thread t : workers) {
            t.join();
        }
        System.out.println("totals " + totals + ", arrivals " + arrivals[0] + arrivals[1] + arrivals[2]
                + ", broken " + barrier.isBroken() + ", waiting " + barrier.getNumberWaiting());
    }

    static volatile boolean release;

    /**
     * A writer holds a ReentrantReadWriteLock's write lock twice, and one reader holds a read lock
     * of another one, both spinning until told to stop; two readers wait for the first lock's read
     * lock. The checkpoint is taken then: after the restore the holders hold again, the waiters wait
     * again, and everything is released in the original order.
     */
    static void readWriteLock() throws InterruptedException {
        java.util.concurrent.locks.ReentrantReadWriteLock rw = new java.util.concurrent.locks.ReentrantReadWriteLock();
        java.util.concurrent.locks.ReentrantReadWriteLock other = new java.util.concurrent.locks.ReentrantReadWriteLock(true);
        long[] value = new long[1];
        String[] seen = new String[4];
        java.util.concurrent.atomic.AtomicInteger holding = new java.util.concurrent.atomic.AtomicInteger();
        Thread writer = new Thread(() -> {
            rw.writeLock().lock();
            rw.writeLock().lock();
            try {
                holding.incrementAndGet();
                long spins = 0;
                while (!release) {
                    spins++;
                }
                value[0] = 42;
                seen[0] = "writer holds " + rw.getWriteHoldCount() + ", spun " + (spins > 0);
            } finally {
                rw.writeLock().unlock();
                rw.writeLock().unlock();
            }
        }, "writer");
        Thread holder = new Thread(() -> {
            other.readLock().lock();
            try {
                holding.incrementAndGet();
                while (!release) {
                    Thread.onSpinWait();
                }
                seen[1] = "reader of other holds " + other.getReadHoldCount() + ", write locked " + other.isWriteLocked();
            } finally {
                other.readLock().unlock();
            }
        }, "holder");
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            int id = r;
            readers.add(new Thread(() -> {
                rw.readLock().lock();
                try {
                    seen[2 + id] = "reader " + id + " sees " + value[0];
                } finally {
                    rw.readLock().unlock();
                }
            }, "reader-" + r));
        }
        System.out.println("rwlock: start");
        writer.start();
        holder.start();
        while (holding.get() < 2) {
            Thread.onSpinWait();
        }
        for (Thread t : readers) {
            t.start();
        }
        for (Thread t : readers) {
            while (t.getState() == Thread.State.RUNNABLE || t.getState() == Thread.State.NEW) {
                Thread.onSpinWait();
            }
        }
        System.err.println("outcome: " + Stasis.checkpoint());
        release = true;
        writer.join();
        holder.join();
        for (Thread t : readers) {
            t.join();
        }
        for (String line : seen) {
            System.out.println(line);
        }
        System.out.println("locks free " + !rw.isWriteLocked() + " " + (rw.getReadLockCount() == 0) + " "
                + (other.getReadLockCount() == 0));
    }

    static int turn;
    static int exchanges;

    /**
     * Two threads take turns on one monitor with wait/notifyAll, 20 000 times; the checkpoint falls
     * anywhere in that exchange, so a thread may stop inside the monitor while the other wants it
     * back to return from wait().
     */
    static void pingPong() throws InterruptedException {
        java.util.concurrent.atomic.AtomicInteger progress = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> players = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int me = p;
            players.add(new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    synchronized (MONITOR) {
                        while (turn != me) {
                            try {
                                MONITOR.wait();
                            } catch (InterruptedException e) {
                                System.out.println("player " + me + " interrupted");
                                return;
                            }
                        }
                        exchanges++;
                        turn = 1 - me;
                        MONITOR.notifyAll();
                    }
                    progress.incrementAndGet();
                }
            }, "player-" + p));
        }
        System.out.println("pingpong: start");
        for (Thread t : players) {
            t.start();
        }
        while (progress.get() < 2_000) {
            Thread.onSpinWait();
        }
        System.err.println("outcome: " + Stasis.checkpoint());
        for (Thread t : players) {
            t.join();
        }
        synchronized (MONITOR) {
            System.out.println("exchanges " + exchanges + ", turn " + turn);
        }
    }

    /** A thread awaits a Condition of a ReentrantLock, holding it again when it returns. */
    static void condition() throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        Condition changed = lock.newCondition();
        int[] state = new int[1];
        String[] seen = new String[1];
        Thread awaiter = new Thread(() -> {
            lock.lock();
            try {
                while (state[0] == 0) {
                    changed.await();
                }
                seen[0] = "state " + state[0] + ", holds lock " + lock.isHeldByCurrentThread();
            } catch (InterruptedException e) {
                seen[0] = "interrupted";
            } finally {
                lock.unlock();
            }
        }, "awaiter");
        System.out.println("condition: start");
        awaiter.start();
        checkpointWhenBlocked(List.of(awaiter));
        lock.lock();
        try {
            state[0] = 7;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        awaiter.join();
        System.out.println(seen[0] + ", locked " + lock.isLocked());
    }
}

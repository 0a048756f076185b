package dev.stasis.internal.coordinator;

import dev.stasis.internal.capture.FrameRecord;
import dev.stasis.internal.concurrent.CheckpointableBarrier;
import dev.stasis.internal.resume.Resume;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Checkpoint-aware replacements of the blocking calls of the JDK. The rewriter redirects each such
 * call in instrumented code here ({@code BlockingCalls} in the agent). A thread blocked in the JDK
 * could not reach a safe point, and interrupting it would be visible to the application; instead
 * these wait in bounded slices ({@link #SLICE_NANOS}) and, between two slices, stop for a pending
 * checkpoint at the application's call: the thread is captured there with a record of this wait
 * (what it waits for, the time left) on top of its frames, and resumes in the same wait when its
 * frames are re-entered, in this JVM or in another. Nothing here ever interrupts a thread; the
 * application's own interrupts behave as with the JDK's calls.
 *
 * <p>Waits whose specification allows spurious wake-ups ({@code Object.wait},
 * {@code LockSupport.park}, {@code Condition.await}) return after one slice, and right after a
 * resume; the others ({@code Thread.sleep} and {@code join}, queues and reference queues, locks,
 * latches, semaphores)
 * go on waiting until they are done, a sleep sleeping what was left. Arguments of a re-issued call
 * are placeholders: every method here takes its state from its record when it resumes.
 */
public final class Waits {

    /** The longest a thread blocks between two looks at a pending checkpoint. */
    static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long SLICE_MILLIS = TimeUnit.NANOSECONDS.toMillis(SLICE_NANOS);
    private static final String OWNER = "dev/stasis/internal/coordinator/Waits.";

    private Waits() {
    }

    /**
     * Whether a frame with this method key is the record of a wait (Stasis's own code, restored by
     * this class, not a method of the application to check against its class path).
     */
    public static boolean isWaitRecord(String methodKey) {
        return methodKey.startsWith(OWNER);
    }

    /** What a wait saves about itself in its record when the thread stops in it. */
    @FunctionalInterface
    interface State {
        void save(FrameRecord record);
    }

    // Object.wait

    public static void waitOn(Object monitor) throws InterruptedException {
        if (resumed(OWNER + "waitOn(Ljava/lang/Object;)V") == null) {
            monitor.wait(SLICE_MILLIS);
            pause(OWNER + "waitOn(Ljava/lang/Object;)V", r -> { });
        }
    }

    public static void waitOn(Object monitor, long millis) throws InterruptedException {
        if (resumed(OWNER + "waitOn(Ljava/lang/Object;J)V") == null) {
            if (millis < 0) {
                throw new IllegalArgumentException("timeout value is negative");
            }
            monitor.wait(millis == 0 ? SLICE_MILLIS : Math.min(millis, SLICE_MILLIS));
            pause(OWNER + "waitOn(Ljava/lang/Object;J)V", r -> { });
        }
    }

    public static void waitOn(Object monitor, long millis, int nanos) throws InterruptedException {
        if (nanos < 0 || nanos > 999_999) {
            throw new IllegalArgumentException("nanosecond timeout value out of range");
        }
        waitOn(monitor, millis + (nanos > 0 && millis < Long.MAX_VALUE ? 1 : 0));
    }

    // Thread.sleep and join

    public static void sleep(long millis) throws InterruptedException {
        String key = OWNER + "sleep(J)V";
        FrameRecord resumed = resumed(key);
        long left;
        if (resumed != null) {
            left = resumed.nextLong();
        } else {
            if (millis < 0) {
                throw new IllegalArgumentException("timeout value is negative");
            }
            left = TimeUnit.MILLISECONDS.toNanos(millis);
        }
        long end = System.nanoTime() + left;
        do {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, SLICE_NANOS));
            left = end - System.nanoTime();
            long remaining = left;
            if (remaining > 0) {
                pause(key, r -> r.j(remaining));
            }
        } while (left > 0);
    }

    public static void sleep(long millis, int nanos) throws InterruptedException {
        if (nanos < 0 || nanos > 999_999) {
            throw new IllegalArgumentException("nanosecond timeout value out of range");
        }
        sleep(millis + (nanos > 0 && millis < Long.MAX_VALUE ? 1 : 0));
    }

    public static void join(Thread thread) throws InterruptedException {
        String key = OWNER + "join(Ljava/lang/Thread;)V";
        FrameRecord resumed = resumed(key);
        Thread t = resumed != null ? (Thread) resumed.nextObject() : thread;
        while (t.isAlive()) {
            t.join(SLICE_MILLIS);
            if (t.isAlive()) {
                pause(key, r -> r.a(t));
            }
        }
    }

    // LockSupport.park

    public static void park() {
        if (resumed(OWNER + "park()V") == null) {
            LockSupport.parkNanos(SLICE_NANOS);
            pause(OWNER + "park()V", r -> { });
        }
    }

    public static void park(Object blocker) {
        if (resumed(OWNER + "park(Ljava/lang/Object;)V") == null) {
            LockSupport.parkNanos(blocker, SLICE_NANOS);
            pause(OWNER + "park(Ljava/lang/Object;)V", r -> { });
        }
    }

    // Condition

    public static void await(Condition condition) throws InterruptedException {
        String key = OWNER + "await(Ljava/util/concurrent/locks/Condition;)V";
        if (resumed(key) == null) {
            condition.awaitNanos(SLICE_NANOS);
            pause(key, r -> { });
        }
    }

    public static long awaitNanos(Condition condition, long nanos) throws InterruptedException {
        String key = OWNER + "awaitNanos(Ljava/util/concurrent/locks/Condition;J)J";
        FrameRecord resumed = resumed(key);
        if (resumed != null) {
            return resumed.nextLong();
        }
        long start = System.nanoTime();
        condition.awaitNanos(Math.min(nanos, SLICE_NANOS));
        long left = nanos - (System.nanoTime() - start);
        pause(key, r -> r.j(left));
        return left;
    }

    public static boolean await(Condition condition, long time, TimeUnit unit) throws InterruptedException {
        String key = OWNER + "await(Ljava/util/concurrent/locks/Condition;JLjava/util/concurrent/TimeUnit;)Z";
        FrameRecord resumed = resumed(key);
        if (resumed != null) {
            return resumed.nextInt() != 0;
        }
        long nanos = unit.toNanos(time);
        long start = System.nanoTime();
        condition.awaitNanos(Math.min(nanos, SLICE_NANOS));
        boolean inTime = System.nanoTime() - start < nanos;
        pause(key, r -> r.i(inTime ? 1 : 0));
        return inTime;
    }

    // BlockingQueue

    public static Object take(BlockingQueue<?> queue) throws InterruptedException {
        String key = OWNER + "take(Ljava/util/concurrent/BlockingQueue;)Ljava/lang/Object;";
        FrameRecord resumed = resumed(key);
        BlockingQueue<?> q = resumed != null ? (BlockingQueue<?>) resumed.nextObject() : queue;
        while (true) {
            Object e = q.poll(SLICE_NANOS, TimeUnit.NANOSECONDS);
            if (e != null) {
                return e;
            }
            pause(key, r -> r.a(q));
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    public static void put(BlockingQueue queue, Object element) throws InterruptedException {
        String key = OWNER + "put(Ljava/util/concurrent/BlockingQueue;Ljava/lang/Object;)V";
        FrameRecord resumed = resumed(key);
        BlockingQueue q = resumed != null ? (BlockingQueue) resumed.nextObject() : queue;
        Object e = resumed != null ? resumed.nextObject() : element;
        if (e == null) {
            throw new NullPointerException();
        }
        while (!q.offer(e, SLICE_NANOS, TimeUnit.NANOSECONDS)) {
            pause(key, r -> r.a(q).a(e));
        }
    }

    public static Object poll(BlockingQueue<?> queue, long timeout, TimeUnit unit) throws InterruptedException {
        String key = OWNER + "poll(Ljava/util/concurrent/BlockingQueue;JLjava/util/concurrent/TimeUnit;)Ljava/lang/Object;";
        FrameRecord resumed = resumed(key);
        BlockingQueue<?> q = resumed != null ? (BlockingQueue<?>) resumed.nextObject() : queue;
        long left = resumed != null ? resumed.nextLong() : unit.toNanos(timeout);
        long end = System.nanoTime() + left;
        while (true) {
            Object e = q.poll(Math.max(0, Math.min(left, SLICE_NANOS)), TimeUnit.NANOSECONDS);
            left = end - System.nanoTime();
            if (e != null || left <= 0) {
                return e;
            }
            long remaining = left;
            pause(key, r -> r.a(q).j(remaining));
        }
    }

    // ReferenceQueue: the loop of a library's cleaner thread (Groovy's parser caches, connection
    // pools, file trackers) waits here for the collector, often all the program's life.

    public static Reference<?> remove(ReferenceQueue<?> queue) throws InterruptedException {
        String key = OWNER + "remove(Ljava/lang/ref/ReferenceQueue;)Ljava/lang/ref/Reference;";
        FrameRecord resumed = resumed(key);
        ReferenceQueue<?> q = resumed != null ? (ReferenceQueue<?>) resumed.nextObject() : queue;
        while (true) {
            Reference<?> r = q.remove(SLICE_MILLIS);
            if (r != null) {
                return r;
            }
            pause(key, s -> s.a(q));
        }
    }

    /** {@code ReferenceQueue.remove(timeout)}: a timeout of 0 waits for ever, as the JDK's does. */
    public static Reference<?> remove(ReferenceQueue<?> queue, long timeoutMillis) throws InterruptedException {
        String key = OWNER + "remove(Ljava/lang/ref/ReferenceQueue;J)Ljava/lang/ref/Reference;";
        FrameRecord resumed = resumed(key);
        if (resumed == null && timeoutMillis < 0) {
            throw new IllegalArgumentException("Negative timeout value");
        }
        ReferenceQueue<?> q = resumed != null ? (ReferenceQueue<?>) resumed.nextObject() : queue;
        boolean forever = resumed != null ? resumed.nextInt() != 0 : timeoutMillis == 0;
        long left = resumed != null ? resumed.nextLong() : TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long end = System.nanoTime() + left;
        while (true) {
            long slice = forever ? SLICE_MILLIS : Math.max(1, Math.min(SLICE_MILLIS, TimeUnit.NANOSECONDS.toMillis(left)));
            Reference<?> r = q.remove(slice);
            left = end - System.nanoTime();
            if (r != null || !forever && left <= 0) {
                return r;
            }
            long remaining = left;
            pause(key, s -> s.a(q).i(forever ? 1 : 0).j(remaining));
        }
    }

    // Lock, CountDownLatch, Semaphore

    public static void lock(Lock lock) {
        String key = OWNER + "lock(Ljava/util/concurrent/locks/Lock;)V";
        FrameRecord resumed = resumed(key);
        Lock l = resumed != null ? (Lock) resumed.nextObject() : lock;
        if (l instanceof ReentrantLock && !((ReentrantLock) l).isFair() && l.tryLock()) {
            // an unfair lock() barges like this too; the timed tryLock below first checks for interrupts
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                if (l.tryLock(SLICE_NANOS, TimeUnit.NANOSECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                // lock() is not interruptible: keep the status for the caller, as lock() does
                interrupted = true;
            }
            pause(key, r -> r.a(l));
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    public static void lockInterruptibly(Lock lock) throws InterruptedException {
        String key = OWNER + "lockInterruptibly(Ljava/util/concurrent/locks/Lock;)V";
        FrameRecord resumed = resumed(key);
        Lock l = resumed != null ? (Lock) resumed.nextObject() : lock;
        while (!l.tryLock(SLICE_NANOS, TimeUnit.NANOSECONDS)) {
            pause(key, r -> r.a(l));
        }
    }

    public static void await(CountDownLatch latch) throws InterruptedException {
        String key = OWNER + "await(Ljava/util/concurrent/CountDownLatch;)V";
        FrameRecord resumed = resumed(key);
        CountDownLatch c = resumed != null ? (CountDownLatch) resumed.nextObject() : latch;
        while (!c.await(SLICE_NANOS, TimeUnit.NANOSECONDS)) {
            pause(key, r -> r.a(c));
        }
    }

    public static void acquire(Semaphore semaphore) throws InterruptedException {
        acquire(semaphore, 1);
    }

    public static void acquire(Semaphore semaphore, int permits) throws InterruptedException {
        String key = OWNER + "acquire(Ljava/util/concurrent/Semaphore;I)V";
        FrameRecord resumed = resumed(key);
        Semaphore s = resumed != null ? (Semaphore) resumed.nextObject() : semaphore;
        int n = resumed != null ? resumed.nextInt() : permits;
        while (!s.tryAcquire(n, SLICE_NANOS, TimeUnit.NANOSECONDS)) {
            pause(key, r -> r.a(s).i(n));
        }
    }

    // CyclicBarrier

    /**
     * A barrier created by instrumented code is a {@link CheckpointableBarrier}: the thread arrives
     * once, then waits in slices for its generation to trip, so it can be captured waiting without
     * breaking the barrier. A barrier created elsewhere is awaited as it is.
     */
    public static int await(CyclicBarrier barrier) throws InterruptedException, BrokenBarrierException {
        String key = OWNER + "await(Ljava/util/concurrent/CyclicBarrier;)I";
        FrameRecord resumed = resumed(key);
        CheckpointableBarrier b;
        int index;
        long generation;
        if (resumed != null) {
            b = (CheckpointableBarrier) resumed.nextObject();
            index = resumed.nextInt();
            generation = resumed.nextLong();
        } else if (barrier instanceof CheckpointableBarrier) {
            b = (CheckpointableBarrier) barrier;
            long[] arrival = b.arrive();
            index = (int) arrival[0];
            generation = arrival[1];
        } else {
            return barrier.await();
        }
        while (index != 0 && !b.awaitTrip(generation, SLICE_NANOS)) {
            pause(key, r -> r.a(b).i(index).j(generation));
        }
        return index;
    }

    /**
     * This wait's record when the current thread is re-entering its frames and this wait is the
     * top one (the resume then ends here); null on a normal call.
     */
    private static FrameRecord resumed(String key) {
        if (!Resume.active) {
            return null;
        }
        FrameRecord r = Resume.enter(key);
        if (r != null) {
            Coordinator.resumeEndsHere();
        }
        return r;
    }

    /** Between two slices: stops here for a pending checkpoint, saving {@code state}; may unwind. */
    private static void pause(String key, State state) {
        if (SafePoint.pending) {
            Coordinator.waitReached(key, state);
        }
    }
}

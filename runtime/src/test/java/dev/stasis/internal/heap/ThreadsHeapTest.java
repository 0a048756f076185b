package dev.stasis.internal.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stasis.internal.concurrent.CheckpointableBarrier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.Test;

/** Threads, per-thread ThreadLocal values, lock owners and barriers in the heap, by their meaning. */
class ThreadsHeapTest {

    static final class Worker extends Thread {
        int rounds;
        Worker peer;

        Worker(String name) {
            super(name);
        }
    }

    static final class Task implements Runnable, java.io.Serializable {
        private static final long serialVersionUID = 1L;
        String label;

        @Override
        public void run() {
        }
    }

    @Test
    void threadsThatEndedOrNeverStartedComeBackUnstartedWithTheirIdentity() throws Exception {
        Worker w = new Worker("worker-7");
        w.rounds = 3;
        w.peer = w;
        w.setPriority(Thread.MIN_PRIORITY);
        w.setDaemon(true);
        Task task = new Task();
        task.label = "task";
        Thread plain = new Thread(task, "plain");
        plain.start();
        plain.join();
        Object[] back = RoundTrip.copy(w, plain, List.of(w, plain));
        Worker w2 = (Worker) back[0];
        assertEquals("worker-7", w2.getName());
        assertEquals(3, w2.rounds);
        assertSame(w2, w2.peer);
        assertEquals(Thread.MIN_PRIORITY, w2.getPriority());
        assertTrue(w2.isDaemon());
        assertFalse(w2.isAlive());
        Thread plain2 = (Thread) back[1];
        assertEquals("plain", plain2.getName());
        assertSame(w2, ((List<?>) back[2]).get(0));
        assertSame(plain2, ((List<?>) back[2]).get(1));
        plain2.join();
    }

    /**
     * A program gives the thread that recurses deeply a large stack; restored, its frames are all
     * called again, and need that stack. A thread subclass keeps it too, and a thread made with
     * the default keeps the default.
     */
    @Test
    void threadsComeBackWithTheStackSizeTheyWereCreatedWith() throws Exception {
        long large = 512L << 20;
        Thread solver = new Thread(null, new Task(), "solver", large);
        Worker defaulted = new Worker("worker-8");
        Thread subclassed = new Thread(null, null, "subclassed", large) {
        };
        assertEquals(large, ThreadStacks.own(solver), "the JDK's field is where Stasis looks");
        Object[] back = RoundTrip.copy(solver, defaulted, subclassed);
        assertEquals(large, ThreadStacks.own((Thread) back[0]));
        assertEquals("solver", ((Thread) back[0]).getName());
        assertEquals(0, ThreadStacks.own((Thread) back[1]));
        assertEquals(large, ThreadStacks.own((Thread) back[2]));
        assertEquals("subclassed", ((Thread) back[2]).getName());
    }

    @Test
    void aRunningThreadOutsideTheCheckpointIsRefused() {
        Thread other = new Thread(() -> { });
        UncheckpointableObjectException e = assertThrows(UncheckpointableObjectException.class,
                () -> RoundTrip.write(new Object[] {Thread.currentThread(), other}));
        assertTrue(e.getMessage().contains("is running but is not part of the checkpoint"), e.getMessage());
    }

    @Test
    void threadLocalValuesAndLockOwnersAreKeptPerThread() throws Exception {
        ThreadLocal<String> label = new ThreadLocal<>();
        ReentrantLock lock = new ReentrantLock(true);
        Thread second = new Thread(() -> { });
        label.set("first's");
        lock.lock();
        lock.lock();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new HeapWriter(getClass().getClassLoader()).threads(List.of(second, Thread.currentThread()))
                    .write(new Object[] {label, lock, Thread.currentThread()}, out);
            HeapReader reader = new HeapReader(getClass().getClassLoader(), RoundTrip.TEST_CLASSES);
            Object[] back = reader.read(new ByteArrayInputStream(out.toByteArray()), out.size());
            reader.completeDeferred();
            assertEquals(List.of(), reader.threadLocalValues(0));
            List<Object[]> locals = reader.threadLocalValues(1);
            assertEquals(1, locals.size());
            assertSame(back[0], locals.get(0)[0]);
            assertEquals("first's", locals.get(0)[1]);
            assertNull(((ThreadLocal<?>) back[0]).get(), "values are set by each restored thread, not by the reader");
            List<Object[]> held = reader.locksHeldBy((Thread) back[2]);
            assertEquals(1, held.size());
            assertSame(back[1], held.get(0)[0]);
            assertEquals(2, held.get(0)[1]);
            assertTrue(((ReentrantLock) back[1]).isFair());
            assertFalse(((ReentrantLock) back[1]).isLocked());
        } finally {
            lock.unlock();
            lock.unlock();
            label.remove();
        }
    }

    /** The pre-Java-8 idiom: an anonymous subclass overriding initialValue(), as Clojure keeps its bindings. */
    static final class Bindings extends ThreadLocal<List<String>> {
        String name = "bindings";

        @Override
        protected List<String> initialValue() {
            return List.of("top");
        }
    }

    @Test
    void aThreadLocalSubclassKeepsItsFieldsAndItsValuePerThread() throws Exception {
        Bindings bindings = new Bindings();
        Thread second = new Thread(() -> { });
        bindings.set(List.of("top", "pushed"));
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new HeapWriter(getClass().getClassLoader()).threads(List.of(second, Thread.currentThread()))
                    .write(new Object[] {bindings}, out);
            HeapReader reader = new HeapReader(getClass().getClassLoader(), RoundTrip.TEST_CLASSES);
            Object[] back = reader.read(new ByteArrayInputStream(out.toByteArray()), out.size());
            reader.completeDeferred();
            Bindings restored = (Bindings) back[0];
            assertEquals("bindings", restored.name);
            assertEquals(List.of(), reader.threadLocalValues(0), "the second thread had no value of its own");
            List<Object[]> locals = reader.threadLocalValues(1);
            assertEquals(1, locals.size());
            assertSame(restored, locals.get(0)[0]);
            assertEquals(List.of("top", "pushed"), locals.get(0)[1]);
            assertEquals(List.of("top"), restored.get(), "a thread without a value still gets initialValue()");
        } finally {
            bindings.remove();
        }
    }

    @Test
    void aReadWriteLockKeepsItsWriterAndReadersWithTheirHolds() throws Exception {
        ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
        rw.writeLock().lock();
        rw.writeLock().lock();
        rw.readLock().lock();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new HeapWriter(getClass().getClassLoader()).threads(List.of(Thread.currentThread()))
                    .write(new Object[] {rw, rw.readLock(), rw.writeLock(), Thread.currentThread()}, out);
            HeapReader reader = new HeapReader(getClass().getClassLoader(), RoundTrip.TEST_CLASSES);
            Object[] back = reader.read(new ByteArrayInputStream(out.toByteArray()), out.size());
            ReentrantReadWriteLock rw2 = (ReentrantReadWriteLock) back[0];
            assertSame(rw2.readLock(), back[1]);
            assertSame(rw2.writeLock(), back[2]);
            assertFalse(rw2.isWriteLocked());
            List<Object[]> held = reader.locksHeldBy((Thread) back[3]);
            assertEquals(2, held.size());
            assertSame(rw2.writeLock(), held.get(0)[0], "the write lock is taken again first");
            assertEquals(2, held.get(0)[1]);
            assertSame(rw2.readLock(), held.get(1)[0]);
            assertEquals(1, held.get(1)[1]);
        } finally {
            rw.readLock().unlock();
            rw.writeLock().unlock();
            rw.writeLock().unlock();
        }
    }

    @Test
    void aBarrierKeepsItsGenerationAndWaitingParties() throws Exception {
        int[] tripped = new int[1];
        Runnable action = (Runnable & java.io.Serializable) () -> tripped[0]++;
        CheckpointableBarrier b = new CheckpointableBarrier(3, action);
        long[] first = b.arrive();
        assertEquals(2, first[0]);
        CheckpointableBarrier b2 = RoundTrip.copyOf(b);
        assertEquals(3, b2.getParties());
        assertEquals(1, b2.getNumberWaiting());
        assertEquals(first[1], b2.generation());
        assertEquals(1, b2.arrive()[0]);
        assertEquals(0, b2.arrive()[0]);
        assertTrue(b2.awaitTrip(first[1], 0), "the generation the first party waits for has tripped");
        assertFalse(b2.isBroken());
        b2.reset();
        assertTrue(b2.isBroken() || b2.getNumberWaiting() == 0);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, b2::arrive);
        assertTrue(b2.isBroken());
        assertThrows(BrokenBarrierException.class, b2::arrive);
    }
}

package dev.stasis.internal.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.DateFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.AbstractQueuedLongSynchronizer;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * Application classes that extend a JDK class with state of its own, as libraries do for their
 * bookkeeping (Jackson's StdDateFormat extends DateFormat and its LRU map's nodes AtomicReference;
 * Guava's cache segments are ReentrantLocks): the inherited state comes back with the
 * application's fields, identity and cycles included.
 */
class JdkSuperclassStateTest {

    static final class Counter extends AtomicInteger {
        String name;
    }

    static final class Total extends AtomicLong {
        int updates;
    }

    static final class Flag extends AtomicBoolean {
        Flag next;
    }

    static final class Node<V> extends AtomicReference<V> {
        final String key;

        Node(String key, V value) {
            super(value);
            this.key = key;
        }
    }

    /** A DateFormat of its own, as Jackson's StdDateFormat: the calendar and number format are the inherited state. */
    static final class IsoDate extends DateFormat {
        String pattern = "yyyy-MM-dd";
        int formatted;

        IsoDate() {
            calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
            numberFormat = NumberFormat.getIntegerInstance(Locale.ROOT);
        }

        @Override
        public StringBuffer format(Date date, StringBuffer to, FieldPosition at) {
            formatted++;
            SimpleDateFormat f = new SimpleDateFormat(pattern, Locale.ROOT);
            f.setCalendar(calendar);
            return f.format(date, to, at);
        }

        @Override
        public Date parse(String source, ParsePosition at) {
            SimpleDateFormat f = new SimpleDateFormat(pattern, Locale.ROOT);
            f.setCalendar(calendar);
            return f.parse(source, at);
        }
    }

    /** A lock of its own, as Guava's cache segments. */
    static final class Segment extends ReentrantLock {
        int count;
        Condition condition;

        Segment(boolean fair) {
            super(fair);
        }
    }

    @Test
    void atomicBoxesKeepTheirValueBesideTheirFields() {
        Counter c = new Counter();
        c.set(41);
        c.name = "hits";
        Total t = new Total();
        t.set(-7_000_000_000L);
        t.updates = 3;
        Flag a = new Flag();
        Flag b = new Flag();
        a.set(true);
        a.next = b;
        b.next = a;

        Object[] back = RoundTrip.copy(c, t, a);
        Counter c2 = (Counter) back[0];
        assertEquals(41, c2.get());
        assertEquals("hits", c2.name);
        assertEquals(42, c2.incrementAndGet(), "still a working atomic");
        Total t2 = (Total) back[1];
        assertEquals(-7_000_000_000L, t2.get());
        assertEquals(3, t2.updates);
        Flag a2 = (Flag) back[2];
        assertTrue(a2.get());
        assertFalse(a2.next.get());
        assertSame(a2, a2.next.next, "the cycle through the fields is kept");
    }

    @Test
    void anAtomicReferenceSubclassMayHoldItselfOrShareItsValue() {
        StringBuilder shared = new StringBuilder("v");
        Node<Object> n = new Node<>("k", shared);
        Node<Object> self = new Node<>("self", null);
        self.set(self);

        Object[] back = RoundTrip.copy(n, self, shared);
        Node<?> n2 = (Node<?>) back[0];
        assertEquals("k", n2.key);
        assertSame(back[2], n2.get(), "the value is the same object as the one reached otherwise");
        Node<?> self2 = (Node<?>) back[1];
        assertSame(self2, self2.get());
    }

    @Test
    void aDateFormatSubclassKeepsItsCalendarAndNumberFormat() throws Exception {
        IsoDate f = new IsoDate();
        f.getCalendar().setTimeZone(TimeZone.getTimeZone("Asia/Tokyo"));
        Date d = new Date(1_700_000_000_000L);
        String before = f.format(d);

        IsoDate f2 = RoundTrip.copyOf(f);
        assertEquals("Asia/Tokyo", f2.getTimeZone().getID(), "the calendar came back with its time zone");
        assertEquals(before, f2.format(d));
        assertEquals(2, f2.formatted, "its own field came back (one format before, one now)");
        assertEquals(before, f2.format(f2.parse(before)));
        assertNotSame(f.getCalendar(), f2.getCalendar());
        assertEquals(f.getNumberFormat(), f2.getNumberFormat());
    }

    @Test
    void aLockSubclassKeepsItsFairnessAndFieldsAndComesBackUnlocked() {
        Segment fair = new Segment(true);
        fair.count = 5;
        Segment unfair = new Segment(false);
        Object[] back = RoundTrip.copy(fair, unfair);
        Segment fair2 = (Segment) back[0];
        assertTrue(fair2.isFair());
        assertEquals(5, fair2.count);
        assertFalse(fair2.isLocked());
        assertFalse(((Segment) back[1]).isFair());
        fair2.lock();
        try {
            assertTrue(fair2.isHeldByCurrentThread(), "a working lock");
        } finally {
            fair2.unlock();
        }
    }

    /** A mutex of a library's own, as Groovy's lazy references lock themselves. */
    static final class Mutex extends AbstractQueuedSynchronizer {
        String guarded = "cache";

        @Override
        protected boolean tryAcquire(int ignored) {
            if (compareAndSetState(0, 1)) {
                setExclusiveOwnerThread(Thread.currentThread());
                return true;
            }
            return false;
        }

        @Override
        protected boolean tryRelease(int ignored) {
            setExclusiveOwnerThread(null);
            setState(0);
            return true;
        }

        boolean held() {
            return getState() == 1;
        }

        Thread owner() {
            return getExclusiveOwnerThread();
        }

        void heldBy(Thread t) {
            setState(1);
            setExclusiveOwnerThread(t);
        }
    }

    /** A latch counted in a long. */
    static final class LongLatch extends AbstractQueuedLongSynchronizer {
        LongLatch(long count) {
            setState(count);
        }

        @Override
        protected long tryAcquireShared(long ignored) {
            return getState() == 0 ? 1 : -1;
        }

        @Override
        protected boolean tryReleaseShared(long ignored) {
            long c = getState();
            return c > 0 && compareAndSetState(c, c - 1) && c == 1;
        }

        long count() {
            return getState();
        }

        void reset(long count) {
            setState(count);
        }
    }

    @Test
    void synchronizerSubclassesKeepTheirStateAndFieldsAndStillWork() throws Exception {
        Mutex free = new Mutex();
        Thread notStarted = new Thread("owner");
        Mutex heldByAnother = new Mutex();
        heldByAnother.heldBy(notStarted);
        LongLatch latch = new LongLatch(3_000_000_000L);
        Object[] back = RoundTrip.copy(free, latch, heldByAnother);
        Mutex free2 = (Mutex) back[0];
        assertEquals("cache", free2.guarded);
        assertFalse(free2.held());
        free2.acquire(1);
        assertSame(Thread.currentThread(), free2.owner(), "a working mutex");
        free2.release(1);
        LongLatch latch2 = (LongLatch) back[1];
        assertEquals(3_000_000_000L, latch2.count());
        latch2.reset(1);
        latch2.releaseShared(1);
        latch2.acquireShared(1);
        assertEquals(0, latch2.count(), "a working latch");
        Mutex another = (Mutex) back[2];
        assertTrue(another.held());
        assertNotSame(notStarted, another.owner());
        assertEquals(Thread.State.NEW, another.owner().getState(), "the owner comes back, not started, as it was");
    }

    @Test
    void aConditionOfALockSubclassIsRefusedWhicheverComesFirst() {
        Segment s = new Segment(false);
        s.condition = s.newCondition();
        UncheckpointableObjectException lockFirst = assertThrows(UncheckpointableObjectException.class,
                () -> RoundTrip.write(s));
        assertTrue(lockFirst.getMessage().contains("Condition"), lockFirst.getMessage());
        Condition c = s.condition;
        UncheckpointableObjectException conditionFirst = assertThrows(UncheckpointableObjectException.class,
                () -> RoundTrip.write(c, s));
        assertTrue(conditionFirst.getMessage().contains("Condition"), conditionFirst.getMessage());
    }

    /** A fork/join task of its own, as Caffeine's maintenance task (a ForkJoinTask reused as a Runnable). */
    static final class Sum extends java.util.concurrent.RecursiveTask<Long> {
        final long[] values;

        Sum(long... values) {
            this.values = values;
        }

        @Override
        protected Long compute() {
            long s = 0;
            for (long v : values) {
                s += v;
            }
            return s;
        }
    }

    @Test
    void forkJoinTasksKeepTheirOutcome() throws Exception {
        Sum pending = new Sum(1, 2);
        Sum done = new Sum(3, 4);
        done.invoke();
        Sum failed = new Sum(5);
        failed.completeExceptionally(new IllegalStateException("no"));
        Sum cancelled = new Sum(6);
        cancelled.cancel(false);

        Object[] back = RoundTrip.copy(pending, done, failed, cancelled);
        Sum pending2 = (Sum) back[0];
        assertFalse(pending2.isDone());
        assertEquals(3L, pending2.invoke(), "a pending task still runs");
        Sum done2 = (Sum) back[1];
        assertTrue(done2.isDone());
        assertEquals(7L, done2.join());
        Sum failed2 = (Sum) back[2];
        assertTrue(failed2.isCompletedAbnormally());
        // set by the heap reader's thread, the exception is handed to others wrapped, as the JDK does
        Throwable failure = failed2.getException();
        assertEquals("no", (failure.getCause() != null ? failure.getCause() : failure).getMessage());
        assertTrue(((Sum) back[3]).isCancelled());
    }

    /** A BitSet of its own, as H2's VersionedBitSet. */
    static final class VersionedBits extends java.util.BitSet {
        long version;
    }

    @Test
    void aBitSetSubclassKeepsItsBits() {
        VersionedBits bits = new VersionedBits();
        bits.set(3);
        bits.set(64, 130);
        bits.version = 9;
        VersionedBits back = RoundTrip.copyOf(bits);
        assertEquals(bits, back);
        assertEquals(9, back.version);
        assertEquals(67, back.cardinality());
    }

    /** A map entry with a link to the next in its bucket, as Guava's ImmutableMapEntry (every ImmutableMap's entries). */
    static final class BucketEntry extends java.util.AbstractMap.SimpleImmutableEntry<Object, Object> {
        BucketEntry next;

        BucketEntry(Object key, Object value, BucketEntry next) {
            super(key, value);
            this.next = next;
        }
    }

    /** A mutable entry of its own. */
    static final class Counted extends java.util.AbstractMap.SimpleEntry<String, Integer> {
        int reads;

        Counted(String key, Integer value) {
            super(key, value);
        }
    }

    @Test
    void mapEntrySubclassesKeepKeyValueAndFieldsAndCyclesBackToThem() {
        BucketEntry first = new BucketEntry("a", 1, null);
        Object[] holder = new Object[1];
        BucketEntry second = new BucketEntry("b", holder, first);
        holder[0] = second;
        Counted counted = new Counted("c", 3);
        counted.reads = 5;
        for (boolean entryFirst : new boolean[] {true, false}) {
            Object[] back = entryFirst ? RoundTrip.copy(second, holder, counted) : RoundTrip.copy(holder, second, counted);
            BucketEntry s = (BucketEntry) back[entryFirst ? 0 : 1];
            Object[] h = (Object[]) back[entryFirst ? 1 : 0];
            assertEquals("b", s.getKey());
            assertSame(h, s.getValue());
            assertSame(s, h[0], "the cycle through the value leads back to the entry itself");
            assertEquals(java.util.Map.entry("a", 1), java.util.Map.entry(s.next.getKey(), s.next.getValue()));
            Counted c = (Counted) back[2];
            assertEquals(5, c.reads);
            assertEquals(3, c.setValue(4));
            assertEquals("c", c.getKey());
        }
    }

    /** A script engine's loader: a URLClassLoader subclass with caches of its own. */
    static final class EngineLoader extends java.net.URLClassLoader {
        final java.util.Map<String, Object> cache = new java.util.HashMap<>();
        EngineLoader self;

        EngineLoader(java.net.URL[] urls, ClassLoader parent) {
            super("engine", urls, parent);
        }
    }

    /** A library's loader for the classes it generates, child of another of the program's loaders. */
    static final class GeneratedLoader extends ClassLoader {
        final EngineLoader engine;

        GeneratedLoader(EngineLoader engine) {
            super(engine);
            this.engine = engine;
        }
    }

    @Test
    void theProgramsClassLoadersComeBackWithTheirParentsUrlsAndFields() throws Exception {
        java.net.URL classes = JdkSuperclassStateTest.class.getProtectionDomain().getCodeSource().getLocation();
        EngineLoader engine = new EngineLoader(new java.net.URL[] {classes}, ClassLoader.getSystemClassLoader());
        engine.self = engine;
        GeneratedLoader generated = new GeneratedLoader(engine);
        engine.cache.put("child", generated);
        java.net.URLClassLoader plain = new java.net.URLClassLoader(new java.net.URL[] {classes}, engine);

        Object[] back = RoundTrip.copy(generated, plain);
        GeneratedLoader g = (GeneratedLoader) back[0];
        EngineLoader e = g.engine;
        assertSame(e, g.getParent());
        assertSame(e, e.self);
        assertSame(g, e.cache.get("child"));
        assertEquals("engine", e.getName());
        assertSame(ClassLoader.getSystemClassLoader(), e.getParent());
        assertEquals(java.util.List.of(classes), java.util.List.of(e.getURLs()));
        assertSame(e, ((ClassLoader) back[1]).getParent());
        Class<?> found = e.loadClass(Counter.class.getName());
        assertSame(Counter.class, found, "through its parent first, as before");
    }
}

package dev.stasis.internal.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

/**
 * Weak, soft and phantom references, the JDK's and application subclasses of them (as Guava's
 * caches with weak keys or soft values, H2's close watcher): the referent, the queue the
 * reference is registered with, what is enqueued and not yet polled, and the subclass's own
 * fields, including those that lead back to the reference.
 */
class ReferencesTest {

    /** A cache entry keyed weakly, as Guava's LocalCache.WeakEntry. */
    static final class WeakEntry extends WeakReference<Object> {
        final int hash;
        SoftValue value;

        WeakEntry(Object key, ReferenceQueue<Object> queue, int hash) {
            super(key, queue);
            this.hash = hash;
        }
    }

    /** A value held softly, pointing back to its entry, as Guava's SoftValueReference. */
    static final class SoftValue extends SoftReference<Object> {
        final WeakEntry entry;

        SoftValue(Object value, ReferenceQueue<Object> queue, WeakEntry entry) {
            super(value, queue);
            this.entry = entry;
        }
    }

    /** A phantom reference that closes something once its referent is gone, as H2's CloseWatcher. */
    static final class Watcher extends PhantomReference<Object> {
        final String resource;

        Watcher(Object referent, ReferenceQueue<Object> queue, String resource) {
            super(referent, queue);
            this.resource = resource;
        }
    }

    /** An object that holds a weak reference to itself. */
    static final class Node {
        WeakReference<Node> self;
        String name = "node";
    }

    @Test
    @SuppressWarnings("unchecked")
    void jdkReferencesKeepTheirReferentAndTheirQueue() {
        Object referent = new StringBuilder("kept");
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        Object[] back = RoundTrip.copy(new WeakReference<>(referent, queue), new SoftReference<>(referent, queue),
                new PhantomReference<>(referent, queue), referent, queue, new WeakReference<>(referent));
        assertSame(back[3], ((WeakReference<?>) back[0]).get());
        assertSame(back[3], ((SoftReference<?>) back[1]).get());
        assertTrue(((Reference<Object>) back[2]).refersTo(back[3]));
        assertSame(back[3], ((WeakReference<?>) back[5]).get());
        @SuppressWarnings("unchecked")
        ReferenceQueue<Object> q = (ReferenceQueue<Object>) back[4];
        assertNull(q.poll(), "nothing was enqueued");
        for (int i = 0; i < 3; i++) {
            assertTrue(((Reference<?>) back[i]).enqueue(), "registered with the restored queue");
        }
        assertFalse(((Reference<?>) back[5]).enqueue(), "a reference made without a queue has none");
        int polled = 0;
        while (q.poll() != null) {
            polled++;
        }
        assertEquals(3, polled);
    }

    @Test
    void enqueuedReferencesAreOnTheirQueueAgainInEitherOrder() {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        WeakReference<Object> first = new WeakReference<>(new Object(), queue);
        WeakEntry second = new WeakEntry(new Object(), queue, 7);
        first.enqueue();
        second.enqueue();
        for (boolean queueFirst : new boolean[] {true, false}) {
            Object[] back = queueFirst ? RoundTrip.copy(queue, first, second) : RoundTrip.copy(first, second, queue);
            ReferenceQueue<?> q = (ReferenceQueue<?>) back[queueFirst ? 0 : 2];
            Reference<?> a = (Reference<?>) back[queueFirst ? 1 : 0];
            Reference<?> b = (Reference<?>) back[queueFirst ? 2 : 1];
            java.util.Set<Object> polled = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (Reference<?> r; (r = q.poll()) != null; ) {
                polled.add(r);
            }
            assertEquals(2, polled.size());
            assertTrue(polled.contains(a) && polled.contains(b));
            assertEquals(7, ((WeakEntry) b).hash);
            assertNull(a.get());
        }
    }

    /**
     * A reference whose referent is gone but that is not enqueued yet (the collector cleared it,
     * the reference handler had not run) is enqueued on restore, as it would have been.
     */
    @Test
    void aClearedRegisteredReferenceIsEnqueuedOnRestore() {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        WeakEntry entry = new WeakEntry(new Object(), queue, 1);
        entry.clear();
        Object[] back = RoundTrip.copy(entry, queue);
        assertSame(back[0], ((ReferenceQueue<?>) back[1]).poll());
    }

    @Test
    void applicationSubclassesKeepTheirFieldsAndTheCyclesThroughThem() {
        ReferenceQueue<Object> keys = new ReferenceQueue<>();
        ReferenceQueue<Object> values = new ReferenceQueue<>();
        Object key = "key-" + System.nanoTime();
        java.util.List<String> value = new java.util.ArrayList<>(java.util.List.of("v"));
        WeakEntry entry = new WeakEntry(key, keys, 42);
        entry.value = new SoftValue(value, values, entry);
        Object[] back = RoundTrip.copy(entry, key, value, keys, values, entry.value);
        WeakEntry e = (WeakEntry) back[0];
        assertEquals(42, e.hash);
        assertSame(back[1], e.get());
        assertSame(back[2], e.value.get());
        assertSame(e, e.value.entry);
        assertSame(back[5], e.value);
        assertTrue(e.enqueue());
        assertSame(e, ((ReferenceQueue<?>) back[3]).poll());
        assertTrue(e.value.enqueue());
        assertSame(e.value, ((ReferenceQueue<?>) back[4]).poll());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPhantomSubclassKeepsItsReferentAndFields() {
        Object connection = new StringBuilder("connection");
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        Object[] back = RoundTrip.copy(new Watcher(connection, queue, "db.lock"), connection, queue);
        Watcher w = (Watcher) back[0];
        assertEquals("db.lock", w.resource);
        assertTrue(((Reference<Object>) (Reference<?>) w).refersTo(back[1]));
        assertNull(w.get());
        assertTrue(w.enqueue());
        assertSame(w, ((ReferenceQueue<?>) back[2]).poll());
    }

    /** A cycle through the referent back to the reference: written whole inside it, read as one object. */
    @Test
    void aReferenceReachedAgainThroughItsReferentIsOneObject() {
        Node node = new Node();
        node.self = new WeakReference<>(node);
        for (boolean referenceFirst : new boolean[] {true, false}) {
            Object[] back = referenceFirst ? RoundTrip.copy(node.self, node) : RoundTrip.copy(node, node.self);
            Node n = (Node) back[referenceFirst ? 1 : 0];
            WeakReference<?> self = (WeakReference<?>) back[referenceFirst ? 0 : 1];
            assertSame(n, self.get());
            assertSame(self, n.self);
            assertEquals("node", n.name);
        }
    }

    @Test
    void aSubclassReachedAgainThroughItsReferentIsOneObject() {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        Object[] key = new Object[1];
        WeakEntry entry = new WeakEntry(key, queue, 3);
        key[0] = entry;
        entry.value = new SoftValue("v", queue, entry);
        WeakEntry back = RoundTrip.copyOf(entry);
        Object[] k = (Object[]) back.get();
        assertSame(back, k[0]);
        assertSame(back, back.value.entry);
        assertEquals(3, back.hash);
    }
}

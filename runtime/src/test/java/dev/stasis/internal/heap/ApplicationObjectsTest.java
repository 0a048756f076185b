package dev.stasis.internal.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ApplicationObjectsTest {

    static final class Node {
        final String name;
        Node next;
        transient int cached;

        Node(String name) {
            this.name = name;
        }
    }

    /** No no-argument constructor, and one with a side effect Stasis must not run. */
    static final class Account {
        static int constructed;
        private final String owner;
        private long balance;
        private final List<String> log = new ArrayList<>();

        Account(String owner, long balance) {
            constructed++;
            this.owner = owner;
            this.balance = balance;
        }
    }

    record Point(int x, int y, String label) {
    }

    enum Level {
        LOW, HIGH {
            @Override
            String describe() {
                return "high";
            }
        };

        int hits;
        final List<String> seen = new ArrayList<>();

        String describe() {
            return "low";
        }
    }

    /** A key whose hash depends on a static field and on an object reached through a cycle. */
    static final class Key {
        static int salt;
        Owner owner;
        int id;

        @Override
        public int hashCode() {
            return Objects.hash(salt, id, owner.name);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).id == id && ((Key) o).owner.name.equals(owner.name);
        }
    }

    static final class Owner {
        Map<Key, String> byKey = new HashMap<>();
        String name;
    }

    static final class Bounded extends ArrayList<String> {
        int limit;

        @Override
        public boolean add(String s) {
            if (size() >= limit) {
                throw new IllegalStateException("full");
            }
            return super.add(s);
        }
    }

    static final class Lru<K, V> extends LinkedHashMap<K, V> {
        final int max;

        Lru(int max) {
            super(16, 0.75f, true);
            this.max = max;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > max;
        }
    }

    static final class Range extends AbstractList<Integer> {
        int n;

        @Override
        public Integer get(int i) {
            return i;
        }

        @Override
        public int size() {
            return n;
        }
    }

    final class Inner {
        int v = 7;

        ApplicationObjectsTest outer() {
            return ApplicationObjectsTest.this;
        }
    }

    @Test
    void sharingAndCyclesAcrossRootsArePreserved() {
        Node a = new Node("a");
        Node b = new Node("b");
        a.next = b;
        b.next = a;
        a.cached = 99;
        Object[] back = RoundTrip.copy(a, b, new Object[] {a, b}, List.of(b));
        Node a2 = (Node) back[0];
        Node b2 = (Node) back[1];
        assertSame(b2, a2.next);
        assertSame(a2, b2.next);
        assertEquals(99, a2.cached, "transient fields are part of a checkpoint");
        assertSame(a2, ((Object[]) back[2])[0]);
        assertSame(b2, ((List<?>) back[3]).get(0));
    }

    @Test
    void objectsAreCreatedWithoutRunningTheirConstructors() {
        Account acc = new Account("ann", 10);
        acc.log.add("opened");
        int before = Account.constructed;
        Account back = RoundTrip.copyOf(acc);
        assertEquals(before, Account.constructed);
        assertEquals("ann", back.owner);
        assertEquals(10, back.balance);
        assertEquals(List.of("opened"), back.log);
    }

    @Test
    void recordsAndInnerClasses() {
        Inner inner = new Inner();
        Object[] back = RoundTrip.copy(new Point(1, -2, "p"), inner, this);
        assertEquals(new Point(1, -2, "p"), back[0]);
        Inner innerBack = (Inner) back[1];
        assertEquals(7, innerBack.v);
        assertSame(back[2], innerBack.outer());
    }

    @Test
    void enumConstantsAreTheSameInstancesAndReceiveTheirFields() {
        Level.HIGH.seen.clear();
        Level.HIGH.hits = 5;
        Level.HIGH.seen.add("x");
        byte[] heap = RoundTrip.write(Level.HIGH, Level.LOW);
        Level.HIGH.hits = 0;
        Level.HIGH.seen.clear();
        Object[] back = readUnchecked(heap);
        assertSame(Level.HIGH, back[0]);
        assertSame(Level.LOW, back[1]);
        assertEquals(5, Level.HIGH.hits);
        assertEquals(List.of("x"), Level.HIGH.seen);
        assertEquals("high", ((Level) back[0]).describe());
    }

    @Test
    void hashCollectionsAreFilledAfterStaticsAreSetAndCyclesComplete() throws Exception {
        Key.salt = 1;
        Owner owner = new Owner();
        owner.name = "o";
        Key key = new Key();
        key.id = 3;
        key.owner = owner;
        owner.byKey.put(key, "v");
        HashSet<Key> set = new HashSet<>(List.of(key));
        TreeMap<String, Key> tree = new TreeMap<>(Map.of("k", key));
        byte[] heap = RoundTrip.write(key, set, tree);

        Key.salt = 0;
        HeapReader reader = new HeapReader(getClass().getClassLoader(), RoundTrip.TEST_CLASSES);
        Object[] back = reader.read(new ByteArrayInputStream(heap));
        Owner ownerBack = ((Key) back[0]).owner;
        assertTrue(ownerBack.byKey.isEmpty(), "filled only by completeDeferred()");
        Key.salt = 1;
        reader.completeDeferred();
        Key keyBack = (Key) back[0];
        assertEquals("v", ownerBack.byKey.get(keyBack));
        assertTrue(((HashSet<?>) back[1]).contains(keyBack));
        assertSame(keyBack, ((TreeMap<?, ?>) back[2]).get("k"));
    }

    @Test
    void applicationSubclassesOfJdkCollections() {
        Bounded bounded = new Bounded();
        bounded.limit = 2;
        bounded.add("a");
        Lru<String, Integer> lru = new Lru<>(2);
        lru.put("x", 1);
        lru.put("y", 2);
        lru.get("x");
        Range range = new Range();
        range.n = 3;
        Object[] back = RoundTrip.copy(bounded, lru, range);
        Bounded b = (Bounded) back[0];
        assertEquals(List.of("a"), b);
        assertEquals(2, b.limit);
        @SuppressWarnings("unchecked")
        Lru<String, Integer> l = (Lru<String, Integer>) back[1];
        assertEquals(List.of("y", "x"), new ArrayList<>(l.keySet()));
        l.put("z", 3);
        assertEquals(List.of("x", "z"), new ArrayList<>(l.keySet()), "access order and removeEldestEntry work");
        assertEquals(List.of(0, 1, 2), back[2]);
    }

    @Test
    void deepStructuresDoNotOverflowTheStack() {
        Node head = new Node("0");
        Node n = head;
        for (int i = 1; i < 200_000; i++) {
            n.next = new Node(Integer.toString(i));
            n = n.next;
        }
        Node back = RoundTrip.copyOf(head);
        int count = 0;
        for (Node m = back; m != null; m = m.next) {
            count++;
        }
        assertEquals(200_000, count);
        assertNotSame(head, back);
    }

    @Test
    void nullRootsAndEmptyRoots() {
        Object[] back = RoundTrip.copy(null, "x", null);
        assertNull(back[0]);
        assertEquals("x", back[1]);
        assertEquals(0, RoundTrip.copy().length);
    }

    private static Object[] readUnchecked(byte[] heap) {
        try {
            return RoundTrip.read(heap);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}

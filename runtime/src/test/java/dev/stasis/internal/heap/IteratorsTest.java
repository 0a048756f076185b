package dev.stasis.internal.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.Vector;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Iterators captured in the middle of a for-each loop, as a checkpoint inside the loop body sees them. */
class IteratorsTest {

    private static <T> List<T> drain(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    /** Advances {@code it} by {@code n} and returns the elements it still has, without consuming them. */
    private static <T> Iterator<T> advanced(Iterator<T> it, int n) {
        for (int i = 0; i < n; i++) {
            it.next();
        }
        return it;
    }

    @Test
    void arrayListIteratorResumesAndRemoves() {
        List<String> list = new ArrayList<>(List.of("a", "b", "c", "d"));
        Iterator<String> it = advanced(list.iterator(), 2);
        Object[] back = RoundTrip.copy(list, it);
        @SuppressWarnings("unchecked")
        List<String> listBack = (List<String>) back[0];
        @SuppressWarnings("unchecked")
        Iterator<String> itBack = (Iterator<String>) back[1];
        itBack.remove();
        assertEquals(List.of("a", "c", "d"), listBack, "remove() removes the element returned before the checkpoint");
        assertEquals(List.of("c", "d"), drain(itBack));
        assertEquals(List.of("c", "d"), drain(it), "the live iterator is untouched");
    }

    @Test
    void linkedListAndListIterators() {
        LinkedList<Integer> list = new LinkedList<>(List.of(1, 2, 3, 4, 5));
        Iterator<Integer> it = advanced(list.iterator(), 3);
        ListIterator<Integer> li = list.listIterator(1);
        li.next();
        Object[] back = RoundTrip.copy(list, it, li);
        @SuppressWarnings("unchecked")
        List<Integer> listBack = (List<Integer>) back[0];
        @SuppressWarnings("unchecked")
        Iterator<Integer> itBack = (Iterator<Integer>) back[1];
        assertEquals(List.of(4, 5), drain(itBack));
        itBack.remove();
        assertEquals(List.of(1, 2, 3, 4), listBack);
        @SuppressWarnings("unchecked")
        ListIterator<Integer> liBack = (ListIterator<Integer>) back[2];
        assertEquals(2, liBack.nextIndex());
        assertEquals(2, liBack.previous());
    }

    @Test
    void hashMapKeySetIteratorYieldsTheCapturedRemainder() {
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            map.put("k" + i, i);
        }
        Iterator<String> it = advanced(map.keySet().iterator(), 20);
        List<String> expected = drain(advanced(map.keySet().iterator(), 20));
        Object[] back = RoundTrip.copy(map, it);
        @SuppressWarnings("unchecked")
        Map<String, Integer> mapBack = (Map<String, Integer>) back[0];
        @SuppressWarnings("unchecked")
        Iterator<String> itBack = (Iterator<String>) back[1];
        assertInstanceOf(ResumedIterator.class, itBack);
        String first = itBack.next();
        assertEquals(expected.get(0), first);
        itBack.remove();
        assertFalse(mapBack.containsKey(first));
        assertEquals(expected.subList(1, expected.size()), drain(itBack));
        assertEquals(49, mapBack.size());
    }

    @Test
    void removeRightAfterRestoreRemovesTheElementReturnedBeforeTheCheckpoint() {
        Set<String> set = new HashSet<>(List.of("a", "b", "c", "d", "e"));
        Iterator<String> it = set.iterator();
        String returned = it.next();
        it.next();
        Iterator<String> probe = set.iterator();
        probe.next();
        String last = probe.next();
        Object[] back = RoundTrip.copy(set, it);
        @SuppressWarnings("unchecked")
        Set<String> setBack = (Set<String>) back[0];
        @SuppressWarnings("unchecked")
        Iterator<String> itBack = (Iterator<String>) back[1];
        itBack.remove();
        assertFalse(setBack.contains(last), "the set behind the iterator is the restored HashSet");
        assertEquals(4, setBack.size());
        assertEquals(3, drain(itBack).size());
        assertEquals(returned, returned);
    }

    @Test
    void treeMapEntrySetIterator() {
        TreeMap<Integer, String> tree = new TreeMap<>();
        for (int i = 0; i < 10; i++) {
            tree.put(i, "v" + i);
        }
        Iterator<Map.Entry<Integer, String>> it = advanced(tree.entrySet().iterator(), 4);
        Object[] back = RoundTrip.copy(tree, it);
        @SuppressWarnings("unchecked")
        Iterator<Map.Entry<Integer, String>> itBack = (Iterator<Map.Entry<Integer, String>>) back[1];
        List<Integer> keys = new ArrayList<>();
        itBack.forEachRemaining(e -> keys.add(e.getKey()));
        assertEquals(List.of(4, 5, 6, 7, 8, 9), keys);
        itBack.remove();
        assertFalse(((TreeMap<?, ?>) back[0]).containsKey(9));
    }

    @Test
    void entriesOfAnEntrySetLoopWriteThroughToTheRestoredMap() {
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < 8; i++) {
            map.put("key" + i, i * i);
        }
        Iterator<Map.Entry<String, Integer>> it = map.entrySet().iterator();
        Map.Entry<String, Integer> current = null;
        for (int n = 0; n < 4; n++) {
            current = it.next();
        }
        Object[] back = RoundTrip.copy(map, it, current);
        @SuppressWarnings("unchecked")
        Map<String, Integer> mapBack = (Map<String, Integer>) back[0];
        @SuppressWarnings("unchecked")
        Map.Entry<String, Integer> entryBack = (Map.Entry<String, Integer>) back[2];
        String key = current.getKey();
        assertEquals(key, entryBack.getKey());
        entryBack.setValue(entryBack.getValue() + 1000);
        assertEquals(current.getValue() + 1000, mapBack.get(key));
        mapBack.put(key, -1);
        assertEquals(-1, entryBack.getValue());
        @SuppressWarnings("unchecked")
        Iterator<Map.Entry<String, Integer>> itBack = (Iterator<Map.Entry<String, Integer>>) back[1];
        Map.Entry<String, Integer> next = itBack.next();
        mapBack.put(next.getKey(), 77);
        assertEquals(77, next.getValue());
    }

    @Test
    void dequesWrappersAndOtherIterators() {
        ArrayDeque<String> deque = new ArrayDeque<>(List.of("a", "b", "c"));
        Iterator<String> dequeIt = advanced(deque.iterator(), 1);
        Iterator<String> descending = advanced(deque.descendingIterator(), 1);
        List<String> plain = new ArrayList<>(List.of("x", "y", "z"));
        Iterator<String> unmodifiable = advanced(Collections.unmodifiableList(plain).iterator(), 1);
        Iterator<Integer> immutable = advanced(List.of(1, 2, 3).iterator(), 2);
        Map<String, Integer> linked = new LinkedHashMap<>(Map.of("p", 1));
        Iterator<Integer> values = linked.values().iterator();
        Vector<String> vector = new Vector<>(List.of("v1", "v2"));
        Enumeration<String> elements = vector.elements();
        elements.nextElement();
        Hashtable<String, Integer> table = new Hashtable<>(Map.of("h", 1));
        Enumeration<String> tableKeys = table.keys();
        ConcurrentHashMap<String, Integer> chm = new ConcurrentHashMap<>();
        for (int i = 0; i < 40; i++) {
            chm.put("c" + i, i);
        }
        Iterator<String> chmIt = advanced(chm.keySet().iterator(), 10);
        List<String> chmExpected = drain(advanced(chm.keySet().iterator(), 10));

        Object[] back = RoundTrip.copy(deque, dequeIt, descending, unmodifiable, immutable, values, elements, tableKeys, chmIt);
        assertEquals(List.of("b", "c"), drain(cast(back[1])));
        assertEquals(List.of("b", "a"), drain(cast(back[2])));
        Iterator<String> unmodifiableBack = cast(back[3]);
        assertEquals(List.of("y", "z"), drain(unmodifiableBack));
        assertThrows(UnsupportedOperationException.class, unmodifiableBack::remove);
        assertEquals(List.of(3), drain(cast(back[4])));
        assertEquals(List.of(1), drain(cast(back[5])));
        @SuppressWarnings("unchecked")
        Enumeration<String> elementsBack = (Enumeration<String>) back[6];
        assertEquals("v2", elementsBack.nextElement());
        assertFalse(elementsBack.hasMoreElements());
        @SuppressWarnings("unchecked")
        Enumeration<String> keysBack = (Enumeration<String>) back[7];
        assertEquals("h", keysBack.nextElement());
        assertEquals(chmExpected, drain(cast(back[8])));
        assertEquals(List.of("b", "c"), drain(dequeIt), "the live iterators are untouched");
    }

    @Test
    void iteratorsOverViewsWithoutAWritableCollectionStillResume() {
        Map<String, Integer> map = new TreeMap<>(Map.of("a", 1, "b", 2, "c", 3));
        Iterator<Map.Entry<String, Integer>> it = advanced(Collections.unmodifiableMap(map).entrySet().iterator(), 1);
        Iterator<String> sub = advanced(new TreeMap<>(map).headMap("c").keySet().iterator(), 1);
        Object[] back = RoundTrip.copy(it, sub);
        Iterator<Map.Entry<String, Integer>> itBack = cast(back[0]);
        assertEquals("b", itBack.next().getKey());
        assertThrows(UnsupportedOperationException.class, itBack::remove);
        assertEquals(List.of("b"), drain(cast(back[1])));
    }

    @Test
    void restoredIteratorsCanBeCheckpointedAgain() {
        List<String> list = new ArrayList<>(List.of("a", "b", "c"));
        Set<String> set = new HashSet<>(list);
        Object[] once = RoundTrip.copy(list, advanced(list.iterator(), 1), set, advanced(set.iterator(), 1));
        Object[] twice = RoundTrip.copy(once);
        assertEquals(List.of("b", "c"), drain(cast(twice[1])));
        assertEquals(2, drain(cast(twice[3])).size());
    }

    /** A collection whose iterator is the application's own, wrapping the JDK's (as Protocol Buffers' maps do). */
    static final class Guarded extends java.util.AbstractCollection<String> {
        final List<String> items = new ArrayList<>(List.of("a", "b", "c", "d"));

        @Override
        public Iterator<String> iterator() {
            Iterator<String> inner = items.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return inner.hasNext();
                }

                @Override
                public String next() {
                    return inner.next();
                }
            };
        }

        @Override
        public int size() {
            return items.size();
        }
    }

    /**
     * A JDK iterator wrapping the application's own: writing it drains a copy of both, and the
     * program's loop goes on from where it was (a continued program once found its loop ended).
     */
    @Test
    void writingAnIteratorOverTheApplicationsOwnLeavesTheLiveOneWhereItWas() {
        Iterator<String> live = advanced(Collections.unmodifiableCollection(new Guarded()).iterator(), 1);
        Object[] back = RoundTrip.copy(live);
        assertEquals(List.of("b", "c", "d"), drain(live));
        assertEquals(List.of("b", "c", "d"), drain(cast(back[0])));
    }

    @SuppressWarnings("unchecked")
    private static <T> Iterator<T> cast(Object o) {
        return (Iterator<T>) o;
    }

    @SuppressWarnings("unused")
    private static int size(Collection<?> c) {
        return c.size();
    }
}

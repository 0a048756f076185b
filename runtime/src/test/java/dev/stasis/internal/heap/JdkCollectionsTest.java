package dev.stasis.internal.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.Set;
import java.util.Stack;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Vector;
import java.util.WeakHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import org.junit.jupiter.api.Test;

class JdkCollectionsTest {

    private static final List<String> ITEMS = List.of("d", "a", "c", "b", "e");

    @Test
    void listsQueuesAndSetsKeepContentOrderAndClass() {
        List<Collection<String>> originals = new ArrayList<>();
        originals.add(new ArrayList<>(ITEMS));
        originals.add(new LinkedList<>(ITEMS));
        originals.add(new Vector<>(ITEMS));
        Stack<String> stack = new Stack<>();
        stack.addAll(ITEMS);
        originals.add(stack);
        originals.add(new ArrayDeque<>(ITEMS));
        originals.add(new CopyOnWriteArrayList<>(ITEMS));
        originals.add(new ConcurrentLinkedQueue<>(ITEMS));
        originals.add(new ConcurrentLinkedDeque<>(ITEMS));
        originals.add(new LinkedBlockingQueue<>(ITEMS));
        originals.add(new LinkedBlockingDeque<>(ITEMS));
        originals.add(new LinkedHashSet<>(ITEMS));
        originals.add(new CopyOnWriteArraySet<>(ITEMS));
        originals.add(new TreeSet<>(ITEMS));
        originals.add(new ConcurrentSkipListSet<>(ITEMS));
        for (Collection<String> original : originals) {
            Collection<?> back = RoundTrip.copyOf(original);
            assertEquals(original.getClass(), back.getClass());
            assertEquals(new ArrayList<>(original), new ArrayList<>(back), original.getClass().getName());
        }
        assertEquals(new HashSet<>(ITEMS), RoundTrip.copyOf(new HashSet<>(ITEMS)));
    }

    @Test
    void comparatorsCapacitiesAndHeapOrderSurvive() {
        Comparator<String> reverse = Collections.reverseOrder();
        TreeSet<String> ts = new TreeSet<>(reverse);
        ts.addAll(ITEMS);
        PriorityQueue<String> pq = new PriorityQueue<>(Comparator.reverseOrder());
        pq.addAll(ITEMS);
        Comparator<String> byLength = (Comparator<String> & Serializable) (x, y) -> Integer.compare(x.length(), y.length());
        PriorityBlockingQueue<String> pbq = new PriorityBlockingQueue<>(4, byLength);
        pbq.addAll(List.of("ccc", "a", "bb"));
        ArrayBlockingQueue<String> abq = new ArrayBlockingQueue<>(7);
        abq.addAll(ITEMS);
        Object[] back = RoundTrip.copy(ts, pq, pbq, abq);
        assertEquals(new ArrayList<>(ts), new ArrayList<>((TreeSet<?>) back[0]));
        assertSame(reverse, ((TreeSet<?>) back[0]).comparator());
        assertEquals(Arrays.asList(pq.toArray()), Arrays.asList(((PriorityQueue<?>) back[1]).toArray()));
        assertEquals("a", ((PriorityBlockingQueue<?>) back[2]).poll());
        assertEquals(2, ((ArrayBlockingQueue<?>) back[3]).remainingCapacity());
    }

    @Test
    void jdkComparatorWrappers() {
        TreeSet<String> reversed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER.reversed());
        reversed.addAll(List.of("b", "A", "c"));
        TreeMap<String, Integer> nulls = new TreeMap<>(Comparator.nullsFirst(Comparator.<String>naturalOrder()));
        nulls.put(null, 0);
        nulls.put("x", 1);
        Object[] back = RoundTrip.copy(reversed, nulls);
        assertEquals(List.of("c", "b", "A"), new ArrayList<>((TreeSet<?>) back[0]));
        assertEquals(0, ((TreeMap<?, ?>) back[1]).firstEntry().getValue());
    }

    @Test
    void mapsKeepEntriesAndSettings() {
        Map<String, Integer> source = new LinkedHashMap<>();
        for (int i = 0; i < ITEMS.size(); i++) {
            source.put(ITEMS.get(i), i);
        }
        List<Map<String, Integer>> originals = List.of(new HashMap<>(source), new LinkedHashMap<>(source), new TreeMap<>(source),
                new Hashtable<>(source), new ConcurrentHashMap<>(source), new ConcurrentSkipListMap<>(source),
                new WeakHashMap<>(source));
        for (Map<String, Integer> original : originals) {
            Map<?, ?> back = RoundTrip.copyOf(original);
            assertEquals(original.getClass(), back.getClass());
            assertEquals(original, back);
        }
        LinkedHashMap<String, Integer> lru = new LinkedHashMap<>(16, 0.75f, true);
        lru.putAll(source);
        lru.get("d");
        LinkedHashMap<String, Integer> lruBack = RoundTrip.copyOf(lru);
        assertEquals(new ArrayList<>(lru.keySet()), new ArrayList<>(lruBack.keySet()));
        lruBack.get("a");
        assertEquals("a", new ArrayList<>(lruBack.keySet()).get(4), "access order is kept");

        Properties defaults = new Properties();
        defaults.setProperty("x", "1");
        Properties props = new Properties(defaults);
        props.setProperty("y", "2");
        Properties propsBack = RoundTrip.copyOf(props);
        assertEquals("1", propsBack.getProperty("x"));
        assertEquals("2", propsBack.getProperty("y"));

        EnumMap<DayOfWeek, String> em = new EnumMap<>(DayOfWeek.class);
        em.put(DayOfWeek.MONDAY, "m");
        assertEquals(em, RoundTrip.copyOf(em));
        assertEquals(new EnumMap<>(DayOfWeek.class), RoundTrip.copyOf(new EnumMap<>(DayOfWeek.class)));
        assertEquals(EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY), RoundTrip.copyOf(EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY)));
        assertEquals(EnumSet.noneOf(DayOfWeek.class), RoundTrip.copyOf(EnumSet.noneOf(DayOfWeek.class)));

        String k1 = new String("k");
        String k2 = new String("k");
        IdentityHashMap<String, Integer> ihm = new IdentityHashMap<>();
        ihm.put(k1, 1);
        ihm.put(k2, 2);
        assertEquals(2, RoundTrip.copyOf(ihm).size());
    }

    @Test
    void immutableAndWrapperCollections() {
        List<String> base = new ArrayList<>(ITEMS);
        Object[] back = RoundTrip.copy(List.of(), List.of("x"), List.of("a", "b", "c"), Set.of("s", "t"), Map.of("k", 1),
                Map.of("a", 1, "b", 2, "c", 3), Collections.unmodifiableList(base), base, Collections.synchronizedMap(new HashMap<>(Map.of("q", 1))),
                Collections.emptyList(), Collections.emptyMap(), Collections.singletonList("one"), Collections.singleton(1),
                Collections.singletonMap("k", "v"), Collections.nCopies(3, "n"), Arrays.asList("p", "q"),
                Collections.unmodifiableSortedSet(new TreeSet<>(ITEMS)), Arrays.asList(1, null).stream().toList());
        assertEquals(List.of(), back[0]);
        assertEquals(List.of("x"), back[1]);
        assertEquals(List.of("a", "b", "c"), back[2]);
        assertThrows(UnsupportedOperationException.class, () -> ((List<Object>) back[2]).add("z"));
        assertEquals(Set.of("s", "t"), back[3]);
        assertEquals(Map.of("k", 1), back[4]);
        assertEquals(3, ((Map<?, ?>) back[5]).size());
        @SuppressWarnings("unchecked")
        List<String> baseBack = (List<String>) back[7];
        baseBack.add("z");
        assertEquals("z", ((List<?>) back[6]).get(5), "the unmodifiable view still views the restored list");
        assertEquals(1, ((Map<?, ?>) back[8]).get("q"));
        assertSame(Collections.emptyList(), back[9]);
        assertSame(Collections.emptyMap(), back[10]);
        assertEquals(List.of("one"), back[11]);
        assertEquals(Set.of(1), back[12]);
        assertEquals(Map.of("k", "v"), back[13]);
        assertEquals(List.of("n", "n", "n"), back[14]);
        assertEquals(List.of("p", "q"), back[15]);
        assertEquals(new TreeSet<>(ITEMS), back[16]);
        assertEquals(Arrays.asList(1, null), back[17]);
    }

    @Test
    void viewsStayViewsOfTheRestoredCollection() {
        String[] array = {"a", "b"};
        List<String> asList = Arrays.asList(array);
        List<String> list = new ArrayList<>(ITEMS);
        List<String> sub = list.subList(1, 3);
        Map<String, Integer> map = new HashMap<>(Map.of("a", 1, "b", 2));
        Set<String> keys = map.keySet();
        Collection<Integer> values = map.values();
        Set<Map.Entry<String, Integer>> entries = map.entrySet();
        Set<String> concurrentSet = ConcurrentHashMap.newKeySet();
        concurrentSet.add("c");
        Set<String> fromMap = Collections.newSetFromMap(new ConcurrentHashMap<>());
        fromMap.add("f");
        Set<String> identitySet = Collections.newSetFromMap(new IdentityHashMap<>());
        identitySet.add("i");
        Object[] back = RoundTrip.copy(array, asList, list, sub, map, keys, values, entries, concurrentSet, fromMap, identitySet);
        ((String[]) back[0])[0] = "changed";
        assertEquals("changed", ((List<?>) back[1]).get(0));
        @SuppressWarnings("unchecked")
        List<String> subBack = (List<String>) back[3];
        assertEquals(List.of("a", "c"), subBack);
        subBack.set(0, "A");
        assertEquals("A", ((List<?>) back[2]).get(1));
        @SuppressWarnings("unchecked")
        Map<String, Integer> mapBack = (Map<String, Integer>) back[4];
        ((Set<?>) back[5]).remove("a");
        assertEquals(Map.of("b", 2), mapBack);
        assertEquals(List.of(2), new ArrayList<>((Collection<?>) back[6]));
        assertEquals(1, ((Set<?>) back[7]).size());
        @SuppressWarnings("unchecked")
        Set<String> csBack = (Set<String>) back[8];
        assertTrue(csBack.add("d"));
        assertEquals(Set.of("c", "d"), csBack);
        assertEquals(Set.of("f"), back[9]);
        assertEquals(Set.of("i"), back[10]);
    }

    @Test
    void entriesOutsideAnEntrySetLoopComeBackAsSimpleEntries() {
        Map<String, Integer> map = new HashMap<>(Map.of("k", 5));
        Map.Entry<String, Integer> live = map.entrySet().iterator().next();
        Object[] back = RoundTrip.copy(live, Map.entry("a", 1), new AbstractMap.SimpleImmutableEntry<>("b", 2));
        assertInstanceOf(AbstractMap.SimpleEntry.class, back[0]);
        assertEquals(Map.entry("k", 5), back[0]);
        assertEquals(Map.entry("a", 1), back[1]);
        assertInstanceOf(AbstractMap.SimpleImmutableEntry.class, back[2]);
    }
}

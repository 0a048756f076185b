package e2e.heap;

import dev.stasis.Stasis;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * JDK collections held across the checkpoint keep their contents, order and behaviour: an
 * ArrayList, a LinkedList, a HashMap and HashSet with String keys, a TreeMap with a reverse
 * comparator, an ArrayDeque, an access-ordered LinkedHashMap, a LinkedHashSet, a PriorityQueue,
 * and immutable ones (List.of, Map.of, Set.of, unmodifiable and empty collections), all changed
 * again after the restore.
 */
public final class JdkCollections {

    public static void main(String[] args) {
        List<Integer> list = new ArrayList<>(List.of(3, 1, 4, 1, 5));
        LinkedList<String> linked = new LinkedList<>(List.of("l1", "l2"));
        Map<String, Integer> hash = new HashMap<>();
        for (String k : new String[] {"one", "two", "three", "four", "five"}) {
            hash.put(k, k.length());
        }
        Set<String> hashSet = new HashSet<>(hash.keySet());
        TreeMap<String, List<Integer>> tree = new TreeMap<>(Comparator.reverseOrder());
        tree.put("b", new ArrayList<>(List.of(2)));
        tree.put("a", new ArrayList<>(List.of(1)));
        tree.put("c", list);
        TreeSet<Integer> sorted = new TreeSet<>(list);
        ArrayDeque<String> deque = new ArrayDeque<>();
        deque.push("d1");
        deque.addLast("d2");
        deque.push("d0");
        LinkedHashMap<String, Integer> accessOrdered = new LinkedHashMap<>(16, 0.75f, true);
        accessOrdered.put("x", 1);
        accessOrdered.put("y", 2);
        accessOrdered.put("z", 3);
        accessOrdered.get("x");
        LinkedHashSet<String> insertionOrdered = new LinkedHashSet<>(List.of("q", "w", "e"));
        PriorityQueue<Integer> queue = new PriorityQueue<>(List.of(9, 2, 7, 4));
        List<Integer> immutableList = List.of(10, 20, 30);
        Map<String, Integer> immutableMap = Map.of("k1", 1, "k2", 2);
        Set<String> immutableSet = Set.of("s1", "s2", "s3");
        List<Integer> unmodifiable = Collections.unmodifiableList(new ArrayList<>(List.of(7, 8)));
        List<String> empty = Collections.emptyList();
        List<String> fixed = Arrays.asList("f1", "f2");

        System.out.println("--- before checkpoint ---");
        print(list, linked, hash, hashSet, tree, sorted, deque, accessOrdered, insertionOrdered, queue,
                immutableList, immutableMap, immutableSet, unmodifiable, empty, fixed);
        Stasis.checkpoint();
        System.out.println("--- after checkpoint ---");
        print(list, linked, hash, hashSet, tree, sorted, deque, accessOrdered, insertionOrdered, queue,
                immutableList, immutableMap, immutableSet, unmodifiable, empty, fixed);
        System.out.println("tree value is the list: " + (tree.get("c") == list));

        list.add(9);
        linked.addFirst("l0");
        hash.put("six", 3);
        hash.remove("one");
        hashSet.add("zero");
        tree.put("bb", new ArrayList<>());
        tree.get("a").add(11);
        sorted.add(0);
        deque.push("dnew");
        deque.pollLast();
        accessOrdered.get("y");
        accessOrdered.put("w", 0);
        insertionOrdered.add("r");
        queue.add(1);
        fixed.set(0, "f0");
        System.out.println("--- changed after restore ---");
        print(list, linked, hash, hashSet, tree, sorted, deque, accessOrdered, insertionOrdered, queue,
                immutableList, immutableMap, immutableSet, unmodifiable, empty, fixed);
        System.out.println("queue polls in order: " + queue.poll() + " " + queue.poll() + " " + queue.poll());
        System.out.println("immutable list refuses: " + refuses(() -> immutableList.add(1)));
        System.out.println("immutable map refuses: " + refuses(() -> immutableMap.put("k3", 3)));
        System.out.println("unmodifiable refuses: " + refuses(() -> unmodifiable.add(1)));
        System.out.println("fixed-size refuses: " + refuses(() -> fixed.add("f3")));
    }

    static void print(List<Integer> list, LinkedList<String> linked, Map<String, Integer> hash, Set<String> hashSet,
                      TreeMap<String, List<Integer>> tree, TreeSet<Integer> sorted, ArrayDeque<String> deque,
                      LinkedHashMap<String, Integer> accessOrdered, LinkedHashSet<String> insertionOrdered,
                      PriorityQueue<Integer> queue, List<Integer> immutableList, Map<String, Integer> immutableMap,
                      Set<String> immutableSet, List<Integer> unmodifiable, List<String> empty, List<String> fixed) {
        System.out.println("ArrayList " + list + " LinkedList " + linked);
        // Hash iteration order is an implementation detail that may change with the table's size;
        // what must survive is the content and lookups.
        System.out.println("HashMap " + new TreeMap<>(hash) + " get(three)=" + hash.get("three")
                + " HashSet " + new TreeSet<>(hashSet) + " contains(two)=" + hashSet.contains("two"));
        System.out.println("TreeMap " + tree + " first=" + tree.firstKey() + " TreeSet " + sorted);
        System.out.println("ArrayDeque " + deque + " peek=" + deque.peekFirst() + "/" + deque.peekLast());
        System.out.println("LinkedHashMap(access order) " + accessOrdered + " LinkedHashSet " + insertionOrdered);
        System.out.println("PriorityQueue peek=" + queue.peek() + " size=" + queue.size());
        System.out.println("List.of " + immutableList + " Map.of " + new TreeMap<>(immutableMap) + " Set.of "
                + new TreeSet<>(immutableSet) + " unmodifiable " + unmodifiable + " empty " + empty
                + " asList " + fixed);
    }

    static boolean refuses(Runnable change) {
        try {
            change.run();
            return false;
        } catch (UnsupportedOperationException expected) {
            return true;
        }
    }
}

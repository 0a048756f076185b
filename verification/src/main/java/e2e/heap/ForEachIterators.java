package e2e.heap;

import dev.stasis.Stasis;
import java.util.ArrayDeque;
import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The checkpoint inside for-each loops, whose JDK iterators sit in a local: over an ArrayList
 * ("list"), a LinkedList ("linkedList"), a HashSet ("set"), a HashMap's entrySet ("entrySet"), a
 * TreeMap's entrySet ("treeMap"), an ArrayDeque ("deque"), a List.of ("immutable"), one loop
 * nested in another ("nested"), and an unmodifiable view of a collection whose iterator is the
 * program's own ("wrapped", as Protocol Buffers' maps are iterated). The loop must go on with the
 * next element, over the same collection object, and visit every element exactly once.
 */
public final class ForEachIterators {

    /** A collection with an iterator of its own. */
    static final class Bag extends AbstractCollection<String> {
        private final List<String> items;

        Bag(List<String> items) {
            this.items = new ArrayList<>(items);
        }

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

    public static void main(String[] args) {
        switch (args[0]) {
            case "list": {
                List<Integer> list = new ArrayList<>(List.of(10, 20, 30, 40, 50));
                for (int x : list) {
                    System.out.println("element " + x);
                    if (x == 30) {
                        point();
                        // A change made after the restore must be seen by the restored iterator.
                        list.set(4, 500);
                    }
                }
                System.out.println("list " + list);
                break;
            }
            case "linkedList": {
                LinkedList<String> list = new LinkedList<>(List.of("p", "q", "r", "s"));
                for (String s : list) {
                    System.out.println("element " + s);
                    if (s.equals("q")) {
                        point();
                        list.set(3, "S");
                    }
                }
                break;
            }
            case "set": {
                Set<String> set = new HashSet<>(List.of("red", "green", "blue", "cyan", "magenta", "yellow"));
                List<String> visited = new ArrayList<>();
                for (String s : set) {
                    visited.add(s);
                    if (visited.size() == 3) {
                        point();
                    }
                }
                System.out.println("visited " + visited.size() + ": " + new TreeSet<>(visited));
                break;
            }
            case "entrySet": {
                Map<String, Integer> map = new HashMap<>();
                for (int i = 0; i < 8; i++) {
                    map.put("key" + i, i * i);
                }
                List<String> visited = new ArrayList<>();
                int sum = 0;
                for (Map.Entry<String, Integer> e : map.entrySet()) {
                    visited.add(e.getKey() + "=" + e.getValue());
                    sum += e.getValue();
                    if (visited.size() == 4) {
                        point();
                        e.setValue(e.getValue() + 1000);
                    }
                }
                System.out.println("visited " + visited.size() + ": " + new TreeSet<>(visited) + " sum=" + sum);
                System.out.println("map " + new TreeMap<>(map));
                break;
            }
            case "treeMap": {
                TreeMap<String, Integer> map = new TreeMap<>(Map.of("a", 1, "b", 2, "c", 3, "d", 4));
                for (Map.Entry<String, Integer> e : map.entrySet()) {
                    System.out.println("entry " + e.getKey() + "=" + e.getValue());
                    if (e.getKey().equals("b")) {
                        point();
                        map.put("d", 40);
                    }
                }
                break;
            }
            case "deque": {
                ArrayDeque<Integer> deque = new ArrayDeque<>(List.of(1, 2, 3, 4));
                deque.addFirst(0);
                for (int x : deque) {
                    System.out.println("element " + x);
                    if (x == 2) {
                        point();
                    }
                }
                break;
            }
            case "immutable": {
                for (String s : List.of("i1", "i2", "i3")) {
                    System.out.println("element " + s);
                    if (s.equals("i2")) {
                        point();
                    }
                }
                break;
            }
            case "nested": {
                Map<String, List<Integer>> groups = new TreeMap<>();
                groups.put("g1", List.of(1, 2));
                groups.put("g2", new ArrayList<>(List.of(3, 4, 5)));
                groups.put("g3", List.of(6));
                for (String key : groups.keySet()) {
                    for (int v : groups.get(key)) {
                        System.out.println(key + " -> " + v);
                        if (v == 4) {
                            point();
                        }
                    }
                }
                break;
            }
            case "wrapped": {
                for (String s : Collections.unmodifiableCollection(new Bag(List.of("w1", "w2", "w3", "w4")))) {
                    System.out.println("element " + s);
                    if (s.equals("w2")) {
                        point();
                    }
                }
                break;
            }
            default:
                throw new IllegalArgumentException("unknown case " + args[0]);
        }
        System.out.println("loop done");
    }

    static void point() {
        System.out.println("checkpoint inside the loop");
        Stasis.checkpoint();
        System.out.println("resumed inside the loop");
    }
}

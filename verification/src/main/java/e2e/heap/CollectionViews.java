package e2e.heap;

import dev.stasis.Stasis;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Views stay views of the same backing object after the restore: an unmodifiable list over an
 * ArrayList, a map's keySet and values, a subList, and Arrays.asList over an array. A change made
 * through the backing object after the restore must show in the view.
 */
public final class CollectionViews {

    public static void main(String[] args) {
        List<String> backing = new ArrayList<>(List.of("a", "b"));
        List<String> unmodifiable = Collections.unmodifiableList(backing);
        Map<String, Integer> map = new TreeMap<>(Map.of("m", 1, "n", 2));
        Set<String> keys = map.keySet();
        Collection<Integer> values = map.values();
        List<Integer> numbers = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5));
        List<Integer> sub = numbers.subList(2, 5);
        String[] array = {"x", "y"};
        List<String> asList = Arrays.asList(array);

        System.out.println("before: " + unmodifiable + " " + keys + " " + values + " " + sub + " " + asList);
        Stasis.checkpoint();
        System.out.println("after: " + unmodifiable + " " + keys + " " + values + " " + sub + " " + asList);

        backing.add("c");
        map.put("o", 3);
        sub.set(0, 20);
        array[0] = "z";
        System.out.println("backing changed: unmodifiable " + unmodifiable + " keys " + keys + " values " + values);
        System.out.println("view changed: numbers " + numbers + " asList " + asList);
    }
}

package e2e.heap;

import dev.stasis.Stasis;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Unmodifiable views stay views of the same backing collection after the restore, and
 * Arrays.asList stays backed by its array: a change made through the backing object after the
 * restore must show in the view.
 */
public final class CollectionViews {

    public static void main(String[] args) {
        List<String> list = new ArrayList<>(List.of("a", "b"));
        List<String> unmodifiableList = Collections.unmodifiableList(list);
        Map<String, Integer> map = new TreeMap<>(Map.of("m", 1, "n", 2));
        Map<String, Integer> unmodifiableMap = Collections.unmodifiableMap(map);
        Set<String> set = new HashSet<>(List.of("s", "t"));
        Set<String> unmodifiableSet = Collections.unmodifiableSet(set);
        String[] array = {"x", "y"};
        List<String> asList = Arrays.asList(array);

        System.out.println("before: " + unmodifiableList + " " + unmodifiableMap + " " + new TreeSet<>(unmodifiableSet)
                + " " + asList);
        Stasis.checkpoint();
        System.out.println("after: " + unmodifiableList + " " + unmodifiableMap + " " + new TreeSet<>(unmodifiableSet)
                + " " + asList);

        list.add("c");
        map.put("o", 3);
        set.add("u");
        array[0] = "z";
        System.out.println("backing changed: " + unmodifiableList + " " + unmodifiableMap + " "
                + new TreeSet<>(unmodifiableSet) + " " + asList);
    }
}

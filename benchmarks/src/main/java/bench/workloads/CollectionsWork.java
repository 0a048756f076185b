package bench.workloads;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Typical collection-heavy application code: counting, sorting, ordered maps and a work queue. */
public final class CollectionsWork {

    private CollectionsWork() {
    }

    /** Deterministic words from a small vocabulary, so counts repeat. */
    public static List<String> words(int n) {
        List<String> words = new ArrayList<>(n);
        long x = 42;
        for (int i = 0; i < n; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            words.add("w" + Long.toString((x >>> 33) % 2000, 36));
        }
        return words;
    }

    public static long run(List<String> words) {
        Map<String, Integer> counts = new HashMap<>();
        for (String w : words) {
            counts.merge(w, 1, Integer::sum);
        }
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        TreeMap<Integer, List<String>> byCount = new TreeMap<>();
        for (Map.Entry<String, Integer> e : entries) {
            byCount.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
        }
        ArrayDeque<String> queue = new ArrayDeque<>(words.subList(0, Math.min(words.size(), 5000)));
        long h = 0;
        while (!queue.isEmpty()) {
            String w = queue.poll();
            h = h * 31 + w.hashCode();
            if ((h & 7) == 0 && queue.size() < 6000) {
                queue.add(w);
            }
        }
        List<String> sorted = new ArrayList<>(counts.keySet());
        Collections.sort(sorted);
        return h + byCount.lastKey() + sorted.get(sorted.size() / 2).hashCode() + entries.get(0).getValue();
    }
}

package e2e.thirdparty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import com.google.common.collect.ArrayListMultimap;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSortedSet;
import com.google.common.collect.Interner;
import com.google.common.collect.Interners;
import com.google.common.collect.Multimap;
import com.google.common.collect.TreeMultiset;
import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import com.google.common.hash.Hashing;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * An unmodified program on two of the most used libraries of Maven Central, as a service's batch
 * job uses them: Jackson's ObjectMapper (which keeps a DateFormat subclass and an LRU map whose
 * nodes are AtomicReferences), a Guava LoadingCache (whose segments are ReentrantLocks), a
 * multimap, a Bloom filter (its hasher keeps a heap ByteBuffer), a TreeMultiset (Guava's natural
 * ordering, whose {@code super} call once failed verification under the agent), a cache with weak
 * keys and soft values and a weak interner (their entries are subclasses of WeakReference and
 * SoftReference registered on reference queues, which the collector fills as old keys die), and
 * Guava's immutable map and set keyed by enum constants (their own hash tables, placed by the
 * constants' identity hash codes). Each round prints a checksum of everything it computed.
 *
 * <p>Arguments: rounds, items per round.
 */
public final class JsonAndCaches {

    /** What the program turns into JSON and back. */
    public static final class Item {
        public int id;
        public String name;
        public List<Integer> tags = new ArrayList<>();
        public Map<String, Double> scores = new TreeMap<>();
    }

    /** A size class, the key of an immutable map. */
    public enum Size { SMALL, MEDIUM, LARGE }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        int items = Integer.parseInt(args[1]);
        ObjectMapper mapper = new ObjectMapper();
        LoadingCache<Integer, String> names = CacheBuilder.newBuilder().maximumSize(500).build(new CacheLoader<>() {
            @Override
            public String load(Integer key) {
                return String.format("%08x", key * 7919);
            }
        });
        Multimap<String, Integer> byPrefix = ArrayListMultimap.create();
        BloomFilter<Integer> seen = BloomFilter.create(Funnels.integerFunnel(), 100_000, 0.01);
        TreeMultiset<Integer> residues = TreeMultiset.create();
        Cache<Item, String> summaries = CacheBuilder.newBuilder().weakKeys().softValues().build();
        Interner<String> prefixNames = Interners.newWeakInterner();
        ArrayDeque<Item> recent = new ArrayDeque<>();
        ImmutableMap<Size, Integer> weights = ImmutableMap.of(Size.SMALL, 1, Size.MEDIUM, 2, Size.LARGE, 3);
        ImmutableSet<TimeUnit> coarse = ImmutableSet.of(TimeUnit.SECONDS, TimeUnit.MINUTES, TimeUnit.HOURS, TimeUnit.DAYS);
        long check = 17;
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < items; i++) {
                int key = (int) ((check >>> 7) % 5000);
                String name = names.get(key);
                byPrefix.put(name.substring(0, 2), key);
                boolean before = seen.mightContain(key);
                seen.put(key);
                residues.add(key % 97);
                Item item = new Item();
                item.id = key;
                item.name = name;
                item.tags.add(key % 13);
                item.scores.put("s" + (key % 5), key / 3.0);
                String json = mapper.writeValueAsString(item);
                JsonNode tree = mapper.readTree(json);
                Item back = mapper.readValue(json, Item.class);
                summaries.put(item, name + ":" + json.length());
                recent.addLast(item);
                if (recent.size() > 200) {
                    recent.removeFirst();
                }
                // the oldest item still held: its entry is there, while those of dropped items go
                String summary = summaries.getIfPresent(recent.peekFirst());
                check = check * 31 + tree.get("name").asText().hashCode() + Hashing.murmur3_32_fixed().hashInt(key).asInt()
                        + (before ? 1 : 0) + residues.count(key % 97) + back.scores.size() + back.tags.get(0)
                        + summary.length() + prefixNames.intern(name.substring(0, 3)).length()
                        + weights.get(Size.values()[key % 3]) + (coarse.contains(TimeUnit.values()[key % 7]) ? 1 : 0);
            }
            ImmutableSortedSet<String> prefixes = ImmutableSortedSet.copyOf(byPrefix.keySet());
            System.out.println("round " + r + " check " + check + " prefixes " + prefixes.size() + " first "
                    + prefixes.first() + " cached " + names.size() + " residues " + residues.elementSet().size());
        }
    }
}

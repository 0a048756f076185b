package e2e.thirdparty;

import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.ObjectIntHashMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Reference2IntOpenHashMap;
import org.apache.commons.collections4.bidimap.DualHashBidiMap;
import org.apache.commons.collections4.map.LRUMap;
import org.apache.commons.collections4.map.ReferenceMap;
import org.apache.commons.collections4.multimap.ArrayListValuedHashMap;
import org.eclipse.collections.api.list.MutableList;
import org.eclipse.collections.impl.list.mutable.FastList;
import org.eclipse.collections.impl.map.mutable.UnifiedMap;
import org.eclipse.collections.impl.set.mutable.UnifiedSet;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.graph.DefaultDirectedWeightedGraph;
import org.jgrapht.graph.DefaultWeightedEdge;

/**
 * An unmodified program on the collection and graph libraries of Maven Central that keep hash
 * tables of their own: fastutil's and HPPC's open-addressing maps and Eclipse Collections'
 * UnifiedMap and UnifiedSet, keyed by objects without their own hashCode and by enum constants
 * (placed by identity hash codes, which a restore used to change: lookups then missed), Commons
 * Collections' ReferenceMap (its values are held by SoftReference subclasses, once refused), LRU
 * and bidirectional maps, and a JGraphT graph searched with Dijkstra. Each round prints a checksum
 * of every lookup.
 *
 * <p>Arguments: rounds.
 */
public final class CollectionLibraries {

    /** A kind of node, the key of enum-keyed maps. */
    public enum Kind { A, B, C, D }

    /** A graph vertex and map key without its own hashCode. */
    public static final class Vertex {
        final int id;

        Vertex(int id) {
            this.id = id;
        }

        @Override
        public String toString() {
            return "v" + id;
        }
    }

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        Object2IntOpenHashMap<Vertex> visits = new Object2IntOpenHashMap<>();
        Reference2IntOpenHashMap<Kind> kindVisits = new Reference2IntOpenHashMap<>();
        Int2ObjectOpenHashMap<String> labels = new Int2ObjectOpenHashMap<>();
        LongArrayList recentChecks = new LongArrayList();
        UnifiedMap<Kind, Integer> perKind = UnifiedMap.newMap();
        UnifiedSet<Vertex> seen = UnifiedSet.newSet();
        MutableList<String> recentLabels = FastList.newList();
        DefaultDirectedWeightedGraph<Vertex, DefaultWeightedEdge> graph =
                new DefaultDirectedWeightedGraph<>(DefaultWeightedEdge.class);
        LRUMap<String, Integer> lru = new LRUMap<>(50);
        ReferenceMap<String, Vertex> softly = new ReferenceMap<>();
        ArrayListValuedHashMap<Kind, Integer> byKind = new ArrayListValuedHashMap<>();
        DualHashBidiMap<String, Integer> names = new DualHashBidiMap<>();
        ObjectIntHashMap<Vertex> hppcVisits = new ObjectIntHashMap<>();
        IntArrayList recentKeys = new IntArrayList();
        Vertex[] vertices = new Vertex[200];
        for (int i = 0; i < vertices.length; i++) {
            vertices[i] = new Vertex(i);
            graph.addVertex(vertices[i]);
        }
        long check = 1;
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < 20_000; i++) {
                int k = (int) ((check >>> 5) & 0x7fff_ffff) % vertices.length;
                Vertex v = vertices[k];
                Kind kind = Kind.values()[k % 4];
                visits.addTo(v, 1);
                kindVisits.addTo(kind, 1);
                labels.put(k, "v" + k);
                recentChecks.add(check);
                if (recentChecks.size() > 1000) {
                    recentChecks.removeLong(0);
                }
                perKind.merge(kind, 1, Integer::sum);
                seen.add(v);
                recentLabels.add("s" + (k % 10));
                if (recentLabels.size() > 100) {
                    recentLabels.remove(0);
                }
                Vertex next = vertices[(k * 7 + 3) % vertices.length];
                if (v != next && !graph.containsEdge(v, next)) {
                    graph.setEdgeWeight(graph.addEdge(v, next), 1 + k % 5);
                }
                lru.put("k" + k, k);
                softly.put("r" + k, v);
                byKind.put(kind, k);
                names.put("b" + k, k);
                hppcVisits.addTo(v, 1);
                recentKeys.add(k);
                if (recentKeys.size() > 500) {
                    recentKeys.removeAt(0);
                }
                check = check * 6364136223846793005L + visits.getInt(v) + kindVisits.getInt(kind) + perKind.get(kind)
                        + (seen.contains(v) ? 1 : 0) + hppcVisits.get(v) + (lru.get("k" + k) == null ? 0 : 1)
                        + names.getKey(k).length() + byKind.get(kind).size() % 7 + labels.get(k).length()
                        + (softly.get("r" + k) == v ? 1 : 0);
            }
            GraphPath<Vertex, DefaultWeightedEdge> path = new DijkstraShortestPath<>(graph).getPath(vertices[1], vertices[114]);
            System.out.println("round " + r + " check " + check + " edges " + graph.edgeSet().size() + " path "
                    + (path == null ? "none" : path.getWeight() + " " + path.getVertexList()) + " kinds " + perKind.get(Kind.A)
                    + "," + perKind.get(Kind.D) + " seen " + seen.size() + " lru " + lru.size() + " soft " + softly.size()
                    + " recent " + recentKeys.size() + "/" + recentLabels.size() + "/" + recentChecks.size());
        }
    }
}

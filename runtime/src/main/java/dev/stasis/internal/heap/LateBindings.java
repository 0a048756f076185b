package dev.stasis.internal.heap;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * References resolved at the end of the heap rather than where they occur: the collection behind
 * a restored iterator, and the map behind the entries such an iterator had returned. An iterator over a HashSet or TreeSet refers to the set's private map; by
 * the end of the heap the set that owns that map has been written (if it is reachable at all),
 * and the iterator is bound to the set instead of to a detached copy of its map.
 */
final class LateBindings {

    private final List<Object> written = new ArrayList<>();
    private final List<List<Consumer<Object>>> pending = new ArrayList<>();
    /** While writing: the late slot of the map each entry returned by an iterator belongs to. */
    private final Map<Object, Integer> entryOwners = new IdentityHashMap<>();

    int add(Object backing) {
        written.add(backing);
        return written.size() - 1;
    }

    void expect(int slot, Consumer<Object> binding) {
        while (pending.size() <= slot) {
            pending.add(new ArrayList<>());
        }
        pending.get(slot).add(binding);
    }

    /** Notes that a map entry (a node of the map in that slot) is to be written as a live entry. */
    void ownedEntry(Object entry, int slot) {
        entryOwners.put(entry, slot);
    }

    /** The slot (1-based) of the map that owns this entry, or 0. */
    int ownerSlot(Object entry) {
        Integer slot = entryOwners.get(entry);
        return slot == null ? 0 : slot + 1;
    }

    /** Writes the late-bound objects, each replaced by the set owning it when there is one. */
    void writeAll(HeapKryo kryo, HeapOutput out, IdentityReferences refs) {
        out.writeVarInt(written.size(), true);
        if (written.isEmpty()) {
            return;
        }
        Map<Object, Object> owners = new IdentityHashMap<>();
        for (Object o : refs.writtenObjects()) {
            if (o instanceof Set) {
                Object inner = JdkInternals.get(o, o.getClass().getName().contains("Tree")
                        || o.getClass().getName().contains("SkipList") ? "m" : "map", null);
                if (inner != null) {
                    owners.put(inner, o);
                }
            }
        }
        for (Object o : written) {
            Object owner = owners.get(o);
            kryo.writeClassAndObject(out, owner != null ? owner : o);
        }
        written.clear();
        entryOwners.clear();
    }

    void readAll(HeapKryo kryo, HeapInput in) {
        int n = in.readCount(1);
        for (int i = 0; i < n; i++) {
            Object backing = kryo.readClassAndObject(in);
            if (i < pending.size()) {
                for (Consumer<Object> binding : pending.get(i)) {
                    binding.accept(backing);
                }
            }
        }
        pending.clear();
    }
}

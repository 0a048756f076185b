package dev.stasis.internal.heap;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * References resolved at the end of the heap rather than where they occur: the collection behind
 * a restored iterator. An iterator over a HashSet or TreeSet refers to the set's private map; by
 * the end of the heap the set that owns that map has been written (if it is reachable at all),
 * and the iterator is bound to the set instead of to a detached copy of its map.
 */
final class LateBindings {

    private final List<Object> written = new ArrayList<>();
    private final List<ResumedIterator<?>> pending = new ArrayList<>();

    int add(Object backing) {
        written.add(backing);
        return written.size() - 1;
    }

    void expect(int slot, ResumedIterator<?> it) {
        while (pending.size() <= slot) {
            pending.add(null);
        }
        pending.set(slot, it);
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
    }

    void readAll(HeapKryo kryo, HeapInput in) {
        int n = in.readCount(1);
        for (int i = 0; i < n; i++) {
            Object backing = kryo.readClassAndObject(in);
            if (i < pending.size() && pending.get(i) != null) {
                pending.get(i).bind(backing);
            }
        }
        pending.clear();
    }
}

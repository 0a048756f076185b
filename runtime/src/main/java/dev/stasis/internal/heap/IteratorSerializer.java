package dev.stasis.internal.heap;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Enumeration;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Spliterator;

/**
 * A JDK iterator (every for-each loop over a collection keeps one in a local) written by meaning.
 * The live iterator is never advanced: a copy of its iteration state (with copies of the
 * iterators it wraps, the application's too) is drained to learn the elements it has still to
 * return. Over a list it is written as (list, index) and restored as a
 * {@link ResumedListIterator}; otherwise as the remaining elements, the collection or map it
 * came from and its last returned element, restored as a {@link ResumedIterator}. The map an
 * iterator refers to may be the private map inside a HashSet or TreeSet; it is bound late, at the
 * end of the heap, to the set that owns it if that set was written.
 *
 * <p>Copying needs the iterator's package (java.util) open to Stasis, which the agent arranges.
 */
final class IteratorSerializer extends HeapSerializer<Object> {

    private static final int LIST = 0, GENERIC = 1;

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    void write(HeapKryo kryo, HeapOutput out, Object it) {
        Object copy = copy(it, new IdentityHashMap<>());
        if (copy == null) {
            throw kryo.path.refuse(it, "the position of a JDK iterator can be captured only when its package is open to"
                    + " Stasis (the Stasis agent opens it; run with --add-opens " + it.getClass().getModule().getName()
                    + "/" + it.getClass().getPackageName() + "=ALL-UNNAMED otherwise).");
        }
        Object backing = backing(it);
        String name = it.getClass().getName();
        boolean descending = name.contains("Descending");
        if (backing instanceof List && copy instanceof Iterator && !descending && writable(kryo, backing)) {
            List<?> list = (List<?>) backing;
            int cursor = -1;
            if (copy instanceof ListIterator) {
                try {
                    cursor = ((ListIterator<?>) copy).nextIndex();
                } catch (UnsupportedOperationException e) {
                    // List.of(...).iterator() is a ListIterator that refuses; count instead
                }
            }
            if (cursor < 0) {
                int remaining = 0;
                for (Iterator<?> i = (Iterator<?>) copy; i.hasNext(); i.next()) {
                    remaining++;
                }
                cursor = list.size() - remaining;
            }
            out.writeByte(LIST);
            kryo.writeClassAndObject(out, list);
            out.writeVarInt(Math.max(cursor, 0), true);
            return;
        }
        List<Object> remaining = new ArrayList<>();
        if (copy instanceof Iterator) {
            for (Iterator<?> i = (Iterator<?>) copy; i.hasNext(); ) {
                remaining.add(i.next());
            }
        } else {
            for (Enumeration<?> e = (Enumeration<?>) copy; e.hasMoreElements(); ) {
                remaining.add(e.nextElement());
            }
        }
        int view = backing instanceof Map ? mapView(it, name) : ResumedIterator.COLLECTION;
        Object[] last = lastReturned(backing, view, descending, remaining);
        int slot = backing != null && writable(kryo, backing) ? kryo.late.add(backing) + 1 : 0;
        if (slot > 0 && view == ResumedIterator.ENTRIES) {
            // The entries are the map's own nodes (and the loop's entry variable is one of them):
            // written as live entries of the map, so getValue and setValue reach it after restore.
            for (Object e : ((Map<?, ?>) backing).entrySet()) {
                kryo.late.ownedEntry(e, slot - 1);
            }
        }
        out.writeByte(GENERIC);
        out.writeVarInt(view, true);
        out.writeVarInt(remaining.size(), true);
        for (Object e : remaining) {
            kryo.writeClassAndObject(out, e);
        }
        out.writeBoolean(last != null);
        if (last != null) {
            kryo.writeClassAndObject(out, last[0]);
        }
        out.writeVarInt(slot, true);
    }

    /** Whether the iterator's collection can be written (it is optional: without it remove() is unsupported). */
    private static boolean writable(HeapKryo kryo, Object o) {
        HeapRegistration r = kryo.classes.registrationFor(o.getClass());
        if (r == kryo.classifier.mapView) {
            return ViewSerializers.traceable(o);
        }
        return r.refusal == null && r.tokenMode == HeapRegistration.PLAIN;
    }

    private static int mapView(Object it, String iteratorClass) {
        Object hashtableType = iteratorClass.startsWith("java.util.Hashtable$") ? JdkInternals.get(it, "type", null) : null;
        if (hashtableType instanceof Integer) {
            int t = (Integer) hashtableType;
            return t == 0 ? ResumedIterator.KEYS : t == 1 ? ResumedIterator.VALUES : ResumedIterator.ENTRIES;
        }
        String simple = iteratorClass.substring(iteratorClass.lastIndexOf('$') + 1);
        if (simple.contains("Value")) {
            return ResumedIterator.VALUES;
        }
        if (simple.contains("Entry") || simple.contains("Entries")) {
            return ResumedIterator.ENTRIES;
        }
        return ResumedIterator.KEYS;
    }

    /**
     * The element the iterator returned last, found as the one before the remaining suffix in a
     * fresh iteration of the same collection (same JVM, same order); null when not determinable.
     */
    private static Object[] lastReturned(Object backing, int view, boolean descending, List<Object> remaining) {
        Iterator<?> fresh;
        if (backing instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) backing;
            fresh = view == ResumedIterator.KEYS ? m.keySet().iterator() : m.entrySet().iterator();
        } else if (backing instanceof Collection) {
            fresh = descending && backing instanceof Deque ? ((Deque<?>) backing).descendingIterator()
                    : ((Collection<?>) backing).iterator();
        } else {
            return null;
        }
        try {
            int size = backing instanceof Map ? ((Map<?, ?>) backing).size() : ((Collection<?>) backing).size();
            int p = size - remaining.size() - 1;
            if (p < 0) {
                return null;
            }
            Object previous = null;
            for (int i = 0; i <= p + (remaining.isEmpty() ? 0 : 1); i++) {
                Object e = fresh.next();
                if (i == p) {
                    previous = e;
                } else if (i == p + 1) {
                    Object first = remaining.get(0);
                    boolean same = e == first || (view == ResumedIterator.ENTRIES && first instanceof Map.Entry
                            && ((Map.Entry<?, ?>) e).getKey() == ((Map.Entry<?, ?>) first).getKey());
                    if (!same) {
                        return null;
                    }
                }
            }
            if (view == ResumedIterator.ENTRIES && previous instanceof Map.Entry) {
                previous = ((Map.Entry<?, ?>) previous).getKey();
            }
            return new Object[] {previous};
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The collection or map an iterator walks: the first field (this$0 included) holding one. */
    static Object backing(Object it) {
        List<Field> fields = JdkInternals.instanceFields(it.getClass());
        if (fields == null) {
            return null;
        }
        for (Field f : fields) {
            try {
                Object v = f.get(it);
                if (v instanceof Collection || v instanceof Map) {
                    return v;
                }
            } catch (IllegalAccessException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * A copy of an iterator that shares the collection but not the iteration state: nested
     * iterators and traversal stacks (ConcurrentHashMap's) are copied too. Null if not possible.
     */
    static Object copy(Object it, IdentityHashMap<Object, Object> seen) {
        Object done = seen.get(it);
        if (done != null) {
            return done;
        }
        List<Field> fields = JdkInternals.instanceFields(it.getClass());
        if (fields == null) {
            return null;
        }
        try {
            Object copy = Instantiators.bare(it.getClass()).newInstance();
            seen.put(it, copy);
            for (Field f : fields) {
                Object v = f.get(it);
                if (v != null && isIterationState(v)) {
                    v = copy(v, seen);
                    if (v == null) {
                        return null;
                    }
                }
                f.set(copy, v);
            }
            return copy;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Whether a field of an iterator holds iteration state of its own, which the copy must not
     * share: a nested iterator, the application's own included (an unmodifiable view's iterator
     * wraps whatever iterator its collection gives, Protocol Buffers' map iterators among them;
     * draining a copy that shared it advanced the program's live loop), or a traversal stack.
     */
    private static boolean isIterationState(Object v) {
        return v instanceof Iterator || v instanceof Enumeration || v instanceof Spliterator
                || (Classifier.isJdk(v.getClass()) && v.getClass().getName().endsWith("$TableStack"));
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    Object read(HeapKryo kryo, HeapInput in) {
        int kind = in.readByte();
        if (kind == LIST) {
            Object list = kryo.readClassAndObject(in);
            int cursor = in.readVarInt(true);
            if (!(list instanceof List) || cursor < 0) {
                throw new CorruptData("bad list iterator");
            }
            return new ResumedListIterator((List) list, cursor, cursor > 0);
        }
        if (kind != GENERIC) {
            throw new CorruptData("bad iterator kind " + kind);
        }
        int view = in.readVarInt(true);
        if (view > ResumedIterator.ENTRIES) {
            throw new CorruptData("bad iterator view " + view);
        }
        int n = in.readSlots();
        Object[] remaining = new Object[n];
        for (int i = 0; i < n; i++) {
            remaining[i] = kryo.readClassAndObject(in);
        }
        boolean hasLast = in.readBoolean();
        Object last = hasLast ? kryo.readClassAndObject(in) : null;
        ResumedIterator r = new ResumedIterator(remaining, null, view, hasLast, last);
        int slot = in.readVarInt(true);
        if (slot > 0) {
            kryo.late.expect(slot - 1, r::bind);
        }
        return r;
    }
}

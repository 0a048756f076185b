package dev.stasis.internal.heap;

import java.lang.reflect.Field;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JDK collections that are views of, or fixed wrappers around, other objects: List.of/Set.of/
 * Map.of, Collections.unmodifiable and synchronized wrappers, singletons, nCopies, Arrays.asList,
 * subList views, a map's keySet/values/entrySet, Map.Entry implementations and EnumSet. Views are
 * written as what they view (so they stay views of the restored object), immutable ones by content.
 * Immutable ones are built after their content is read: a cycle leading back to one sees null.
 */
final class ViewSerializers {

    private ViewSerializers() {
    }

    // ---- List.of, Set.of, Map.of --------------------------------------------------------------

    static HeapSerializer<List<Object>> immutableList() {
        return HeapSerializer.fromContent((k, out, l) -> writeElements(k, out, l.toArray()), (k, in) -> {
            Object[] a = readElements(k, in);
            for (Object o : a) {
                if (o == null) {
                    return Arrays.asList(a).stream().toList();
                }
            }
            return List.of(a);
        });
    }

    /** Set.of: hashed when read, so its elements' hashCode must not depend on state restored later. */
    static HeapSerializer<Set<Object>> immutableSet() {
        return HeapSerializer.fromContent((k, out, s) -> writeElements(k, out, s.toArray()), (k, in) -> Set.of(readElements(k, in)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static HeapSerializer<Map<Object, Object>> immutableMap() {
        return HeapSerializer.fromContent((k, out, m) -> {
            out.writeVarInt(m.size(), true);
            for (Map.Entry<Object, Object> e : m.entrySet()) {
                k.writeClassAndObject(out, e.getKey());
                k.writeClassAndObject(out, e.getValue());
            }
        }, (k, in) -> {
            int n = in.readCount(2);
            Map.Entry[] entries = new Map.Entry[n];
            for (int i = 0; i < n; i++) {
                entries[i] = Map.entry(k.readClassAndObject(in), k.readClassAndObject(in));
            }
            return Map.ofEntries(entries);
        });
    }

    private static void writeElements(HeapKryo k, HeapOutput out, Object[] a) {
        out.writeVarInt(a.length, true);
        for (Object o : a) {
            k.writeClassAndObject(out, o);
        }
    }

    private static Object[] readElements(HeapKryo k, HeapInput in) {
        int n = in.readSlots();
        Object[] a = new Object[n];
        for (int i = 0; i < n; i++) {
            a[i] = k.readClassAndObject(in);
        }
        return a;
    }

    // ---- Collections.unmodifiable* / synchronized* -----------------------------------------------

    /** The shape of a Collections wrapper: which factory re-creates it over the restored inner object. */
    enum Wrap {
        COLLECTION, SET, SORTED_SET, NAVIGABLE_SET, LIST, MAP, SORTED_MAP, NAVIGABLE_MAP;

        boolean isMap() {
            return this == MAP || this == SORTED_MAP || this == NAVIGABLE_MAP;
        }

        Class<?> innerType() {
            switch (this) {
                case SET: return Set.class;
                case SORTED_SET: return SortedSet.class;
                case NAVIGABLE_SET: return NavigableSet.class;
                case LIST: return List.class;
                case MAP: return Map.class;
                case SORTED_MAP: return SortedMap.class;
                case NAVIGABLE_MAP: return NavigableMap.class;
                default: return Collection.class;
            }
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        Object wrap(Object inner, boolean synchronizedWrapper) {
            if (synchronizedWrapper) {
                switch (this) {
                    case SET: return Collections.synchronizedSet((Set) inner);
                    case SORTED_SET: return Collections.synchronizedSortedSet((SortedSet) inner);
                    case NAVIGABLE_SET: return Collections.synchronizedNavigableSet((NavigableSet) inner);
                    case LIST: return Collections.synchronizedList((List) inner);
                    case MAP: return Collections.synchronizedMap((Map) inner);
                    case SORTED_MAP: return Collections.synchronizedSortedMap((SortedMap) inner);
                    case NAVIGABLE_MAP: return Collections.synchronizedNavigableMap((NavigableMap) inner);
                    default: return Collections.synchronizedCollection((Collection) inner);
                }
            }
            switch (this) {
                case SET: return Collections.unmodifiableSet((Set) inner);
                case SORTED_SET: return Collections.unmodifiableSortedSet((SortedSet) inner);
                case NAVIGABLE_SET: return Collections.unmodifiableNavigableSet((NavigableSet) inner);
                case LIST: return Collections.unmodifiableList((List) inner);
                case MAP: return Collections.unmodifiableMap((Map) inner);
                case SORTED_MAP: return Collections.unmodifiableSortedMap((SortedMap) inner);
                case NAVIGABLE_MAP: return Collections.unmodifiableNavigableMap((NavigableMap) inner);
                default: return Collections.unmodifiableCollection((Collection) inner);
            }
        }

        /** A copy of a wrapper's content, used when its inner object cannot be reached. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        Object copy(Object wrapper) {
            switch (this) {
                case SET: return new LinkedHashSet((Set) wrapper);
                case SORTED_SET:
                case NAVIGABLE_SET: return new TreeSet((SortedSet) wrapper);
                case LIST: return new ArrayList((List) wrapper);
                case MAP: return new LinkedHashMap((Map) wrapper);
                case SORTED_MAP:
                case NAVIGABLE_MAP: return new TreeMap((SortedMap) wrapper);
                default: return new ArrayList((Collection) wrapper);
            }
        }
    }

    /**
     * A Collections wrapper as the object it wraps. The synchronized wrappers' mutex is the
     * wrapper itself again on restore (it can only differ for views such as Hashtable.keySet()).
     */
    static HeapSerializer<Object> wrapper(Wrap wrap, boolean synchronizedWrapper) {
        return HeapSerializer.fromContent((k, out, w) -> {
            Object inner = JdkInternals.get(w, wrap.isMap() ? "m" : "c", null);
            k.writeClassAndObject(out, inner != null ? inner : wrap.copy(w));
        }, (k, in) -> {
            Object inner = MapSerializer.expect(k.readClassAndObject(in), wrap.innerType(), wrap + " view's content");
            if (inner == null) {
                throw new CorruptData("a Collections wrapper around null");
            }
            return wrap.wrap(inner, synchronizedWrapper);
        });
    }

    // ---- singletons, nCopies, Arrays.asList, subList --------------------------------------------

    static HeapSerializer<Set<Object>> singletonSet() {
        return HeapSerializer.fromContent((k, out, s) -> k.writeClassAndObject(out, s.iterator().next()),
                (k, in) -> Collections.singleton(k.readClassAndObject(in)));
    }

    static HeapSerializer<List<Object>> singletonList() {
        return HeapSerializer.fromContent((k, out, l) -> k.writeClassAndObject(out, l.get(0)),
                (k, in) -> Collections.singletonList(k.readClassAndObject(in)));
    }

    static HeapSerializer<Map<Object, Object>> singletonMap() {
        return HeapSerializer.fromContent((k, out, m) -> {
            Map.Entry<Object, Object> e = m.entrySet().iterator().next();
            k.writeClassAndObject(out, e.getKey());
            k.writeClassAndObject(out, e.getValue());
        }, (k, in) -> Collections.singletonMap(k.readClassAndObject(in), k.readClassAndObject(in)));
    }

    static HeapSerializer<List<Object>> nCopies() {
        return HeapSerializer.fromContent((k, out, l) -> {
            out.writeVarInt(l.size(), true);
            k.writeClassAndObject(out, l.isEmpty() ? null : l.get(0));
        }, (k, in) -> {
            int n = in.readVarInt(true);
            if (n < 0) {
                throw new CorruptData("negative nCopies size");
            }
            return Collections.nCopies(n, k.readClassAndObject(in));
        });
    }

    /** Arrays.asList: a view of its array, which is written as part of the graph (shared with whoever holds it). */
    static HeapSerializer<List<Object>> arraysAsList() {
        return HeapSerializer.fromContent((k, out, l) -> k.writeClassAndObject(out, JdkInternals.get(l, "a", l.toArray())),
                (k, in) -> {
                    Object a = k.readClassAndObject(in);
                    if (!(a instanceof Object[])) {
                        throw new CorruptData("Arrays.asList over a non-array");
                    }
                    return Arrays.asList((Object[]) a);
                });
    }

    /** A subList view as (root list, from, to); re-created as a direct view of the restored root. */
    @SuppressWarnings("unchecked")
    static HeapSerializer<List<Object>> subList() {
        return HeapSerializer.of((k, out, l) -> {
            Object root = JdkInternals.get(l, "root", null);
            if (root == null) {
                root = JdkInternals.get(l, "this$0", null);
            }
            Object offset = JdkInternals.get(l, "offset", null);
            if (!(root instanceof List) || !(offset instanceof Integer)) {
                out.writeBoolean(false);
                k.writeClassAndObject(out, new ArrayList<>(l));
                return;
            }
            out.writeBoolean(true);
            k.writeClassAndObject(out, root);
            out.writeVarInt((Integer) offset, true);
            out.writeVarInt(l.size(), true);
        }, (k, in) -> {
            boolean view = in.readBoolean();
            Object root = MapSerializer.expect(k.readClassAndObject(in), List.class, "list");
            if (root == null) {
                throw new CorruptData("subList of null");
            }
            if (!view) {
                return (List<Object>) root;
            }
            int from = in.readVarInt(true);
            int size = in.readVarInt(true);
            try {
                return ((List<Object>) root).subList(from, from + size);
            } catch (RuntimeException e) {
                throw new CorruptData("subList(" + from + ", " + (from + size) + ") of a list of " + ((List<?>) root).size(), e);
            }
        });
    }

    // ---- map views ------------------------------------------------------------------------------

    /** keySet()/values()/entrySet() of a map, as (map, which view). */
    static HeapSerializer<Collection<?>> mapView() {
        return HeapSerializer.fromContent((k, out, view) -> {
            Map<?, ?> map = backingMap(view);
            int which = map == null ? -1 : whichView(map, view);
            if (which < 0) {
                throw k.path.refuse(view, "this view of a map cannot be traced to a map Stasis can write"
                        + (map == null ? " (java.util may not be open to Stasis)." : "."));
            }
            out.writeByte(which);
            k.writeClassAndObject(out, map);
        }, (k, in) -> {
            int which = in.readByte();
            Object m = k.readClassAndObject(in);
            if (!(m instanceof Map) || which < 0 || which > 2) {
                throw new CorruptData("bad map view");
            }
            Map<?, ?> map = (Map<?, ?>) m;
            return which == 0 ? map.keySet() : which == 1 ? map.values() : map.entrySet();
        });
    }

    static Map<?, ?> backingMap(Object view) {
        List<Field> fields = JdkInternals.instanceFields(view.getClass());
        if (fields == null) {
            return null;
        }
        for (Field f : fields) {
            try {
                Object v = f.get(view);
                if (v instanceof Map) {
                    return (Map<?, ?>) v;
                }
            } catch (IllegalAccessException e) {
                return null;
            }
        }
        return null;
    }

    private static int whichView(Map<?, ?> map, Object view) {
        if (map.keySet() == view) {
            return 0;
        }
        if (map.values() == view) {
            return 1;
        }
        if (map.entrySet() == view) {
            return 2;
        }
        Class<?> c = view.getClass();
        return c == map.keySet().getClass() ? 0 : c == map.values().getClass() ? 1 : c == map.entrySet().getClass() ? 2 : -1;
    }

    /** ConcurrentHashMap.keySet(v) and newKeySet(): public API gives the map and the mapped value. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static HeapSerializer<ConcurrentHashMap.KeySetView> concurrentKeySet() {
        return HeapSerializer.fromContent((k, out, v) -> {
            k.writeClassAndObject(out, v.getMap());
            k.writeClassAndObject(out, v.getMappedValue());
        }, (k, in) -> {
            Object m = k.readClassAndObject(in);
            Object value = k.readClassAndObject(in);
            if (!(m instanceof ConcurrentHashMap)) {
                throw new CorruptData("KeySetView over a non-ConcurrentHashMap");
            }
            ConcurrentHashMap map = (ConcurrentHashMap) m;
            return value == null ? map.keySet() : map.keySet(value);
        });
    }

    /** True if {@link #mapView()} can write {@code view}. */
    static boolean traceable(Object view) {
        Map<?, ?> map = backingMap(view);
        return map != null && whichView(map, view) >= 0;
    }

    /**
     * Collections.newSetFromMap: the set over its private map (a ConcurrentHashMap, WeakHashMap,
     * IdentityHashMap...), which is written as part of the set and keeps its kind.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static HeapSerializer<Set<Object>> setFromMap() {
        return HeapSerializer.fromContent((k, out, s) -> {
            Object m = JdkInternals.get(s, "m", null);
            if (!(m instanceof Map)) {
                throw k.path.refuse(s, "the map behind a Collections.newSetFromMap set is not readable (java.util is not"
                        + " open to Stasis).");
            }
            k.writeClassAndObject(out, m);
        }, (k, in) -> {
            Object m = k.readClassAndObject(in);
            if (!(m instanceof Map)) {
                throw new CorruptData("newSetFromMap over a non-map");
            }
            Map map = (Map) m;
            if (map.isEmpty()) {
                return Collections.newSetFromMap(map);
            }
            Map fresh;
            if (map instanceof java.util.EnumMap) {
                fresh = new java.util.EnumMap((java.util.EnumMap) map);
                fresh.clear();
            } else if (map instanceof java.util.IdentityHashMap) {
                fresh = new java.util.IdentityHashMap();
            } else {
                fresh = new LinkedHashMap();
            }
            Set set = Collections.newSetFromMap(fresh);
            set.addAll(map.keySet());
            return set;
        });
    }

    // ---- entries and EnumSet --------------------------------------------------------------------

    /**
     * Entries of JDK maps. One that a for-each loop over a map's entrySet has returned or will return
     * comes back as a {@link LiveMapEntry} of the restored map (setValue writes through, getValue
     * sees later puts); any other comes back as a detached AbstractMap.SimpleEntry.
     */
    static HeapSerializer<Map.Entry<Object, Object>> entry(int flavor) {
        return HeapSerializer.fromContent((k, out, e) -> {
            int owner = flavor == 0 ? k.late.ownerSlot(e) : 0;
            out.writeVarInt(owner, true);
            k.writeClassAndObject(out, e.getKey());
            k.writeClassAndObject(out, e.getValue());
        }, (k, in) -> {
            int owner = in.readVarInt(true);
            Object key = k.readClassAndObject(in);
            Object value = k.readClassAndObject(in);
            if (owner > 0) {
                LiveMapEntry<Object, Object> live = new LiveMapEntry<>(key, value);
                k.late.expect(owner - 1, live::bind);
                return live;
            }
            if (flavor == 1) {
                return new AbstractMap.SimpleImmutableEntry<>(key, value);
            }
            if (flavor == 2) {
                return Map.entry(key, value);
            }
            return new AbstractMap.SimpleEntry<>(key, value);
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static HeapSerializer<EnumSet> enumSet() {
        return HeapSerializer.of((k, out, s) -> {
            Object type = JdkInternals.get(s, "elementType", null);
            if (type == null) {
                EnumSet any = s.isEmpty() ? EnumSet.complementOf(s) : s;
                if (any.isEmpty()) {
                    throw k.path.refuse(s, "the element type of an EnumSet of an empty enum is not readable.");
                }
                type = ((Enum<?>) any.iterator().next()).getDeclaringClass();
            }
            k.classes.writeTypeName(out, (Class<?>) type);
            writeElements(k, out, s.toArray());
        }, (k, in) -> {
            Class type = k.classes.readTypeName(in);
            if (!type.isEnum()) {
                throw new CorruptData("EnumSet of non-enum " + type.getName());
            }
            EnumSet s = EnumSet.noneOf(type);
            k.reference(s);
            int n = in.readCount(1);
            for (int i = 0; i < n; i++) {
                s.add(k.readClassAndObject(in));
            }
            return s;
        });
    }
}

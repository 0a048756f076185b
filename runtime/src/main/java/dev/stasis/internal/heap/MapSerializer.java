package dev.stasis.internal.heap;

import java.lang.reflect.Constructor;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A JDK map (or an application subclass of one: its own fields first) by its logical content:
 * construction parameters (comparator, access order, defaults, key type), then the entries in
 * iteration order. Filled through {@link DeferredFills} except identity- and enum-keyed maps;
 * re-inserting in iteration order also restores a LinkedHashMap's access order. A WeakHashMap
 * is written with all its current entries, the keys held strongly in the heap; on restore they
 * are weak again and disappear once the application no longer holds them.
 */
final class MapSerializer extends HeapSerializer<Map<Object, Object>> {

    enum Flavor {
        HASH_MAP(HashMap.class, true),
        LINKED_HASH_MAP(LinkedHashMap.class, true),
        TREE_MAP(TreeMap.class, true),
        HASHTABLE(Hashtable.class, true),
        PROPERTIES(Properties.class, true),
        IDENTITY_HASH_MAP(IdentityHashMap.class, false),
        WEAK_HASH_MAP(WeakHashMap.class, true),
        CONCURRENT_HASH_MAP(ConcurrentHashMap.class, true),
        SKIP_LIST_MAP(ConcurrentSkipListMap.class, true),
        ENUM_MAP(EnumMap.class, false);

        final Class<?> type;
        final boolean deferred;

        Flavor(Class<?> type, boolean deferred) {
            this.type = type;
            this.deferred = deferred;
        }

        static Flavor of(Class<?> jdkClass) {
            for (Flavor f : values()) {
                if (f.type == jdkClass) {
                    return f;
                }
            }
            return null;
        }

        Class<?>[] ctorParams() {
            switch (this) {
                case LINKED_HASH_MAP: return new Class<?>[] {int.class, float.class, boolean.class};
                case TREE_MAP:
                case SKIP_LIST_MAP: return new Class<?>[] {Comparator.class};
                case PROPERTIES: return new Class<?>[] {Properties.class};
                case ENUM_MAP: return new Class<?>[] {Class.class};
                default: return new Class<?>[0];
            }
        }
    }

    private final Flavor flavor;
    private final AppFields appFields;
    private final Constructor<?> ctor;

    MapSerializer(Flavor flavor, Class<?> type) {
        this.flavor = flavor;
        this.appFields = type == flavor.type ? null : AppFields.of(type);
        this.ctor = Instantiators.viaSuper(type, flavor.type, flavor.ctorParams());
    }

    @Override
    void write(HeapKryo kryo, HeapOutput out, Map<Object, Object> m) {
        switch (flavor) {
            case LINKED_HASH_MAP:
                out.writeBoolean(Boolean.TRUE.equals(JdkInternals.get(m, "accessOrder", Boolean.FALSE)));
                break;
            case TREE_MAP:
            case SKIP_LIST_MAP:
                kryo.writeClassAndObject(out, ((SortedMap<?, ?>) m).comparator());
                break;
            case PROPERTIES:
                kryo.writeClassAndObject(out, JdkInternals.get(m, "defaults", null));
                break;
            case ENUM_MAP:
                Object keyType = JdkInternals.get(m, "keyType", null);
                if (keyType == null) {
                    if (m.isEmpty()) {
                        throw kryo.path.refuse(m, "the key type of an empty EnumMap is not readable (java.util is not open to Stasis).");
                    }
                    keyType = ((Enum<?>) m.keySet().iterator().next()).getDeclaringClass();
                }
                kryo.writeClassAndObject(out, keyType);
                break;
            default:
                break;
        }
        if (appFields != null) {
            appFields.write(kryo, out, m);
        }
        if (m instanceof java.util.concurrent.ConcurrentMap || m instanceof WeakHashMap) {
            // weakly consistent iteration, or keys the collector may clear: take one snapshot
            Object[] entries = m.entrySet().toArray();
            out.writeVarInt(entries.length, true);
            for (Object o : entries) {
                Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
                kryo.writeClassAndObject(out, e.getKey());
                kryo.writeClassAndObject(out, e.getValue());
            }
            return;
        }
        int n = m.size();
        out.writeVarInt(n, true);
        int written = 0;
        for (Map.Entry<Object, Object> e : m.entrySet()) {
            kryo.writeClassAndObject(out, e.getKey());
            kryo.writeClassAndObject(out, e.getValue());
            written++;
        }
        if (written != n) {
            throw kryo.path.refuse(m, "its size changed while it was written (" + n + " then " + written
                    + " entries): another thread modified it during the checkpoint.");
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    Map<Object, Object> read(HeapKryo kryo, HeapInput in) {
        Object[] args;
        switch (flavor) {
            case LINKED_HASH_MAP:
                args = new Object[] {16, 0.75f, in.readBoolean()};
                break;
            case TREE_MAP:
            case SKIP_LIST_MAP:
                args = new Object[] {expect(kryo.readClassAndObject(in), Comparator.class, "comparator")};
                break;
            case PROPERTIES:
                args = new Object[] {expect(kryo.readClassAndObject(in), Properties.class, "Properties defaults")};
                break;
            case ENUM_MAP:
                Object keyType = kryo.readClassAndObject(in);
                if (!(keyType instanceof Class) || !((Class<?>) keyType).isEnum()) {
                    throw new CorruptData("EnumMap key type is not an enum class");
                }
                args = new Object[] {keyType};
                break;
            default:
                args = new Object[0];
                break;
        }
        Map<Object, Object> m = (Map<Object, Object>) Instantiators.create(ctor, args);
        kryo.reference(m);
        if (appFields != null) {
            appFields.read(kryo, in, m);
        }
        int n = in.readCount(2);
        if (flavor.deferred || appFields != null) {
            DeferredFills.Buffer b = new DeferredFills.Buffer(n * 2);
            for (int i = 0; i < n; i++) {
                b.add(kryo.readClassAndObject(in));
                b.add(kryo.readClassAndObject(in));
            }
            kryo.deferred.map(m, b);
        } else {
            for (int i = 0; i < n; i++) {
                m.put(kryo.readClassAndObject(in), kryo.readClassAndObject(in));
            }
        }
        return m;
    }

    static Object expect(Object o, Class<?> type, String what) {
        if (o != null && !type.isInstance(o)) {
            throw new CorruptData("a " + o.getClass().getName() + " where a " + what + " was expected");
        }
        return o;
    }
}

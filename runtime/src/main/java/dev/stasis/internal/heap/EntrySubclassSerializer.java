package dev.stasis.internal.heap;

import java.lang.reflect.Field;
import java.util.AbstractMap;
import java.util.Map;

/**
 * An application class extending {@code AbstractMap.SimpleImmutableEntry} or {@code
 * AbstractMap.SimpleEntry}, as Guava's {@code ImmutableMapEntry} does (the entries of every
 * {@code ImmutableMap} of two or more entries): its key and value, given to the JDK class's
 * constructor, then its own fields (Guava's next entry in the bucket). The key and value are read
 * from the JDK class's fields when java.util is open to Stasis (the agent opens it), since a
 * subclass may override the getters; from the getters otherwise.
 */
final class EntrySubclassSerializer extends ConstructedFromState<Map.Entry<?, ?>> {

    private final Field key;
    private final Field value;

    EntrySubclassSerializer(Class<?> type, Class<?> jdkEntry) {
        super(type, jdkEntry, Object.class, Object.class);
        this.key = JdkInternals.field(jdkEntry, "key");
        this.value = JdkInternals.field(jdkEntry, "value");
    }

    /** Whether {@code jdkSuper}, the nearest JDK superclass of an application class, is one of the two entries. */
    static boolean extendsEntry(Class<?> jdkSuper) {
        return jdkSuper == AbstractMap.SimpleImmutableEntry.class || jdkSuper == AbstractMap.SimpleEntry.class;
    }

    @Override
    void writeState(HeapKryo kryo, HeapOutput out, Map.Entry<?, ?> entry) {
        Object k;
        Object v;
        if (key != null && value != null) {
            try {
                k = key.get(entry);
                v = value.get(entry);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        } else {
            k = entry.getKey();
            v = entry.getValue();
        }
        kryo.writeClassAndObject(out, k);
        kryo.writeClassAndObject(out, v);
    }

    @Override
    Object[] readState(HeapKryo kryo, HeapInput in) {
        return new Object[] {kryo.readClassAndObject(in), kryo.readClassAndObject(in)};
    }
}

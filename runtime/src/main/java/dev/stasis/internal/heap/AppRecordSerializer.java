package dev.stasis.internal.heap;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;

/**
 * An application record: its component fields (read directly, not through accessors that might
 * compute), then its canonical constructor, the only way to create a record. Like Java
 * serialization, a cycle leading back to a record being read sees null.
 */
final class AppRecordSerializer extends HeapSerializer<Object> {

    private final Class<?> type;
    private final Field[] components;
    private final Constructor<?> canonical;

    AppRecordSerializer(Class<?> type) {
        this.type = type;
        RecordComponent[] rc = type.getRecordComponents();
        components = new Field[rc.length];
        Class<?>[] types = new Class<?>[rc.length];
        try {
            for (int i = 0; i < rc.length; i++) {
                components[i] = type.getDeclaredField(rc[i].getName());
                components[i].setAccessible(true);
                types[i] = rc[i].getType();
            }
            canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
        } catch (NoSuchFieldException | NoSuchMethodException | RuntimeException e) {
            throw new IllegalStateException("record " + type.getName() + " is not accessible to Stasis: " + e, e);
        }
    }

    @Override
    boolean builtFromContent() {
        return true;
    }

    @Override
    void write(HeapKryo kryo, HeapOutput out, Object record) {
        try {
            for (Field f : components) {
                kryo.writeClassAndObject(out, f.get(record));
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    Object read(HeapKryo kryo, HeapInput in) {
        Object[] args = new Object[components.length];
        for (int i = 0; i < args.length; i++) {
            Object v = kryo.readClassAndObject(in);
            Class<?> t = components[i].getType();
            if (t.isPrimitive() ? !HeapClassResolver.wrapper(t).isInstance(v) : v != null && !t.isInstance(v)) {
                throw new CorruptData("bad value for component " + components[i].getName() + " of record " + type.getName());
            }
            args[i] = v;
        }
        return Instantiators.create(canonical, args);
    }
}

package dev.stasis.internal.heap;

import dev.stasis.internal.resources.Transients;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The instance fields an application class declares, itself and its application superclasses
 * (JDK superclasses are written by their own logical content, never by their fields), transient
 * and synthetic ones included: a checkpoint keeps the whole state, not the serialized form.
 * Order: superclass first, then by name, identical in every JVM that loads the same bytecode.
 * The Field objects are looked up once per class; primitives are written without boxing. Fields
 * are written from loads by offset through {@link InternalUnsafe} when the agent has made it
 * available, from reflection otherwise; they are read back through reflection.
 */
final class AppFields {

    private static final byte OBJ = 0, INT = 1, LONG = 2, BOOL = 3, BYTE = 4, SHORT = 5, CHAR = 6, FLOAT = 7, DOUBLE = 8;

    final Field[] fields;
    private final byte[] kinds;
    /** Fields declared transient= (written as null). */
    private final boolean[] dropped;
    /** The fields' offsets for {@link InternalUnsafe}, or null to write through reflection. */
    private final long[] offsets;

    private AppFields(Field[] fields, boolean direct) {
        this.fields = fields;
        this.kinds = new byte[fields.length];
        this.dropped = new boolean[fields.length];
        long[] at = direct && InternalUnsafe.AVAILABLE ? new long[fields.length] : null;
        for (int i = 0; i < fields.length; i++) {
            kinds[i] = kind(fields[i].getType());
            dropped[i] = Transients.isTransientField(fields[i]);
            if (at != null) {
                at[i] = InternalUnsafe.offset(fields[i]);
                if (at[i] < 0) {
                    at = null;
                }
            }
        }
        this.offsets = at;
    }

    /**
     * The fields of {@code type} and its superclasses below the first JDK class. Throws
     * IllegalStateException (turned into a refusal) if a field cannot be made accessible.
     */
    static AppFields of(Class<?> type) {
        return of(type, true);
    }

    /** As {@link #of(Class)}; {@code direct} false writes through reflection (tests compare the two). */
    static AppFields of(Class<?> type, boolean direct) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != null && !Classifier.isJdk(c); c = c.getSuperclass()) {
            chain.add(0, c);
        }
        List<Field> out = new ArrayList<>();
        for (Class<?> c : chain) {
            Field[] declared = c.getDeclaredFields();
            Arrays.sort(declared, Comparator.comparing(Field::getName));
            for (Field f : declared) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                } catch (RuntimeException e) {
                    throw new IllegalStateException("its field " + f.getName() + " is not accessible to Stasis ("
                            + e.getMessage() + "); open the package " + c.getPackageName() + " to Stasis.", e);
                }
                out.add(f);
            }
        }
        return new AppFields(out.toArray(new Field[0]), direct);
    }

    private static byte kind(Class<?> t) {
        if (!t.isPrimitive()) return OBJ;
        if (t == int.class) return INT;
        if (t == long.class) return LONG;
        if (t == boolean.class) return BOOL;
        if (t == byte.class) return BYTE;
        if (t == short.class) return SHORT;
        if (t == char.class) return CHAR;
        if (t == float.class) return FLOAT;
        return DOUBLE;
    }

    void write(HeapKryo kryo, HeapOutput out, Object obj) {
        if (offsets != null) {
            writeDirect(kryo, out, obj);
            return;
        }
        try {
            for (int i = 0; i < fields.length; i++) {
                Field f = fields[i];
                switch (kinds[i]) {
                    case OBJ: kryo.writeClassAndObject(out, dropped[i] ? null : f.get(obj)); break;
                    case INT: out.writeVarInt(f.getInt(obj), false); break;
                    case LONG: out.writeVarLong(f.getLong(obj), false); break;
                    case BOOL: out.writeBoolean(f.getBoolean(obj)); break;
                    case BYTE: out.writeByte(f.getByte(obj)); break;
                    case SHORT: out.writeShort(f.getShort(obj)); break;
                    case CHAR: out.writeChar(f.getChar(obj)); break;
                    case FLOAT: out.writeFloat(f.getFloat(obj)); break;
                    default: out.writeDouble(f.getDouble(obj)); break;
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private void writeDirect(HeapKryo kryo, HeapOutput out, Object obj) {
        try {
            for (int i = 0; i < kinds.length; i++) {
                long at = offsets[i];
                switch (kinds[i]) {
                    case OBJ:
                        kryo.writeClassAndObject(out, dropped[i] ? null : (Object) InternalUnsafe.GET_REFERENCE.invokeExact(obj, at));
                        break;
                    case INT: out.writeVarInt((int) InternalUnsafe.GET_INT.invokeExact(obj, at), false); break;
                    case LONG: out.writeVarLong((long) InternalUnsafe.GET_LONG.invokeExact(obj, at), false); break;
                    case BOOL: out.writeBoolean((boolean) InternalUnsafe.GET_BOOLEAN.invokeExact(obj, at)); break;
                    case BYTE: out.writeByte((byte) InternalUnsafe.GET_BYTE.invokeExact(obj, at)); break;
                    case SHORT: out.writeShort((short) InternalUnsafe.GET_SHORT.invokeExact(obj, at)); break;
                    case CHAR: out.writeChar((char) InternalUnsafe.GET_CHAR.invokeExact(obj, at)); break;
                    case FLOAT: out.writeFloat((float) InternalUnsafe.GET_FLOAT.invokeExact(obj, at)); break;
                    default: out.writeDouble((double) InternalUnsafe.GET_DOUBLE.invokeExact(obj, at)); break;
                }
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    void read(HeapKryo kryo, HeapInput in, Object obj) {
        try {
            for (int i = 0; i < fields.length; i++) {
                Field f = fields[i];
                switch (kinds[i]) {
                    case OBJ:
                        Object v = kryo.readClassAndObject(in);
                        if (v != null && !f.getType().isInstance(v)) {
                            throw new CorruptData("a " + v.getClass().getName() + " in field " + f.getDeclaringClass().getName()
                                    + "." + f.getName() + " of type " + f.getType().getName());
                        }
                        f.set(obj, v);
                        break;
                    case INT: f.setInt(obj, in.readVarInt(false)); break;
                    case LONG: f.setLong(obj, in.readVarLong(false)); break;
                    case BOOL: f.setBoolean(obj, in.readBoolean()); break;
                    case BYTE: f.setByte(obj, in.readByte()); break;
                    case SHORT: f.setShort(obj, in.readShort()); break;
                    case CHAR: f.setChar(obj, in.readChar()); break;
                    case FLOAT: f.setFloat(obj, in.readFloat()); break;
                    default: f.setDouble(obj, in.readDouble()); break;
                }
            }
        } catch (IllegalAccessException e) {
            throw new CorruptData("cannot set a field of " + obj.getClass().getName() + ": " + e, e);
        }
    }
}

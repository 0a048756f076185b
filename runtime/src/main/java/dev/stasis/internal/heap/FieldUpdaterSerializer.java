package dev.stasis.internal.heap;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * An {@code AtomicIntegerFieldUpdater}, {@code AtomicLongFieldUpdater} or {@code
 * AtomicReferenceFieldUpdater}: concurrent libraries (Kotlin's coroutines, Netty, Reactor) keep
 * one in a static field for each volatile field they update atomically. It holds only the class,
 * the field and the class that made it (which decides what it may access), so it is written as
 * those, the field by its name (the updater keeps only the field's offset, which is this JVM's:
 * the name is found among the class's fields by that offset), and made again in the reading JVM
 * by the JDK's own constructor with the class that made it as the caller. Before, such statics
 * were left out and their class's initializer run again on restore, with a notice on stderr.
 */
final class FieldUpdaterSerializer extends HeapSerializer<Object> {

    /** The three kinds, by the JDK's implementation classes. */
    enum Kind {
        INT("java.util.concurrent.atomic.AtomicIntegerFieldUpdater$AtomicIntegerFieldUpdaterImpl"),
        LONG("java.util.concurrent.atomic.AtomicLongFieldUpdater$CASUpdater"),
        REFERENCE("java.util.concurrent.atomic.AtomicReferenceFieldUpdater$AtomicReferenceFieldUpdaterImpl");

        final String className;

        Kind(String className) {
            this.className = className;
        }
    }

    private final Kind kind;
    private final Constructor<?> constructor;

    FieldUpdaterSerializer(Kind kind, Class<?> implementation) {
        this.kind = kind;
        Constructor<?> c;
        try {
            c = kind == Kind.REFERENCE
                    ? implementation.getDeclaredConstructor(Class.class, Class.class, String.class, Class.class)
                    : implementation.getDeclaredConstructor(Class.class, String.class, Class.class);
            c.setAccessible(true);
        } catch (NoSuchMethodException | RuntimeException e) {
            c = null;
        }
        this.constructor = c;
    }

    /** Built from its classes, which are read first. */
    @Override
    boolean builtFromContent() {
        return true;
    }

    @Override
    void write(HeapKryo kryo, HeapOutput out, Object updater) {
        Object tclass = JdkInternals.get(updater, "tclass", null);
        Object cclass = JdkInternals.get(updater, "cclass", null);
        Object offset = JdkInternals.get(updater, "offset", null);
        String field = tclass instanceof Class && offset instanceof Long ? fieldAt((Class<?>) tclass, (Long) offset) : null;
        if (field == null || !(cclass instanceof Class) || constructor == null) {
            throw kryo.path.refuse(updater, "its class and field are not readable (java.util.concurrent.atomic is not"
                    + " open to Stasis).");
        }
        kryo.writeClassAndObject(out, tclass);
        out.writeHeapString(field);
        if (kind == Kind.REFERENCE) {
            kryo.writeClassAndObject(out, JdkInternals.get(updater, "vclass", null));
        }
        kryo.writeClassAndObject(out, cclass);
    }

    @Override
    Object read(HeapKryo kryo, HeapInput in) {
        Object tclass = kryo.readClassAndObject(in);
        String field = in.readHeapString();
        Object vclass = kind == Kind.REFERENCE ? kryo.readClassAndObject(in) : null;
        Object cclass = kryo.readClassAndObject(in);
        if (!(tclass instanceof Class) || !(cclass instanceof Class) || kind == Kind.REFERENCE && !(vclass instanceof Class)
                || field == null) {
            throw new CorruptData("a field updater without its classes");
        }
        if (constructor == null) {
            throw new IllegalStateException("this JDK's field updaters cannot be made again (java.util.concurrent.atomic"
                    + " is not open to Stasis)");
        }
        try {
            return kind == Kind.REFERENCE ? constructor.newInstance(tclass, vclass, field, cclass)
                    : constructor.newInstance(tclass, field, cclass);
        } catch (ReflectiveOperationException e) {
            throw new CorruptData("a field updater of " + ((Class<?>) tclass).getName() + "." + field
                    + ", which that class does not have as it was: " + e.getCause(), e);
        }
    }

    /** The name of {@code type}'s instance field at {@code offset}, or null. */
    private static String fieldAt(Class<?> type, long offset) {
        for (Field f : type.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && InternalUnsafe.offset(f) == offset) {
                return f.getName();
            }
        }
        return null;
    }
}

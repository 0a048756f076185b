package dev.stasis.internal.heap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The values a program's {@code ClassValue} holds, carried across a restore. A {@code ClassValue}
 * keeps each value in the JVM's private table of the class it was computed for, which no API
 * lists and whose layout changed between JDK 17 and 25, and programs keep there what they cannot
 * compute again: Groovy's {@code ClassInfo} per class carries the extension methods its runtime
 * registered once at start, so a restored Groovy program that computed a new one could no longer
 * call {@code Integer.plus}.
 *
 * <p>So the rewriter makes the {@code computeValue} of every application subclass of {@code
 * ClassValue} call {@link #entering} first, which notes the class (the JDK calls {@code
 * computeValue} once per class and value, so this costs nothing afterwards) and, during a
 * restore, hands back the value the checkpoint held for it. The heap writes such an object as the
 * classes it computed values for and their values (through the public {@code get}, which answers
 * from the JDK's table), and the reader, once the heap is complete, asks {@code get} for each
 * class, whose {@code computeValue} then returns the restored value without running the
 * program's code.
 */
public final class ClassValueContents {

    /** What {@link #entering} returns when the program's {@code computeValue} is to run. */
    public static final Object COMPUTE = new Object();

    /** Per ClassValue, the classes it computed a value for; weak both ways, as the JDK's own tables. */
    private static final Map<ClassValue<?>, Set<Class<?>>> COMPUTED = new WeakHashMap<>();

    /** {ClassValue, class, value, thread} of the value being restored, or null. */
    private static volatile Object[] restoring;

    private ClassValueContents() {
    }

    /**
     * Called first by an application {@code computeValue}: returns the value a restore is giving
     * {@code type}, or {@link #COMPUTE} after noting that {@code classValue} computes a value for
     * {@code type}.
     */
    public static Object entering(ClassValue<?> classValue, Class<?> type) {
        if (classValue == null || type == null) {
            return COMPUTE;
        }
        Object[] r = restoring;
        if (r != null && r[0] == classValue && r[1] == type && r[3] == Thread.currentThread()) {
            return r[2];
        }
        note(classValue, type);
        return COMPUTE;
    }

    private static void note(ClassValue<?> classValue, Class<?> type) {
        synchronized (COMPUTED) {
            COMPUTED.computeIfAbsent(classValue, k -> Collections.newSetFromMap(new WeakHashMap<>())).add(type);
        }
    }

    /** The classes {@code classValue} computed a value for in this JVM, or were given one by a restore. */
    static List<Class<?>> computedFor(ClassValue<?> classValue) {
        synchronized (COMPUTED) {
            Set<Class<?>> types = COMPUTED.get(classValue);
            return types == null ? List.of() : new ArrayList<>(types);
        }
    }

    /**
     * Writes the classes {@code o} holds a value for, and the values. A class another JVM could not
     * find by its name through the application's class loader (a hidden class, a class of a
     * loader of the program's own) is left out: its value is computed again after the restore
     * when the program asks for it. So is a class whose value {@code get} fails to give.
     */
    static void write(HeapKryo kryo, HeapOutput out, Object o) {
        ClassValue<?> classValue = (ClassValue<?>) o;
        List<Object> entries = new ArrayList<>();
        for (Class<?> type : computedFor(classValue)) {
            if (!nameable(type, kryo.getClassLoader())) {
                continue;
            }
            Object value;
            try {
                value = classValue.get(type);
            } catch (RuntimeException | Error e) {
                continue;
            }
            entries.add(type);
            entries.add(value);
        }
        out.writeVarInt(entries.size() / 2, true);
        for (Object e : entries) {
            kryo.writeClassAndObject(out, e);
        }
    }

    private static boolean nameable(Class<?> type, ClassLoader loader) {
        if (type.isPrimitive()) {
            return true;
        }
        if (type.isHidden()) {
            return false;
        }
        try {
            return Class.forName(type.getName(), false, loader) == type;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Reads what {@link #write} wrote; the values are given once the heap is complete. */
    static void read(HeapKryo kryo, HeapInput in, Object o) {
        ClassValue<?> classValue = (ClassValue<?>) o;
        int count = in.readVarInt(true);
        in.limits.claim(count, 2, 16);
        for (int i = 0; i < count; i++) {
            Object type = kryo.readClassAndObject(in);
            Object value = kryo.readClassAndObject(in);
            if (!(type instanceof Class)) {
                throw new CorruptData("a ClassValue's entry is not keyed by a class");
            }
            kryo.deferred.afterFills(() -> give(classValue, (Class<?>) type, value));
        }
    }

    /** Makes {@code classValue} hold {@code value} for {@code type}, through its hooked {@code computeValue}. */
    private static synchronized void give(ClassValue<?> classValue, Class<?> type, Object value) {
        restoring = new Object[] {classValue, type, value, Thread.currentThread()};
        try {
            classValue.get(type);
        } finally {
            restoring = null;
        }
        note(classValue, type);
    }
}

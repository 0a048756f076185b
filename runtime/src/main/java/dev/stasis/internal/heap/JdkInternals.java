package dev.stasis.internal.heap;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads private fields of JDK objects where no public API exposes what a checkpoint must keep
 * (the list behind Collections.unmodifiableList, the array behind Arrays.asList, a
 * LinkedHashMap's access order, an iterator's position). This needs the JDK package opened to
 * Stasis, which the agent does with Instrumentation.redefineModule; without it every caller has a
 * fallback (a copy of the content, or a clear error), so these lookups return "absent" instead
 * of throwing. Written only to give an object the reader has just built the state its public API
 * cannot set (a copied iterator's position, a matcher's current match, a rebuilt writer's error
 * flag).
 */
final class JdkInternals {

    private static final Object ABSENT = new Object();
    private static final ConcurrentHashMap<String, Object> FIELDS = new ConcurrentHashMap<>();

    private JdkInternals() {
    }

    /** The field {@code name} declared by {@code type} or a superclass, made accessible; null if unavailable. */
    static Field field(Class<?> type, String name) {
        Object f = FIELDS.computeIfAbsent(type.getName() + '#' + name, k -> lookup(type, name));
        return f == ABSENT ? null : (Field) f;
    }

    private static Object lookup(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                continue;
            } catch (RuntimeException e) {
                return ABSENT;
            }
        }
        return ABSENT;
    }

    /** Value of field {@code name} of {@code obj}, or {@code fallback} when it cannot be read. */
    static Object get(Object obj, String name, Object fallback) {
        Field f = field(obj.getClass(), name);
        if (f == null) {
            return fallback;
        }
        try {
            return f.get(obj);
        } catch (IllegalAccessException e) {
            return fallback;
        }
    }

    /** Sets field {@code name} of {@code obj}; false when that field is not there or cannot be set. */
    static boolean set(Object obj, String name, Object value) {
        Field f = field(obj.getClass(), name);
        if (f == null) {
            return false;
        }
        try {
            f.set(obj, value);
            return true;
        } catch (IllegalAccessException e) {
            return false;
        }
    }

    /**
     * Field {@code name} of {@code obj} as {@code declaring} declares it (a subclass may declare one
     * of that name too). For state a serializer cannot do without: an unreadable field is an
     * IllegalStateException saying its package is not open.
     */
    static Object declared(Class<?> declaring, String name, Object obj) {
        try {
            return field(declaring, name).get(obj);
        } catch (IllegalAccessException | RuntimeException e) {
            throw notOpen("read", declaring, name, e);
        }
    }

    /** Sets field {@code name} of {@code obj} as {@code declaring} declares it; see {@link #declared}. */
    static void setDeclared(Class<?> declaring, String name, Object obj, Object value) {
        try {
            field(declaring, name).set(obj, value);
        } catch (IllegalAccessException | RuntimeException e) {
            throw notOpen("set", declaring, name, e);
        }
    }

    private static IllegalStateException notOpen(String what, Class<?> declaring, String name, Exception e) {
        return new IllegalStateException("cannot " + what + " " + declaring.getName() + "." + name + " ("
                + declaring.getPackageName() + " is not open to Stasis; the agent opens it)", e);
    }

    /** All instance fields of {@code type} and its superclasses, made accessible; null if any is closed. */
    static List<Field> instanceFields(Class<?> type) {
        List<Field> out = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                } catch (RuntimeException e) {
                    return null;
                }
                out.add(f);
            }
        }
        return out;
    }
}

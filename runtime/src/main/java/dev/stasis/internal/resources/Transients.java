package dev.stasis.internal.resources;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Set;

/**
 * What the application declared transient (option {@code transient=}): instances of the named
 * classes (and of their subclasses and implementations) and the named {@code Class.field} fields,
 * static or not, are written to checkpoints as null. After a restore they are null, and the
 * application's listener re-creates them in {@code afterRestore()}: caches, connections, anything
 * cheaper to rebuild than to carry, or bound to this process.
 */
public final class Transients {

    private static volatile Set<String> names = Set.of();
    private static volatile ClassValue<Boolean> classes = classValue(Set.of());

    private Transients() {
    }

    /** Installs the option's list: class names and Class.field names (binary names). */
    public static void install(List<String> declared) {
        Set<String> s = Set.copyOf(declared);
        names = s;
        classes = classValue(s);
    }

    /** Whether instances of {@code c} are left out of checkpoints. */
    public static boolean isTransientClass(Class<?> c) {
        return !names.isEmpty() && classes.get(c);
    }

    /** Whether the reference field {@code f} is left out of checkpoints (primitive fields never are). */
    public static boolean isTransientField(Field f) {
        Set<String> s = names;
        return !s.isEmpty() && !f.getType().isPrimitive() && s.contains(f.getDeclaringClass().getName() + "." + f.getName());
    }

    private static ClassValue<Boolean> classValue(Set<String> s) {
        return new ClassValue<>() {
            @Override
            protected Boolean computeValue(Class<?> type) {
                return matches(type, s);
            }
        };
    }

    private static boolean matches(Class<?> type, Set<String> s) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (s.contains(c.getName())) {
                return true;
            }
            for (Class<?> i : c.getInterfaces()) {
                if (matches(i, s)) {
                    return true;
                }
            }
        }
        return false;
    }
}

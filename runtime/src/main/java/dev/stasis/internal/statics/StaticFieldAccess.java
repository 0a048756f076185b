package dev.stasis.internal.statics;

import dev.stasis.internal.format.StaticFields;
import dev.stasis.internal.resources.Transients;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the static fields of instrumented classes. The rewriter dropped ACC_FINAL from
 * every static field without a constant value (except enum constants), so what is still final here
 * is a constant of the class file, the same in every JVM, and is skipped.
 */
public final class StaticFieldAccess {

    private StaticFieldAccess() {
    }

    /** The static fields of each class, in the order given. */
    public static List<StaticFields> read(List<Class<?>> classes) {
        List<StaticFields> out = new ArrayList<>();
        for (Class<?> c : classes) {
            if (c.isInterface()) {
                continue;
            }
            List<String> names = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            for (Field f : c.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (!Modifier.isStatic(mod) || Modifier.isFinal(mod)) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    values.add(Transients.isTransientField(f) ? null : f.get(null));
                    names.add(f.getName());
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalStateException("stasis: cannot read static field " + c.getName() + "."
                            + f.getName() + " (" + e + "); open its package to Stasis or exclude the class", e);
                }
            }
            if (!names.isEmpty()) {
                out.add(new StaticFields(c.getName(), names.toArray(new String[0]), values.toArray()));
            }
        }
        return out;
    }

    /** Sets the static fields of one class. */
    public static void write(Class<?> c, StaticFields fields) throws ReflectiveOperationException {
        for (int k = 0; k < fields.names.length; k++) {
            Field f = c.getDeclaredField(fields.names[k]);
            f.setAccessible(true);
            f.set(null, fields.values[k]);
        }
    }
}

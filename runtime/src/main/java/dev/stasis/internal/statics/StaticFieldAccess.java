package dev.stasis.internal.statics;

import dev.stasis.internal.format.StaticFields;
import dev.stasis.internal.heap.InternalUnsafe;
import dev.stasis.internal.resources.Transients;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads and writes the static fields of instrumented classes. The rewriter dropped ACC_FINAL from
 * every static field of a class without a constant value (except enum constants), so what is still
 * final there is a constant of the class file, the same in every JVM, and is skipped. An
 * interface's fields all stay final (JVMS 4.5): all are read; a restore leaves alone those of a
 * constant's type that hold their value already (the constants, which the JVM sets before any
 * initializer) and sets the others through {@link InternalUnsafe#setStatic}.
 */
public final class StaticFieldAccess {

    private StaticFieldAccess() {
    }

    /** The static fields of each class, in the order given. */
    public static List<StaticFields> read(List<Class<?>> classes) {
        List<StaticFields> out = new ArrayList<>();
        for (Class<?> c : classes) {
            boolean isInterface = c.isInterface();
            List<String> names = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            for (Field f : c.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (!Modifier.isStatic(mod) || Modifier.isFinal(mod) && !isInterface) {
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

    /** Whether {@code f} may have a constant value (JVMS 4.7.2: a primitive or a String). */
    private static boolean mayBeConstant(Field f) {
        return f.getType().isPrimitive() || f.getType() == String.class;
    }

    /**
     * Sets the static fields of one class. An interface's are set unless they may be constants
     * and hold their value already, and only when {@link InternalUnsafe#setStatic} can (its
     * initializer ran again otherwise: see {@link ClassInit#enter}).
     */
    public static void write(Class<?> c, StaticFields fields) throws ReflectiveOperationException {
        boolean isInterface = c.isInterface();
        if (isInterface && !InternalUnsafe.setsFinalStatics()) {
            return;
        }
        for (int k = 0; k < fields.names.length; k++) {
            Field f = c.getDeclaredField(fields.names[k]);
            f.setAccessible(true);
            if (!isInterface) {
                f.set(null, fields.values[k]);
            } else if (!mayBeConstant(f) || !Objects.equals(f.get(null), fields.values[k])) {
                InternalUnsafe.setStatic(f, fields.values[k]);
            }
        }
    }
}

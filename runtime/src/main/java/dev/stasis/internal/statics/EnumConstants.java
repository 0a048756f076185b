package dev.stasis.internal.statics;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.objenesis.ObjenesisStd;

/**
 * Re-creates an enum's constants in a restored JVM without running its static initializer: the
 * constants must exist before the heap is read (EnumSet, EnumMap and switches ask for them), but
 * the initializer's other effects must not happen twice. The rewriter records, for each enum, the
 * class each constant is created from; here each constant is allocated without a constructor,
 * given its name and ordinal, and stored in its static field and in {@code $VALUES}. The heap then
 * fills the constants' own fields, and the static fields are set from the checkpoint.
 */
public final class EnumConstants {

    /** The constant names in ordinal order, and the class each is an instance of. */
    private static final class Layout {
        final List<String> names;
        final List<String> classes;

        Layout(List<String> names, List<String> classes) {
            this.names = names;
            this.classes = classes;
        }
    }

    private static final Map<ClassLoader, Map<String, Layout>> BY_LOADER = new WeakHashMap<>();

    /** Created on first use: the rewriter registers layouts while classes load, long before any restore. */
    private static final class Instantiator {
        static final ObjenesisStd OBJENESIS = new ObjenesisStd(true);
    }

    private EnumConstants() {
    }

    /** Called by the rewriter for each enum whose static initializer it understood. */
    public static void register(ClassLoader loader, String enumClass, List<String> names, List<String> classes) {
        synchronized (BY_LOADER) {
            BY_LOADER.computeIfAbsent(loader, l -> new ConcurrentHashMap<>()).put(enumClass,
                    new Layout(List.copyOf(names), List.copyOf(classes)));
        }
    }

    /**
     * Creates the constants of an enum being initialized during a restore; false when the enum's
     * layout is unknown, and then its initializer must run.
     */
    static boolean create(Class<?> enumClass) {
        Layout layout;
        synchronized (BY_LOADER) {
            Map<String, Layout> m = BY_LOADER.get(enumClass.getClassLoader());
            layout = m == null ? null : m.get(enumClass.getName());
        }
        if (layout == null) {
            return false;
        }
        try {
            Field name = Enum.class.getDeclaredField("name");
            Field ordinal = Enum.class.getDeclaredField("ordinal");
            name.setAccessible(true);
            ordinal.setAccessible(true);
            Object values = Array.newInstance(enumClass, layout.names.size());
            for (int k = 0; k < layout.names.size(); k++) {
                Class<?> c = Class.forName(layout.classes.get(k), false, enumClass.getClassLoader());
                Object constant = Instantiator.OBJENESIS.newInstance(c);
                name.set(constant, layout.names.get(k));
                ordinal.setInt(constant, k);
                Field f = enumClass.getDeclaredField(layout.names.get(k));
                f.setAccessible(true);
                f.set(null, constant);
                Array.set(values, k, constant);
            }
            Field all = enumClass.getDeclaredField("$VALUES");
            all.setAccessible(true);
            all.set(null, values);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}

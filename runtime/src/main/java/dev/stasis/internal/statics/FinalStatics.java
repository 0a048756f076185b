package dev.stasis.internal.statics;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;

/**
 * Stores into static final fields, which neither reflection nor method handles will set: an
 * interface's fields must stay {@code public static final} (JVMS 4.5), so the rewriter cannot
 * drop ACC_FINAL from them as it does from a class's, and a restore that skips an interface's
 * initializer sets them here. Through the JDK's internal {@code jdk.internal.misc.Unsafe}, when
 * the agent has exported its package to Stasis; without it (the runtime used without the agent)
 * {@link #AVAILABLE} is false and interfaces run their initializers again instead.
 *
 * <p>The JIT takes a static final field of an initialized class for a constant; these stores
 * happen while a restore sets up the statics, before any code of the program has run in the
 * restored JVM, let alone been compiled.
 */
final class FinalStatics {

    static final boolean AVAILABLE;
    private static final MethodHandle BASE;
    private static final MethodHandle OFFSET;
    private static final MethodHandle PUT_REFERENCE;
    private static final MethodHandle[] PUT_PRIMITIVE = new MethodHandle[8];
    private static final Class<?>[] PRIMITIVES = {int.class, long.class, boolean.class, byte.class, short.class,
        char.class, float.class, double.class};
    private static final String[] NAMES = {"Int", "Long", "Boolean", "Byte", "Short", "Char", "Float", "Double"};

    static {
        MethodHandle base = null;
        MethodHandle offset = null;
        MethodHandle putReference = null;
        boolean available;
        try {
            Class<?> c = Class.forName("jdk.internal.misc.Unsafe");
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            Object unsafe = lookup.findStatic(c, "getUnsafe", MethodType.methodType(c)).invoke();
            base = lookup.findVirtual(c, "staticFieldBase", MethodType.methodType(Object.class, Field.class))
                    .bindTo(unsafe);
            offset = lookup.findVirtual(c, "staticFieldOffset", MethodType.methodType(long.class, Field.class))
                    .bindTo(unsafe);
            putReference = lookup.findVirtual(c, "putReferenceVolatile", MethodType.methodType(void.class,
                    Object.class, long.class, Object.class)).bindTo(unsafe);
            for (int i = 0; i < PRIMITIVES.length; i++) {
                PUT_PRIMITIVE[i] = lookup.findVirtual(c, "put" + NAMES[i] + "Volatile", MethodType.methodType(
                        void.class, Object.class, long.class, PRIMITIVES[i])).bindTo(unsafe);
            }
            available = true;
        } catch (Throwable e) {
            available = false;
        }
        AVAILABLE = available;
        BASE = base;
        OFFSET = offset;
        PUT_REFERENCE = putReference;
    }

    private FinalStatics() {
    }

    /** Sets static field {@code f} (final or not) to {@code value}, boxed for a primitive field. */
    static void set(Field f, Object value) {
        if (!AVAILABLE) {
            throw new IllegalStateException("jdk.internal.misc is not exported to Stasis");
        }
        try {
            Object base = BASE.invoke(f);
            long at = (long) OFFSET.invoke(f);
            Class<?> type = f.getType();
            if (!type.isPrimitive()) {
                PUT_REFERENCE.invoke(base, at, type.cast(value));
                return;
            }
            for (int i = 0; i < PRIMITIVES.length; i++) {
                if (PRIMITIVES[i] == type) {
                    PUT_PRIMITIVE[i].invoke(base, at, value);
                    return;
                }
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.stasis.internal.heap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.Arrays;

/**
 * Field loads by offset through the JDK's internal {@code jdk.internal.misc.Unsafe}, when the
 * agent has exported its package to Stasis. Writing a heap reads every field of every application
 * object; on JDK 18 and later {@link Field#get} goes through a method handle that the JIT cannot
 * treat as a constant (JEP 416), and loads through these handles made the later checkpoints of a
 * 1000 MB heap 10% shorter on JDK 25 (6% at 100 MB; no difference on JDK 17). The public {@code
 * sun.misc.Unsafe} would do the same, but JDK 24 and later warn on the application's stderr when
 * it is used. Without the export (the runtime used without the agent), {@link #AVAILABLE} is
 * false and callers use reflection.
 *
 * <p>Only loads, and the compare-and-set by which {@link IdentityHashes} gives a restored object
 * its identity hash code: storing fields this way while reading a heap was no faster at 1000 MB
 * and slower in a cold JVM at 100 MB (its method handles run interpreted until the JIT compiles
 * them). And one store by name, for a field reflection cannot see ({@link #setHidden}), and stores
 * into static final fields ({@link #setStatic}).
 * The handles are static finals, which the JIT treats as constants: each call compiles to the
 * plain memory access.
 */
public final class InternalUnsafe {

    static final boolean AVAILABLE;
    private static final MethodHandle OFFSET;
    static final MethodHandle GET_REFERENCE;
    static final MethodHandle GET_INT;
    static final MethodHandle GET_LONG;
    static final MethodHandle GET_BOOLEAN;
    static final MethodHandle GET_BYTE;
    static final MethodHandle GET_SHORT;
    static final MethodHandle GET_CHAR;
    static final MethodHandle GET_FLOAT;
    static final MethodHandle GET_DOUBLE;
    static final MethodHandle COMPARE_AND_SET_LONG;
    private static final MethodHandle OFFSET_BY_NAME;
    private static final MethodHandle PUT_REFERENCE;
    private static final MethodHandle PUT_INT;
    private static final MethodHandle PUT_LONG;
    private static final MethodHandle STATIC_BASE;
    private static final MethodHandle STATIC_OFFSET;
    /** Stores of each field type of {@link #TYPES}, for {@link #setStatic}. */
    private static final MethodHandle[] PUT = new MethodHandle[9];
    /** The field types in the order of the loads above. */
    private static final Class<?>[] TYPES = {Object.class, int.class, long.class, boolean.class, byte.class,
        short.class, char.class, float.class, double.class};

    static {
        MethodHandle[] h = new MethodHandle[14];
        boolean available;
        try {
            Class<?> c = Class.forName("jdk.internal.misc.Unsafe");
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            Object unsafe = lookup.findStatic(c, "getUnsafe", MethodType.methodType(c)).invoke();
            h[0] = lookup.findVirtual(c, "objectFieldOffset", MethodType.methodType(long.class, Field.class)).bindTo(unsafe);
            String[] names = {"Reference", "Int", "Long", "Boolean", "Byte", "Short", "Char", "Float", "Double"};
            for (int i = 0; i < TYPES.length; i++) {
                h[1 + i] = lookup.findVirtual(c, "get" + names[i],
                        MethodType.methodType(TYPES[i], Object.class, long.class)).bindTo(unsafe);
            }
            h[10] = lookup.findVirtual(c, "compareAndSetLong", MethodType.methodType(boolean.class, Object.class, long.class,
                    long.class, long.class)).bindTo(unsafe);
            h[11] = lookup.findVirtual(c, "objectFieldOffset", MethodType.methodType(long.class, Class.class,
                    String.class)).bindTo(unsafe);
            h[12] = lookup.findVirtual(c, "staticFieldBase", MethodType.methodType(Object.class, Field.class))
                    .bindTo(unsafe);
            h[13] = lookup.findVirtual(c, "staticFieldOffset", MethodType.methodType(long.class, Field.class))
                    .bindTo(unsafe);
            for (int i = 0; i < TYPES.length; i++) {
                PUT[i] = lookup.findVirtual(c, "put" + names[i], MethodType.methodType(void.class, Object.class,
                        long.class, TYPES[i])).bindTo(unsafe);
            }
            available = true;
        } catch (Throwable e) {
            available = false;
        }
        AVAILABLE = available;
        OFFSET = h[0];
        GET_REFERENCE = h[1];
        GET_INT = h[2];
        GET_LONG = h[3];
        GET_BOOLEAN = h[4];
        GET_BYTE = h[5];
        GET_SHORT = h[6];
        GET_CHAR = h[7];
        GET_FLOAT = h[8];
        GET_DOUBLE = h[9];
        COMPARE_AND_SET_LONG = h[10];
        OFFSET_BY_NAME = h[11];
        PUT_REFERENCE = PUT[0];
        PUT_INT = PUT[1];
        PUT_LONG = PUT[2];
        STATIC_BASE = h[12];
        STATIC_OFFSET = h[13];
    }

    private InternalUnsafe() {
    }

    /**
     * Sets the reference field {@code name} that {@code declaring} declares in {@code o}: for the
     * fields the JDK hides from reflection (ClassLoader's, JDK 12 and later). False when that
     * cannot be done (the package is not exported to Stasis, no such field).
     */
    static boolean setHidden(Object o, Class<?> declaring, String name, Object value) {
        if (!AVAILABLE) {
            return false;
        }
        try {
            long offset = (long) OFFSET_BY_NAME.invokeExact(declaring, name);
            PUT_REFERENCE.invokeExact(o, offset, value);
            return true;
        } catch (Throwable e) {
            return false;
        }
    }

    /**
     * Sets the primitive instance field {@code f} (an int or a long) of {@code o} to {@code value},
     * final or not, whatever its class's module opens: for JDK state that has no setter (the
     * random generators' seeds, see {@link RandomGeneratorSerializer}). False when that cannot be done.
     */
    static boolean putPrimitive(Object o, Field f, long value) {
        long offset = AVAILABLE ? offset(f) : -1;
        if (offset < 0) {
            return false;
        }
        try {
            if (f.getType() == long.class) {
                PUT_LONG.invokeExact(o, offset, value);
            } else if (f.getType() == int.class) {
                PUT_INT.invokeExact(o, offset, (int) value);
            } else {
                return false;
            }
            return true;
        } catch (Throwable e) {
            return false;
        }
    }

    /**
     * Whether {@link #setStatic} can set static final fields: an interface's must stay final
     * (JVMS 4.5), so the rewriter cannot drop ACC_FINAL from them as it does from a class's.
     */
    public static boolean setsFinalStatics() {
        return AVAILABLE;
    }

    /**
     * Sets the static field {@code f}, final or not, to {@code value} (boxed for a primitive
     * field): a restore that skipped an interface's initializer sets its fields so. The JIT takes
     * a static final of an initialized class for a constant; a restore sets them before any code
     * of the program has run in the new JVM, let alone been compiled.
     */
    public static void setStatic(Field f, Object value) {
        if (!AVAILABLE) {
            throw new IllegalStateException("jdk.internal.misc is not exported to Stasis");
        }
        Class<?> type = f.getType();
        int kind = type.isPrimitive() ? Arrays.asList(TYPES).indexOf(type) : 0;
        try {
            PUT[kind].invoke(STATIC_BASE.invoke(f), (long) STATIC_OFFSET.invoke(f), type.isPrimitive() ? value
                    : type.cast(value));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The offset of an instance field, or -1 when it cannot be had. */
    static long offset(Field f) {
        try {
            return (long) OFFSET.invokeExact(f);
        } catch (Throwable e) {
            return -1;
        }
    }
}

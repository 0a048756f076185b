package dev.stasis.internal.heap;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;

/**
 * The stack sizes of threads: the size a thread was created with (the {@code Thread}
 * constructor's {@code stackSize}, 0 for the JVM's default), the JVM's default ({@code -Xss},
 * which the launcher gives the main thread too), and a larger size given to a thread not started
 * yet, for a restored thread whose frames take more stack to call again than it had.
 */
public final class ThreadStacks {

    /** What HotSpot's default is on most platforms, for a JVM that does not say. */
    private static final long FALLBACK_DEFAULT = 1L << 20;
    private static volatile long jvmDefault;

    private ThreadStacks() {
    }

    /**
     * The stack size {@code t} was created with; 0 for the JVM's default, and when java.lang is not
     * open to Stasis.
     */
    public static long own(Thread t) {
        Object holder = holder(t);
        Field f = field(holder);
        try {
            return f == null ? 0 : Math.max(0, f.getLong(holder));
        } catch (IllegalAccessException | IllegalArgumentException e) {
            return 0;
        }
    }

    /** The stack size of {@code t}: its own, or the JVM's default. */
    public static long of(Thread t) {
        long own = own(t);
        return own > 0 ? own : jvmDefault();
    }

    /**
     * The JVM's default thread stack size: HotSpot's {@code ThreadStackSize} ({@code -Xss}), read
     * once through its diagnostic MXBean (which loads the management classes: asked only for
     * threads deep enough to need it); 1 MB when the JVM does not say.
     */
    public static long jvmDefault() {
        long size = jvmDefault;
        if (size == 0) {
            size = FALLBACK_DEFAULT;
            try {
                String kb = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                        .getVMOption("ThreadStackSize").getValue();
                size = Long.parseLong(kb) > 0 ? Long.parseLong(kb) << 10 : FALLBACK_DEFAULT;
            } catch (RuntimeException | LinkageError e) {
                // not HotSpot, or without the jdk.management module: the usual default
            }
            jvmDefault = size;
        }
        return size;
    }

    /**
     * Gives {@code t}, not started yet, a stack of {@code bytes}; false when this JDK keeps the size
     * where Stasis cannot set it (the field is final: set through the JDK's internal Unsafe).
     */
    public static boolean give(Thread t, long bytes) {
        Object holder = holder(t);
        Field f = field(holder);
        return f != null && InternalUnsafe.putPrimitive(holder, f, bytes);
    }

    /**
     * The object that holds {@code t}'s stack size: the thread itself up to JDK 18, its {@code
     * holder} after; null when java.lang is not open to Stasis.
     */
    private static Object holder(Thread t) {
        return JdkInternals.field(Thread.class, "stackSize") != null ? t : JdkInternals.get(t, "holder", null);
    }

    /** The field {@code stackSize} of {@code holder} (null: none), or null. */
    private static Field field(Object holder) {
        return holder == null ? null : JdkInternals.field(holder.getClass(), "stackSize");
    }
}

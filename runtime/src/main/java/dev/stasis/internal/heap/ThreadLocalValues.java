package dev.stasis.internal.heap;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Reads the checkpointing thread's value of a ThreadLocal without the side effects of
 * {@code get()} (which would create an entry, and run a withInitial supplier). The values are
 * part of the thread's state: a restored thread gets them back (the restore driver runs on it).
 * Needs java.lang open to Stasis, which the agent arranges; without it no value is captured.
 */
final class ThreadLocalValues {

    private ThreadLocalValues() {
    }

    /** {value} when {@code thread} has a value for {@code tl}, else null. */
    static Object[] of(Thread thread, ThreadLocal<?> tl) {
        if (thread == null) {
            return null;
        }
        String mapField = tl instanceof InheritableThreadLocal ? "inheritableThreadLocals" : "threadLocals";
        Object map = JdkInternals.get(thread, mapField, null);
        if (map == null) {
            return null;
        }
        try {
            Method getEntry = map.getClass().getDeclaredMethod("getEntry", ThreadLocal.class);
            getEntry.setAccessible(true);
            Object entry = getEntry.invoke(map, tl);
            if (entry == null) {
                return null;
            }
            Field value = entry.getClass().getDeclaredField("value");
            value.setAccessible(true);
            return new Object[] {value.get(entry)};
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}

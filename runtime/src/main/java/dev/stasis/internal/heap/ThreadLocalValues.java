package dev.stasis.internal.heap;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The values a ThreadLocal has in the captured threads, read without the side effects of {@code
 * get()} (which would create an entry, and run a withInitial supplier or an initialValue()
 * override). The values are part of each thread's state: a restored thread gets them back (the
 * restore driver sets them on it). Needs java.lang open to Stasis, which the agent arranges;
 * without it no value is captured.
 *
 * <p>In the heap, after the ThreadLocal's own content: a byte 0 (no captured thread has a value),
 * 1 and the first thread's value (the form of single-threaded checkpoints), or 2, a count, and
 * pairs of a thread's index in the checkpoint and its value.
 */
final class ThreadLocalValues {

    /** Marks a ThreadLocal written with values of several threads (or not of the first one). */
    private static final int PER_THREAD = 2;

    private ThreadLocalValues() {
    }

    /** Writes the value of {@code tl} in each captured thread that has one. */
    static void write(HeapKryo k, HeapOutput out, ThreadLocal<?> tl) {
        List<Integer> threads = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (int t = 0; t < k.capturedThreads.size(); t++) {
            Object[] value = of(k.capturedThreads.get(t), tl);
            if (value != null) {
                threads.add(t);
                values.add(value[0]);
            }
        }
        if (threads.isEmpty() || threads.equals(List.of(0))) {
            out.writeBoolean(!threads.isEmpty());
            if (!threads.isEmpty()) {
                k.writeClassAndObject(out, values.get(0));
            }
            return;
        }
        out.writeByte(PER_THREAD);
        out.writeVarInt(threads.size(), true);
        for (int i = 0; i < threads.size(); i++) {
            out.writeVarInt(threads.get(i), true);
            k.writeClassAndObject(out, values.get(i));
        }
    }

    /** Reads what {@link #write} wrote and hands each value to the restore driver for its thread. */
    static void read(HeapKryo k, HeapInput in, ThreadLocal<?> tl) {
        int form = in.readByte();
        if (form == 1) {
            k.deferred.threadLocalValue(tl, 0, k.readClassAndObject(in));
        } else if (form == PER_THREAD) {
            int n = in.readCount(2);
            for (int i = 0; i < n; i++) {
                int thread = in.readVarInt(true);
                if (thread < 0) {
                    throw new CorruptData("bad thread index of a ThreadLocal value");
                }
                k.deferred.threadLocalValue(tl, thread, k.readClassAndObject(in));
            }
        } else if (form != 0) {
            throw new CorruptData("bad ThreadLocal form " + form);
        }
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

package dev.stasis.internal.heap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;

/**
 * Content of hash- and order-based collections, read but not yet inserted. Inserting calls the
 * elements' hashCode/equals/compareTo (or an application comparator or an overridden add/put),
 * which may read static fields that are set only after the heap is read, or objects of a cycle
 * that are still incomplete while reading. The reader creates such collections empty (so their
 * identity is in the graph at once) and fills them here, in the order their reading completed:
 * inner collections before the collections that contain them. Then what else must wait for a
 * complete heap runs, in the order it was read.
 */
final class DeferredFills {

    private final List<Object> targets = new ArrayList<>();
    private final List<Object[]> contents = new ArrayList<>();
    private final Map<Integer, List<Object[]>> threadLocals = new HashMap<>();
    private final Map<Thread, List<Object[]>> heldLocks = new IdentityHashMap<>();
    private final List<Runnable> afterFills = new ArrayList<>();

    /** A growing buffer for a collection's content while it is read. */
    static final class Buffer {
        Object[] items;
        int size;

        Buffer(int expected) {
            items = new Object[Math.max(2, Math.min(expected, 1024))];
        }

        void add(Object o) {
            if (size == items.length) {
                items = Arrays.copyOf(items, items.length * 2);
            }
            items[size++] = o;
        }

        Object[] toArray() {
            return size == items.length ? items : Arrays.copyOf(items, size);
        }
    }

    void collection(Collection<?> target, Buffer elements) {
        targets.add(target);
        contents.add(elements.toArray());
    }

    /** {@code keysAndValues} alternates keys and values. */
    void map(Map<?, ?> target, Buffer keysAndValues) {
        targets.add(target);
        contents.add(keysAndValues.toArray());
    }

    /** What must wait for a complete heap, after the fills: a Timer's tasks are scheduled again. */
    void afterFills(Runnable action) {
        afterFills.add(action);
    }

    /** A captured thread's value of a ThreadLocal: the restored thread sets it when it starts. */
    void threadLocalValue(ThreadLocal<?> target, int thread, Object value) {
        threadLocals.computeIfAbsent(thread, t -> new ArrayList<>()).add(new Object[] {target, value});
    }

    /** A lock {@code owner} held {@code holds} times: the restored owner acquires it again when it starts. */
    void lockHeld(Thread owner, Lock lock, int holds) {
        heldLocks.computeIfAbsent(owner, t -> new ArrayList<>()).add(new Object[] {lock, holds});
    }

    /** Per owner thread, the locks it held as pairs {Lock, Integer holds}. */
    Map<Thread, List<Object[]>> heldLocks() {
        return heldLocks;
    }

    /** Per captured thread (by index), its ThreadLocal values as pairs {ThreadLocal, value}. */
    Map<Integer, List<Object[]>> threadLocals() {
        return threadLocals;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    void run() {
        for (int i = 0; i < targets.size(); i++) {
            Object t = targets.get(i);
            Object[] c = contents.get(i);
            targets.set(i, null);
            contents.set(i, null);
            if (t instanceof Map) {
                Map m = (Map) t;
                for (int j = 0; j + 1 < c.length; j += 2) {
                    m.put(c[j], c[j + 1]);
                }
            } else {
                Collection col = (Collection) t;
                for (Object e : c) {
                    col.add(e);
                }
            }
        }
        targets.clear();
        contents.clear();
        for (Runnable action : afterFills) {
            action.run();
        }
        afterFills.clear();
    }
}

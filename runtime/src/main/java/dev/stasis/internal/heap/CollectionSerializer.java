package dev.stasis.internal.heap;

import java.lang.reflect.Constructor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.PriorityQueue;
import java.util.SortedSet;
import java.util.Stack;
import java.util.TreeSet;
import java.util.Vector;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.SynchronousQueue;

/**
 * A JDK collection (or an application subclass of one: its own fields first) by its logical
 * content: construction parameters (comparator, capacity), then the elements in iteration
 * order. Lists and queues are filled while reading; hash- and order-based ones, and every
 * application subclass (whose overridden add() is application code), through {@link DeferredFills}.
 * A priority queue re-added in its array order rebuilds the same heap.
 */
final class CollectionSerializer extends HeapSerializer<Collection<Object>> {

    enum Flavor {
        ARRAY_LIST(ArrayList.class, Params.NONE, false),
        LINKED_LIST(LinkedList.class, Params.NONE, false),
        VECTOR(Vector.class, Params.NONE, false),
        STACK(Stack.class, Params.NONE, false),
        ARRAY_DEQUE(ArrayDeque.class, Params.NONE, false),
        COW_LIST(CopyOnWriteArrayList.class, Params.NONE, false),
        CONCURRENT_QUEUE(ConcurrentLinkedQueue.class, Params.NONE, false),
        CONCURRENT_DEQUE(ConcurrentLinkedDeque.class, Params.NONE, false),
        TRANSFER_QUEUE(LinkedTransferQueue.class, Params.NONE, false),
        LINKED_BLOCKING_QUEUE(LinkedBlockingQueue.class, Params.CAPACITY, false),
        LINKED_BLOCKING_DEQUE(LinkedBlockingDeque.class, Params.CAPACITY, false),
        ARRAY_BLOCKING_QUEUE(ArrayBlockingQueue.class, Params.CAPACITY, false),
        SYNCHRONOUS_QUEUE(SynchronousQueue.class, Params.NONE, false),
        HASH_SET(HashSet.class, Params.NONE, true),
        LINKED_HASH_SET(LinkedHashSet.class, Params.NONE, true),
        COW_SET(CopyOnWriteArraySet.class, Params.NONE, true),
        TREE_SET(TreeSet.class, Params.COMPARATOR, true),
        SKIP_LIST_SET(ConcurrentSkipListSet.class, Params.COMPARATOR, true),
        PRIORITY_QUEUE(PriorityQueue.class, Params.COMPARATOR, true),
        PRIORITY_BLOCKING_QUEUE(PriorityBlockingQueue.class, Params.CAPACITY_COMPARATOR, true),
        DELAY_QUEUE(DelayQueue.class, Params.NONE, true);

        final Class<?> type;
        final Params params;
        final boolean deferred;

        Flavor(Class<?> type, Params params, boolean deferred) {
            this.type = type;
            this.params = params;
            this.deferred = deferred;
        }

        static Flavor of(Class<?> jdkClass) {
            for (Flavor f : values()) {
                if (f.type == jdkClass) {
                    return f;
                }
            }
            return null;
        }
    }

    enum Params {
        NONE, CAPACITY, COMPARATOR, CAPACITY_COMPARATOR;

        Class<?>[] types() {
            switch (this) {
                case CAPACITY: return new Class<?>[] {int.class};
                case COMPARATOR: return new Class<?>[] {Comparator.class};
                case CAPACITY_COMPARATOR: return new Class<?>[] {int.class, Comparator.class};
                default: return new Class<?>[0];
            }
        }
    }

    private final Flavor flavor;
    private final AppFields appFields;
    private final Constructor<?> ctor;

    /** @param type the JDK collection class itself, or an application subclass of it */
    CollectionSerializer(Flavor flavor, Class<?> type) {
        this.flavor = flavor;
        this.appFields = type == flavor.type ? null : AppFields.of(type);
        this.ctor = Instantiators.viaSuper(type, flavor.type, flavor.params.types());
    }

    @Override
    void write(HeapKryo kryo, HeapOutput out, Collection<Object> c) {
        switch (flavor.params) {
            case CAPACITY:
                out.writeVarInt(((BlockingQueue<?>) c).remainingCapacity() + c.size(), true);
                break;
            case COMPARATOR:
                kryo.writeClassAndObject(out, comparator(c));
                break;
            case CAPACITY_COMPARATOR:
                kryo.writeClassAndObject(out, ((PriorityBlockingQueue<?>) c).comparator());
                break;
            default:
                break;
        }
        if (appFields != null) {
            appFields.write(kryo, out, c);
        }
        if (flavor == Flavor.SYNCHRONOUS_QUEUE) {
            out.writeVarInt(0, true);
        } else if (c.getClass().getPackageName().equals("java.util.concurrent")) {
            // weakly consistent iteration: take one snapshot
            Object[] elements = c.toArray();
            out.writeVarInt(elements.length, true);
            for (Object e : elements) {
                kryo.writeClassAndObject(out, e);
            }
        } else {
            int n = c.size();
            out.writeVarInt(n, true);
            int written = 0;
            for (Object e : c) {
                kryo.writeClassAndObject(out, e);
                written++;
            }
            if (written != n) {
                throw kryo.path.refuse(c, "its size changed while it was written (" + n + " then " + written
                        + " elements): another thread modified it during the checkpoint.");
            }
        }
    }

    private static Comparator<?> comparator(Collection<?> c) {
        if (c instanceof SortedSet) {
            return ((SortedSet<?>) c).comparator();
        }
        return ((PriorityQueue<?>) c).comparator();
    }

    @Override
    @SuppressWarnings("unchecked")
    Collection<Object> read(HeapKryo kryo, HeapInput in) {
        Object[] args;
        switch (flavor.params) {
            case CAPACITY:
                int capacity = in.readVarInt(true);
                if (capacity < 1) {
                    throw new CorruptData("bad queue capacity " + capacity);
                }
                args = new Object[] {capacity};
                break;
            case COMPARATOR:
                args = new Object[] {comparator(kryo.readClassAndObject(in))};
                break;
            case CAPACITY_COMPARATOR:
                args = new Object[] {11, comparator(kryo.readClassAndObject(in))};
                break;
            default:
                args = new Object[0];
                break;
        }
        Collection<Object> c = (Collection<Object>) Instantiators.create(ctor, args);
        kryo.reference(c);
        if (appFields != null) {
            appFields.read(kryo, in, c);
        }
        int n = in.readCount(1);
        if (flavor.deferred || appFields != null) {
            DeferredFills.Buffer b = new DeferredFills.Buffer(n);
            for (int i = 0; i < n; i++) {
                b.add(kryo.readClassAndObject(in));
            }
            kryo.deferred.collection(c, b);
        } else {
            if (c instanceof ArrayList && in.limits.lengthKnown()) {
                // n was checked against the bytes that remain, so presizing cannot be forged
                ((ArrayList<Object>) c).ensureCapacity(n);
            }
            for (int i = 0; i < n; i++) {
                c.add(kryo.readClassAndObject(in));
            }
        }
        return c;
    }

    private static Comparator<?> comparator(Object o) {
        if (o != null && !(o instanceof Comparator)) {
            throw new CorruptData("a " + o.getClass().getName() + " where a comparator was expected");
        }
        return (Comparator<?>) o;
    }
}

package dev.stasis.internal.heap;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.reflect.Field;

/**
 * A weak, soft or phantom reference, the JDK's own or an application subclass (Guava's cache
 * entries and value references, H2's close watcher): its referent, held strongly in the file,
 * its queue, then the subclass's fields, which may lead back to it (Guava's value reference
 * points to its entry, which holds the value reference). The reference is created by the JDK
 * constructor {@code (referent, queue)}, as the program created it (see {@link ConstructedFromState}).
 *
 * <p>The queue a registered reference will be enqueued on is kept. A reference whose referent
 * was cleared and that is not yet enqueued (the collector cleared it, the JDK's reference handler
 * has not enqueued it yet) is enqueued when it is read, as it would have been; one already
 * enqueued and not yet polled is enqueued again by its queue (see {@link #queue()}), which lists
 * it. Telling these apart needs the private state of java.lang.ref, which the agent opens;
 * without it a reference keeps its referent but loses its queue, and phantom references, whose
 * referent only that state shows, are refused.
 */
final class ReferenceSerializer extends ConstructedFromState<Reference<?>> {

    /** The reference's private fields, or null when java.lang.ref is closed to Stasis. */
    private static final Field REFERENT = JdkInternals.field(Reference.class, "referent");
    private static final Field QUEUE = JdkInternals.field(Reference.class, "queue");
    /** The JDK's marker queue of a reference that is enqueued (its real queue is then only known to the queue). */
    private static final Object ENQUEUED = staticField("ENQUEUED");

    private static final int PENDING = 1;

    private final Class<?> jdkKind;

    /**
     * References of {@code type}, which is {@code jdkKind} (WeakReference, SoftReference or
     * PhantomReference) or an application class extending it.
     */
    ReferenceSerializer(Class<?> type, Class<?> jdkKind) {
        super(type, jdkKind, Object.class, ReferenceQueue.class);
        this.jdkKind = jdkKind;
    }

    private static Object staticField(String name) {
        Field f = JdkInternals.field(ReferenceQueue.class, name);
        try {
            return f == null ? null : f.get(null);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    @Override
    void writeState(HeapKryo kryo, HeapOutput out, Reference<?> ref) {
        Object referent;
        Object queue = null;
        if (REFERENT != null && QUEUE != null && ENQUEUED != null) {
            try {
                referent = REFERENT.get(ref);
                Object q = QUEUE.get(ref);
                // a real queue: neither the "none" nor the "enqueued" marker, both of ReferenceQueue's class Null
                if (q.getClass() != ENQUEUED.getClass()) {
                    queue = q;
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        } else if (jdkKind == java.lang.ref.PhantomReference.class) {
            throw kryo.path.refuse(ref, "Stasis reads a phantom reference's referent only when java.lang.ref is open"
                    + " to it (the agent opens it).");
        } else {
            referent = ref.get();
        }
        kryo.writeClassAndObject(out, referent);
        kryo.writeClassAndObject(out, queue);
        out.writeByte(referent == null && queue != null ? PENDING : 0);
    }

    @Override
    Object[] readState(HeapKryo kryo, HeapInput in) {
        Object referent = kryo.readClassAndObject(in);
        Object queue = kryo.readClassAndObject(in);
        int flags = in.readByte();
        if (queue != null && !(queue instanceof ReferenceQueue)) {
            throw new CorruptData("a reference's queue is a " + queue.getClass().getName());
        }
        if ((flags & ~PENDING) != 0) {
            throw new CorruptData("bad reference flags " + flags);
        }
        return new Object[] {referent, queue, flags};
    }

    @Override
    void completed(Reference<?> ref, Object[] state) {
        if (((Integer) state[2] & PENDING) != 0) {
            ref.enqueue();
        }
    }

    /**
     * A reference queue, with the references enqueued on it and not yet polled, which are
     * enqueued again on the restored queue (needs java.lang.ref open, as their queue is only
     * known to the queue then).
     */
    @SuppressWarnings("rawtypes")
    static HeapSerializer<ReferenceQueue> queue() {
        Field head = JdkInternals.field(ReferenceQueue.class, "head");
        Field next = JdkInternals.field(Reference.class, "next");
        return HeapSerializer.of((k, out, q) -> {
            java.util.List<Object> enqueued = new java.util.ArrayList<>();
            if (head != null && next != null && QUEUE != null) {
                try {
                    // enqueue prepends, so the chain from a read of head stays whole; the last one points to itself
                    for (Object r = head.get(q); r != null; ) {
                        enqueued.add(r);
                        Object n = next.get(r);
                        r = n == r ? null : n;
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
            out.writeVarInt(enqueued.size(), true);
            for (Object r : enqueued) {
                k.writeClassAndObject(out, r);
            }
        }, (k, in) -> {
            ReferenceQueue<Object> q = new ReferenceQueue<>();
            k.reference(q);
            int n = in.readVarInt(true);
            for (int i = 0; i < n; i++) {
                Object r = k.readClassAndObject(in);
                if (!(r instanceof Reference)) {
                    throw new CorruptData("a reference queue holds a " + (r == null ? "null" : r.getClass().getName()));
                }
                enqueueAgain((Reference<?>) r, q);
            }
            return q;
        });
    }

    /** Puts {@code r}, read without a queue, on {@code q}, unless it is registered or enqueued already. */
    private static void enqueueAgain(Reference<?> r, ReferenceQueue<Object> q) {
        if (QUEUE == null || ENQUEUED == null) {
            return;
        }
        try {
            Object now = QUEUE.get(r);
            if (now != ENQUEUED && now.getClass() == ENQUEUED.getClass()) {
                QUEUE.set(r, q);
                r.enqueue();
            }
        } catch (IllegalAccessException e) {
            throw new CorruptData("cannot enqueue a restored reference: " + e, e);
        }
    }
}

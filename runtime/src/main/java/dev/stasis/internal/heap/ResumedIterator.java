package dev.stasis.internal.heap;

import java.util.Collection;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * What a JDK iterator over a set, map view, queue or deque becomes after restore: it yields
 * exactly the elements the original had still to return, in the original order (the new JVM's
 * hash order may differ). {@link #remove()} removes the last returned element (the map key, for
 * map views) from the restored collection when the iterator's collection was known at the
 * checkpoint; otherwise it is unsupported. Also an {@link Enumeration}, for Hashtable/Vector ones.
 */
public final class ResumedIterator<E> implements Iterator<E>, Enumeration<E> {

    static final int COLLECTION = 0, KEYS = 1, VALUES = 2, ENTRIES = 3;

    private Object[] remaining;
    private int position;
    /** The restored Collection or Map, or null when unknown. */
    private Object backing;
    private int view;
    private boolean hasLast;
    private Object last;

    ResumedIterator(Object[] remaining, Object backing, int view, boolean hasLast, Object last) {
        this.remaining = remaining;
        this.backing = backing;
        this.view = view;
        this.hasLast = hasLast;
        this.last = last;
    }

    /** Late binding: the backing object becomes known once the whole heap is read. */
    void bind(Object restoredBacking) {
        if (restoredBacking instanceof Collection) {
            backing = restoredBacking;
            view = COLLECTION;
        } else if (restoredBacking instanceof Map) {
            backing = restoredBacking;
        }
    }

    @Override
    public boolean hasNext() {
        return position < remaining.length;
    }

    @Override
    @SuppressWarnings("unchecked")
    public E next() {
        if (position >= remaining.length) {
            throw new NoSuchElementException();
        }
        Object e = remaining[position];
        remaining[position++] = null;
        hasLast = true;
        last = view == ENTRIES ? ((Map.Entry<?, ?>) e).getKey() : e;
        return (E) e;
    }

    @Override
    public void remove() {
        if (!hasLast) {
            throw new IllegalStateException();
        }
        if (backing == null || view == VALUES) {
            throw new UnsupportedOperationException("remove() on an iterator restored from a checkpoint whose collection"
                    + " could not be determined");
        }
        if (backing instanceof Map) {
            ((Map<?, ?>) backing).remove(last);
        } else {
            ((Collection<?>) backing).remove(last);
        }
        hasLast = false;
        last = null;
    }

    @Override
    public boolean hasMoreElements() {
        return hasNext();
    }

    @Override
    public E nextElement() {
        return next();
    }
}

package dev.stasis.internal.heap;

import java.util.List;
import java.util.ListIterator;

/**
 * What a JDK iterator or list iterator over a list becomes after restore: positioned at the same
 * index of the restored list, whose content is the captured one, so it yields the same remaining
 * elements. remove()/set() right after restore act on the element returned last before the
 * checkpoint; from the first move on, it is the list's own list iterator.
 */
public final class ResumedListIterator<E> implements ListIterator<E> {

    private List<E> list;
    private int cursor;
    private boolean hasLast;
    private ListIterator<E> delegate;

    ResumedListIterator(List<E> list, int cursor, boolean hasLast) {
        this.list = list;
        this.cursor = cursor;
        this.hasLast = hasLast;
    }

    private ListIterator<E> it() {
        if (delegate == null) {
            delegate = list.listIterator(cursor);
            hasLast = false;
        }
        return delegate;
    }

    @Override
    public boolean hasNext() {
        return delegate == null ? cursor < list.size() : delegate.hasNext();
    }

    @Override
    public E next() {
        return it().next();
    }

    @Override
    public boolean hasPrevious() {
        return delegate == null ? cursor > 0 : delegate.hasPrevious();
    }

    @Override
    public E previous() {
        return it().previous();
    }

    @Override
    public int nextIndex() {
        return delegate == null ? cursor : delegate.nextIndex();
    }

    @Override
    public int previousIndex() {
        return nextIndex() - 1;
    }

    @Override
    public void remove() {
        if (delegate == null) {
            if (!hasLast) {
                throw new IllegalStateException();
            }
            list.remove(--cursor);
            hasLast = false;
            return;
        }
        delegate.remove();
    }

    @Override
    public void set(E e) {
        if (delegate == null) {
            if (!hasLast) {
                throw new IllegalStateException();
            }
            list.set(cursor - 1, e);
            return;
        }
        delegate.set(e);
    }

    @Override
    public void add(E e) {
        it().add(e);
    }
}

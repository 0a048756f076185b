package dev.stasis.internal.heap;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Predicate;

/** Reads back what {@link HeapWriter} wrote. (Contract stub.) */
public final class HeapReader {

    public HeapReader(ClassLoader applicationLoader, Predicate<String> classAllowed) {
    }

    /** Reads the roots; throws {@link CorruptHeapException} for malformed or hostile input. */
    public Object[] read(InputStream in) throws IOException {
        throw new UnsupportedOperationException("heap reader not implemented yet");
    }

    /**
     * Completes what reading deferred (filling hash- and order-based collections, whose keys'
     * hashCode/compareTo may read static fields), once the static fields are set.
     */
    public void completeDeferred() {
    }
}

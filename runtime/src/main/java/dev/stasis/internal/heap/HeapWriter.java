package dev.stasis.internal.heap;

import java.io.IOException;
import java.io.OutputStream;

/** Writes the object graph reachable from a checkpoint's roots. (Contract stub; see HeapReader.) */
public final class HeapWriter {

    public HeapWriter(ClassLoader applicationLoader) {
    }

    /**
     * Writes one graph holding every root (identity, sharing and cycles kept) to {@code out}, which
     * it does not close. Throws {@link UncheckpointableObjectException} naming the path from a root
     * to an object that cannot be checkpointed.
     */
    public HeapStats write(Object[] roots, OutputStream out) throws IOException {
        throw new UnsupportedOperationException("heap writer not implemented yet");
    }
}

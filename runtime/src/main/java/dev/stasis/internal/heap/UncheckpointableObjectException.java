package dev.stasis.internal.heap;

/** An object in the graph cannot be checkpointed; the message names it and its path from a root. */
public final class UncheckpointableObjectException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int root;

    public UncheckpointableObjectException(String message) {
        this(message, -1);
    }

    public UncheckpointableObjectException(String message, int root) {
        super(message);
        this.root = root;
    }

    /** The index of the root the object was reached from, or -1 when not known. */
    public int root() {
        return root;
    }
}

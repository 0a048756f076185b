package dev.stasis.internal.heap;

/** An object in the graph cannot be checkpointed; the message names it and its path from a root. */
public final class UncheckpointableObjectException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UncheckpointableObjectException(String message) {
        super(message);
    }
}

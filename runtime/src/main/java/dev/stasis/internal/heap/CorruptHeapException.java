package dev.stasis.internal.heap;

import java.io.IOException;

/** The heap section is malformed, or names a class the application does not justify. */
public final class CorruptHeapException extends IOException {
    private static final long serialVersionUID = 1L;

    public CorruptHeapException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.stasis.internal.heap;

/**
 * Thrown inside the reader when the bytes cannot be what the writer produced; {@link HeapReader}
 * turns it into a {@link CorruptHeapException}. Unchecked so that it passes through Kryo's
 * serializer interfaces.
 */
class CorruptData extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CorruptData(String message) {
        super(message, null, false, false);
    }

    CorruptData(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}

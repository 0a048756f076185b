package dev.stasis.internal.format;

/** TEMPORARY stub until the format lands. */
public final class CheckpointFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public CheckpointFileException(String message) {
        super(message);
    }
}

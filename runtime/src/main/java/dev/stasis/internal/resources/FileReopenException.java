package dev.stasis.internal.resources;

/**
 * A file that was open at the checkpoint cannot be opened again as it was: the message is the
 * one paragraph the user reads (which file, how it was open, what to do), without a stack trace.
 */
public final class FileReopenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FileReopenException(String message) {
        super(message, null, false, false);
    }

    /** The first FileReopenException in the chain of {@code t}'s causes, or null. */
    public static FileReopenException in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof FileReopenException) {
                return (FileReopenException) c;
            }
        }
        return null;
    }
}

package dev.stasis.internal.format;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint file cannot be used: missing, empty, truncated, damaged, not a checkpoint, or
 * written by a newer Stasis. The message is one paragraph that names the file, what is wrong and,
 * where there is one, what to do.
 */
public final class CheckpointFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public CheckpointFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public CheckpointFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file (or directory) the problem is about. */
    public Path file() {
        return file;
    }
}

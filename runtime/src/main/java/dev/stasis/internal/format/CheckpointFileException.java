package dev.stasis.internal.format;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint file cannot be used: missing, empty, truncated, damaged, not a checkpoint, written
 * by a newer Stasis, or not signed the way the reader's key requires; or the signing key file
 * itself cannot be used. The message is one paragraph that names the file, what is wrong and,
 * where there is one, what to do. Control characters in it (which a damaged or crafted file can
 * put into names it quotes) are escaped, so that it stays one paragraph and cannot drive a
 * terminal.
 */
public final class CheckpointFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public CheckpointFileException(Path file, String problem) {
        super(printable(file + ": " + problem));
        this.file = file;
    }

    public CheckpointFileException(Path file, String problem, Throwable cause) {
        super(printable(file + ": " + problem), cause);
        this.file = file;
    }

    private static String printable(String text) {
        StringBuilder s = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                s.append(String.format("\\u%04x", c));
            } else {
                s.appendCodePoint(c);
            }
        });
        return s.toString();
    }

    /** The file (or directory) the problem is about. */
    public Path file() {
        return file;
    }
}

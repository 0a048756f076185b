package dev.stasis.internal.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Reads a checkpoint file forward from a known offset, tracking the offset for messages, and
 * turning every end of file and I/O error into a {@link CheckpointFileException}.
 */
final class FileInput {

    private final InputStream in;
    private final Path file;
    private final long size;
    private long position;

    FileInput(InputStream in, Path file, long size, long position) {
        this.in = in;
        this.file = file;
        this.size = size;
        this.position = position;
    }

    Path file() {
        return file;
    }

    long position() {
        return position;
    }

    /** Bytes left before the trailer: no section data may extend past it. */
    long remainingBeforeTrailer() {
        return size - FileLayout.TRAILER_LENGTH - position;
    }

    void readFully(byte[] b, int off, int len) throws CheckpointFileException {
        try {
            while (len > 0) {
                int n = in.read(b, off, len);
                if (n < 0) {
                    throw damaged("it ends unexpectedly at byte " + position + " although its trailer says it is "
                            + size + " bytes long (was it changed while being read?)");
                }
                off += n;
                len -= n;
                position += n;
            }
        } catch (CheckpointFileException e) {
            throw e;
        } catch (IOException e) {
            throw new CheckpointFileException(file, "cannot be read at byte " + position + ": " + e.getMessage()
                    + ". Check that the file is readable and the disk is healthy.", e);
        }
    }

    int readInt() throws CheckpointFileException {
        byte[] b = new byte[4];
        readFully(b, 0, 4);
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    /** A "file is damaged" error naming what is wrong, with the usual advice. */
    CheckpointFileException damaged(String what) {
        return damaged(file, what);
    }

    static CheckpointFileException damaged(Path file, String what) {
        return new CheckpointFileException(file, "the checkpoint file is damaged: " + what
                + ". It cannot be used; restore from another checkpoint, or copy this one again from where it was"
                + " written.");
    }
}

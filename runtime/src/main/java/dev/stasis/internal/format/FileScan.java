package dev.stasis.internal.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * One forward pass over a checkpoint file for {@link FileStructure}'s check: reads the channel
 * into a direct buffer and checksums the bytes where they lie (CRC32C over a direct buffer is a
 * single intrinsic call), so that checking a file of hundreds of megabytes costs one copy from the
 * page cache instead of three copies through streams. Keeps the checksum of every byte consumed
 * (the whole-file checksum); chunk bodies are checked against their own checksum on the way, with
 * the same messages as {@link ChunkedInputStream}.
 */
final class FileScan {

    private static final int BUFFER = 1 << 20;

    private final FileChannel channel;
    private final Path file;
    private final long size;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
    private final CRC32C whole = new CRC32C();
    private final CRC32C chunk = new CRC32C();
    /** File offset of the next byte to consume. */
    private long position;

    FileScan(FileChannel channel, Path file, long size) {
        this.channel = channel;
        this.file = file;
        this.size = size;
        buffer.limit(0);
    }

    long position() {
        return position;
    }

    /** Bytes left before the trailer: no section data may extend past it. */
    long remainingBeforeTrailer() {
        return size - FileLayout.TRAILER_LENGTH - position;
    }

    /** The checksum of every byte consumed so far. */
    int wholeChecksum() {
        return (int) whole.getValue();
    }

    int readInt() throws CheckpointFileException {
        ensure(4);
        int v = buffer.getInt(buffer.position());
        consume(4, null);
        return v;
    }

    /** Consumes {@code length} bytes into the whole-file checksum. */
    void skip(long length) throws CheckpointFileException {
        while (length > 0) {
            int n = (int) Math.min(length, BUFFER);
            ensure(n);
            consume(n, null);
            length -= n;
        }
    }

    /**
     * Consumes one section's chunks up to its end marker, checking each chunk's length against
     * the file and its checksum; returns the body's length.
     */
    long skipSection(String section) throws CheckpointFileException {
        long bodyLength = 0;
        int chunks = 0;
        while (true) {
            long at = position;
            int n = readInt();
            if (n == 0) {
                return bodyLength;
            }
            if (n < 0 || n > FileLayout.MAX_CHUNK || n + 4L > remainingBeforeTrailer()) {
                throw damaged("chunk " + (chunks + 1) + " of section " + section + " (at byte " + at
                        + ") has an impossible length " + Integer.toUnsignedString(n));
            }
            chunk.reset();
            chunk.update(n >>> 24);
            chunk.update(n >>> 16);
            chunk.update(n >>> 8);
            chunk.update(n);
            for (int left = n; left > 0;) {
                int part = Math.min(left, BUFFER);
                ensure(part);
                consume(part, chunk);
                left -= part;
            }
            int stored = readInt();
            chunks++;
            if ((int) chunk.getValue() != stored) {
                throw damaged("checksum mismatch in section " + section + " (chunk " + chunks + " at byte " + at + ")");
            }
            bodyLength += n;
        }
    }

    CheckpointFileException damaged(String what) {
        return FileInput.damaged(file, what);
    }

    /** Makes {@code n} (at most the buffer's capacity) bytes available at the buffer's position. */
    private void ensure(int n) throws CheckpointFileException {
        if (buffer.remaining() >= n) {
            return;
        }
        buffer.compact();
        try {
            while (buffer.position() < n) {
                int read = channel.read(buffer, position + buffer.position());
                if (read < 0) {
                    throw damaged("it ends unexpectedly at byte " + (position + buffer.position())
                            + " although its trailer says it is " + size + " bytes long (was it changed while being"
                            + " read?)");
                }
            }
        } catch (CheckpointFileException e) {
            throw e;
        } catch (IOException e) {
            throw new CheckpointFileException(file, "cannot be read at byte " + position + ": " + e.getMessage()
                    + ". Check that the file is readable and the disk is healthy.", e);
        }
        buffer.flip();
    }

    /** Consumes {@code n} available bytes into the whole-file checksum, and into {@code alsoInto} when given. */
    private void consume(int n, CRC32C alsoInto) {
        int start = buffer.position();
        int limit = buffer.limit();
        int end = start + n;
        buffer.limit(end);
        whole.update(buffer);
        if (alsoInto != null) {
            buffer.position(start);
            alsoInto.update(buffer);
        }
        buffer.limit(limit);
        buffer.position(end);
        position += n;
    }
}

package dev.stasis.internal.format;

import java.io.InputStream;
import java.util.zip.CRC32C;

/**
 * Reads one section's body written by {@link ChunkedOutputStream}, checking each chunk's length
 * against the file and its CRC32C before handing out any of its bytes. Ends (returns -1) at the
 * section's end marker. Errors are {@link CheckpointFileException}s.
 */
final class ChunkedInputStream extends InputStream {

    private final FileInput in;
    private final String section;
    private byte[] buffer = new byte[FileLayout.WRITE_CHUNK];
    private int length;
    private int next;
    private int chunks;
    private long bodyLength;
    private boolean ended;

    ChunkedInputStream(FileInput in, String section) {
        this.in = in;
        this.section = section;
    }

    @Override
    public int read() throws CheckpointFileException {
        if (next == length && !nextChunk()) {
            return -1;
        }
        return buffer[next++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws CheckpointFileException {
        if (len == 0) {
            return 0;
        }
        if (next == length && !nextChunk()) {
            return -1;
        }
        int n = Math.min(len, length - next);
        System.arraycopy(buffer, next, b, off, n);
        next += n;
        return n;
    }

    @Override
    public int available() {
        return length - next;
    }

    /** Reads to the end of the section; returns the body's length. */
    long skipToEnd() throws CheckpointFileException {
        while (nextChunk()) {
            next = length;
        }
        return bodyLength;
    }

    private boolean nextChunk() throws CheckpointFileException {
        if (ended) {
            return false;
        }
        long at = in.position();
        int n = in.readInt();
        if (n == 0) {
            ended = true;
            length = 0;
            next = 0;
            return false;
        }
        if (n < 0 || n > FileLayout.MAX_CHUNK || n + 4L > in.remainingBeforeTrailer()) {
            throw in.damaged("chunk " + (chunks + 1) + " of section " + section + " (at byte " + at
                    + ") has an impossible length " + Integer.toUnsignedString(n));
        }
        if (buffer.length < n) {
            buffer = new byte[n];
        }
        in.readFully(buffer, 0, n);
        int stored = in.readInt();
        CRC32C crc = new CRC32C();
        crc.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        crc.update(buffer, 0, n);
        chunks++;
        if ((int) crc.getValue() != stored) {
            throw in.damaged("checksum mismatch in section " + section + " (chunk " + chunks + " at byte " + at + ")");
        }
        bodyLength += n;
        length = n;
        next = 0;
        return true;
    }
}

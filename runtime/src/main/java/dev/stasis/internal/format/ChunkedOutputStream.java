package dev.stasis.internal.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/**
 * Writes one section's body as chunks: u32 length, the bytes, u32 CRC32C of length and bytes; a
 * zero length ends the section. Only one chunk is ever held in memory, however large the body.
 * Closing finishes the section but leaves the underlying stream open.
 */
final class ChunkedOutputStream extends OutputStream {

    private final OutputStream out;
    private final byte[] buffer = new byte[FileLayout.WRITE_CHUNK];
    private final byte[] word = new byte[4];
    private int filled;
    private boolean finished;

    ChunkedOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        if (filled == buffer.length) {
            emit();
        }
        buffer[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (filled == buffer.length) {
                emit();
            }
            int n = Math.min(len, buffer.length - filled);
            System.arraycopy(b, off, buffer, filled, n);
            filled += n;
            off += n;
            len -= n;
        }
    }

    /** Chunks are emitted when full; flushing the section early would only add chunk overhead. */
    @Override
    public void flush() {
    }

    /** Writes the pending chunk and the end marker. */
    @Override
    public void close() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        emit();
        putInt(0);
        out.write(word);
    }

    private void emit() throws IOException {
        if (filled == 0) {
            return;
        }
        putInt(filled);
        CRC32C crc = new CRC32C();
        crc.update(word);
        crc.update(buffer, 0, filled);
        out.write(word);
        out.write(buffer, 0, filled);
        putInt((int) crc.getValue());
        out.write(word);
        filled = 0;
    }

    private void putInt(int v) {
        word[0] = (byte) (v >>> 24);
        word[1] = (byte) (v >>> 16);
        word[2] = (byte) (v >>> 8);
        word[3] = (byte) v;
    }
}

package dev.stasis.internal.format;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Gathers what is written into blocks of a fixed size and hands each full block on, and the last,
 * partial one when closed: the part the section's chunk stream and its compression stream share,
 * each framing a block its own way. Only one block is held, however much is written. A block is
 * never emitted early: a short chunk costs framing, a short compressed block costs ratio.
 */
abstract class BlockOutputStream extends OutputStream {

    private final byte[] block;
    private int filled;
    private boolean closed;

    BlockOutputStream(int blockSize) {
        this.block = new byte[blockSize];
    }

    /** Frames and writes one block: {@code length} bytes of {@code block}, never none. */
    abstract void emit(byte[] block, int length) throws IOException;

    /** What closing adds after the last block. */
    abstract void finish() throws IOException;

    @Override
    public final void write(int b) throws IOException {
        if (filled == block.length) {
            emitFilled();
        }
        block[filled++] = (byte) b;
    }

    @Override
    public final void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (filled == block.length) {
                emitFilled();
            }
            int n = Math.min(len, block.length - filled);
            System.arraycopy(b, off, block, filled, n);
            filled += n;
            off += n;
            len -= n;
        }
    }

    /** Nothing: blocks leave when full or at {@link #close}. */
    @Override
    public final void flush() {
    }

    @Override
    public final void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        emitFilled();
        finish();
    }

    private void emitFilled() throws IOException {
        if (filled > 0) {
            emit(block, filled);
            filled = 0;
        }
    }

    /** Stores {@code v} big-endian (the file's byte order) at {@code at}. */
    static void putInt(byte[] to, int at, int v) {
        to[at] = (byte) (v >>> 24);
        to[at + 1] = (byte) (v >>> 16);
        to[at + 2] = (byte) (v >>> 8);
        to[at + 3] = (byte) v;
    }
}

package dev.stasis.internal.format;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Compresses a heap section's body in independent blocks of at most {@link FileLayout#COMPRESSED_BLOCK}
 * bytes: u32 length before compression, u32 length after, the compressed bytes. Blocks keep the
 * memory a checkpoint needs bounded (one block in, one block out) however large the heap, and let
 * a reader check each length before it allocates anything. Closing writes the last block and
 * closes the stream underneath (the section's chunk stream, which leaves the file open).
 */
final class CompressedOutputStream extends OutputStream {

    private final OutputStream out;
    private final BlockCodec codec;
    private final byte[] block = new byte[FileLayout.COMPRESSED_BLOCK];
    private final byte[] compressed;
    private final byte[] header = new byte[8];
    private int filled;
    private boolean closed;

    CompressedOutputStream(OutputStream out, Compression compression) {
        this.out = out;
        this.codec = compression.newCodec();
        this.compressed = new byte[codec.maxCompressedLength(FileLayout.COMPRESSED_BLOCK)];
    }

    @Override
    public void write(int b) throws IOException {
        if (filled == block.length) {
            emit();
        }
        block[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (filled == block.length) {
                emit();
            }
            int n = Math.min(len, block.length - filled);
            System.arraycopy(b, off, block, filled, n);
            filled += n;
            off += n;
            len -= n;
        }
    }

    /** Blocks are emitted when full: compressing partial blocks would only cost ratio. */
    @Override
    public void flush() {
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        emit();
        out.close();
    }

    private void emit() throws IOException {
        if (filled == 0) {
            return;
        }
        int n = codec.compress(block, filled, compressed);
        putInt(0, filled);
        putInt(4, n);
        out.write(header);
        out.write(compressed, 0, n);
        filled = 0;
    }

    private void putInt(int at, int v) {
        header[at] = (byte) (v >>> 24);
        header[at + 1] = (byte) (v >>> 16);
        header[at + 2] = (byte) (v >>> 8);
        header[at + 3] = (byte) v;
    }
}

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
final class CompressedOutputStream extends BlockOutputStream {

    private final OutputStream out;
    private final BlockCodec codec;
    private final byte[] compressed;
    private final byte[] header = new byte[8];

    CompressedOutputStream(OutputStream out, Compression compression) {
        super(FileLayout.COMPRESSED_BLOCK);
        this.out = out;
        this.codec = compression.newCodec();
        this.compressed = new byte[codec.maxCompressedLength(FileLayout.COMPRESSED_BLOCK)];
    }

    @Override
    void emit(byte[] block, int length) throws IOException {
        int n = codec.compress(block, length, compressed);
        putInt(header, 0, length);
        putInt(header, 4, n);
        out.write(header);
        out.write(compressed, 0, n);
    }

    @Override
    void finish() throws IOException {
        out.close();
    }
}

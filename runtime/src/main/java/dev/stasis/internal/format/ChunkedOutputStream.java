package dev.stasis.internal.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/**
 * Writes one section's body as chunks: u32 length, the bytes, u32 CRC32C of length and bytes; a
 * zero length ends the section. Only one chunk is ever held in memory, however large the body.
 * Closing finishes the section but leaves the underlying stream open.
 */
final class ChunkedOutputStream extends BlockOutputStream {

    private final OutputStream out;
    private final byte[] word = new byte[4];

    ChunkedOutputStream(OutputStream out) {
        super(FileLayout.WRITE_CHUNK);
        this.out = out;
    }

    @Override
    void emit(byte[] chunk, int length) throws IOException {
        putInt(word, 0, length);
        CRC32C crc = new CRC32C();
        crc.update(word);
        crc.update(chunk, 0, length);
        out.write(word);
        out.write(chunk, 0, length);
        putInt(word, 0, (int) crc.getValue());
        out.write(word);
    }

    /** The end marker. */
    @Override
    void finish() throws IOException {
        putInt(word, 0, 0);
        out.write(word);
    }
}

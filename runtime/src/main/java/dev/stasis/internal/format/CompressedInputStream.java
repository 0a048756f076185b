package dev.stasis.internal.format;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.DataFormatException;

/**
 * Reads a heap section body written by {@link CompressedOutputStream}. Every block's two lengths are
 * checked before anything is allocated or decompressed, and a block must decompress to exactly the
 * length it announced; anything else is a damaged file ({@link CheckpointFileException}), never a
 * codec's exception or an allocation the file asked for.
 */
final class CompressedInputStream extends InputStream {

    private final InputStream in;
    private final FileInput file;
    private final BlockCodec codec;
    private final byte[] header = new byte[8];
    private final byte[] compressed;
    private final byte[] block = new byte[FileLayout.COMPRESSED_BLOCK];
    private final int maxStored;
    private int length;
    private int next;
    private int blocks;
    private long total;

    /** {@code in}: the section's chunk stream; {@code file}: the file under it, for positions and errors. */
    CompressedInputStream(InputStream in, FileInput file, Compression compression) {
        this.in = in;
        this.file = file;
        this.codec = compression.newCodec();
        this.maxStored = codec.maxCompressedLength(FileLayout.COMPRESSED_BLOCK);
        this.compressed = new byte[maxStored];
    }

    @Override
    public int read() throws IOException {
        if (next == length && !nextBlock()) {
            return -1;
        }
        return block[next++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (next == length && !nextBlock()) {
            return -1;
        }
        int n = Math.min(len, length - next);
        System.arraycopy(block, next, b, off, n);
        next += n;
        return n;
    }

    @Override
    public int available() {
        return length - next;
    }

    /** Reads every block header, decompressing nothing; returns the body's length before compression. */
    long uncompressedLength() throws IOException {
        while (readHeader()) {
            int stored = storedLength();
            readFully(compressed, stored);
            total += rawLength();
        }
        return total;
    }

    private boolean nextBlock() throws IOException {
        if (!readHeader()) {
            return false;
        }
        int raw = rawLength();
        int stored = storedLength();
        readFully(compressed, stored);
        int n;
        try {
            n = codec.decompress(compressed, stored, block, raw);
        } catch (DataFormatException e) {
            throw file.damaged("compressed heap block " + blocks + " cannot be decompressed (" + e.getMessage() + ")");
        }
        if (n != raw) {
            throw file.damaged("compressed heap block " + blocks + " decompresses to " + n + " bytes where it announced "
                    + raw);
        }
        length = raw;
        next = 0;
        return true;
    }

    /** Reads the next block's lengths; false at the end of the section. */
    private boolean readHeader() throws IOException {
        int got = 0;
        while (got < header.length) {
            int n = in.read(header, got, header.length - got);
            if (n < 0) {
                if (got == 0) {
                    return false;
                }
                throw file.damaged("the compressed heap ends inside the header of block " + (blocks + 1));
            }
            got += n;
        }
        blocks++;
        int raw = rawLength();
        int stored = storedLength();
        if (raw <= 0 || raw > FileLayout.COMPRESSED_BLOCK || stored <= 0 || stored > maxStored) {
            throw file.damaged("compressed heap block " + blocks + " has impossible lengths ("
                    + Integer.toUnsignedString(raw) + " bytes from " + Integer.toUnsignedString(stored) + ")");
        }
        return true;
    }

    private void readFully(byte[] into, int len) throws IOException {
        int got = 0;
        while (got < len) {
            int n = in.read(into, got, len - got);
            if (n < 0) {
                throw file.damaged("the compressed heap ends inside block " + blocks);
            }
            got += n;
        }
    }

    private int rawLength() {
        return intAt(0);
    }

    private int storedLength() {
        return intAt(4);
    }

    private int intAt(int at) {
        return (header[at] & 0xFF) << 24 | (header[at + 1] & 0xFF) << 16 | (header[at + 2] & 0xFF) << 8
                | (header[at + 3] & 0xFF);
    }
}

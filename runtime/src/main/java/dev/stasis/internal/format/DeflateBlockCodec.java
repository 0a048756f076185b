package dev.stasis.internal.format;

import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Each block one zlib stream (DEFLATE with its header and Adler-32 check) by java.util.zip, which
 * every JVM has on every CPU. Smaller than LZ4 and slower. A Deflater or Inflater lives for one
 * block and is ended at once: their memory is native, and a block is large enough (up to
 * {@link FileLayout#COMPRESSED_BLOCK}) that setting one up costs little beside the work.
 */
final class DeflateBlockCodec implements BlockCodec {

    /** zlib's compressBound(): stored blocks in the worst case, plus the zlib header and check. */
    @Override
    public int maxCompressedLength(int length) {
        return length + (length >>> 12) + (length >>> 14) + (length >>> 25) + 13;
    }

    @Override
    public int compress(byte[] src, int length, byte[] dest) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(src, 0, length);
            deflater.finish();
            int n = 0;
            while (!deflater.finished()) {
                if (n == dest.length) {
                    throw new IllegalStateException("DEFLATE output exceeds its bound of " + dest.length + " bytes");
                }
                n += deflater.deflate(dest, n, dest.length - n);
            }
            return n;
        } finally {
            deflater.end();
        }
    }

    @Override
    public int decompress(byte[] src, int length, byte[] dest, int maxLength) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(src, 0, length);
            int n = 0;
            while (!inflater.finished()) {
                if (n == maxLength) {
                    throw new DataFormatException("the block decompresses to more than " + maxLength + " bytes");
                }
                int got = inflater.inflate(dest, n, maxLength - n);
                if (got == 0 && !inflater.finished()) {
                    // zlib stops short of the end with room to write only when it lacks input (a
                    // truncated stream) or wants a preset dictionary, which Stasis never uses.
                    throw new DataFormatException(inflater.needsDictionary() ? "the block asks for a preset dictionary"
                            : "the block ends before its DEFLATE stream does");
                }
                n += got;
            }
            if (inflater.getRemaining() > 0) {
                throw new DataFormatException(inflater.getRemaining() + " bytes follow the block's DEFLATE stream");
            }
            return n;
        } finally {
            inflater.end();
        }
    }
}

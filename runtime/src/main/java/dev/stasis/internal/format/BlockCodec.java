package dev.stasis.internal.format;

import java.util.zip.DataFormatException;

/**
 * One compression codec, seen block by block: {@link CompressedOutputStream} and
 * {@link CompressedInputStream} do the framing, a codec only turns one block's bytes into other
 * bytes and back. Codecs must be pure Java and independent of the CPU's byte order, so that a
 * checkpoint written on one machine restores on any other.
 */
interface BlockCodec {

    /** The most bytes {@link #compress} can produce from {@code length} bytes. */
    int maxCompressedLength(int length);

    /** Compresses {@code src[0, length)} into {@code dest}, which holds {@link #maxCompressedLength}; returns the bytes written. */
    int compress(byte[] src, int length, byte[] dest);

    /**
     * Decompresses all of {@code src[0, length)} into {@code dest[0, maxLength)}; returns the bytes written.
     *
     * @throws DataFormatException when the input is not one complete, intact block of this codec or
     *     would decompress to more than {@code maxLength} bytes
     */
    int decompress(byte[] src, int length, byte[] dest, int maxLength) throws DataFormatException;
}

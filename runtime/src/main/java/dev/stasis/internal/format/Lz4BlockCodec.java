package dev.stasis.internal.format;

import java.util.zip.DataFormatException;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Raw LZ4 blocks (no frame), by lz4-java's safe pure-Java implementation: it works on every CPU
 * and JVM because it touches neither sun.misc.Unsafe nor a native library (which the agent jar's
 * relocation would break anyway), and reads bytes one by one, whatever the CPU's byte order. Its
 * output is the standard LZ4 block format, which files written with earlier codecs also use.
 */
final class Lz4BlockCodec implements BlockCodec {

    private static final LZ4Factory SAFE = LZ4Factory.safeInstance();

    private final LZ4Compressor compressor = SAFE.fastCompressor();
    private final LZ4SafeDecompressor decompressor = SAFE.safeDecompressor();

    @Override
    public int maxCompressedLength(int length) {
        return compressor.maxCompressedLength(length);
    }

    @Override
    public int compress(byte[] src, int length, byte[] dest) {
        return compressor.compress(src, 0, length, dest, 0, dest.length);
    }

    @Override
    public int decompress(byte[] src, int length, byte[] dest, int maxLength) throws DataFormatException {
        try {
            return decompressor.decompress(src, 0, length, dest, 0, maxLength);
        } catch (RuntimeException e) {
            // LZ4Exception for malformed input; index errors would mean the same to a user.
            DataFormatException malformed = new DataFormatException(String.valueOf(e.getMessage()));
            malformed.initCause(e);
            throw malformed;
        }
    }
}

package dev.stasis.internal.format;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.zip.CRC32C;
import javax.crypto.Mac;

/**
 * The optional signature of a checkpoint: a {@code sign} section right before the trailer holding
 * an HMAC-SHA256, keyed with the {@link CheckpointKey}, of every byte before that section (layout in
 * docs/FORMAT.md). It sits at a fixed distance from the end of the file so that a reader finds and
 * checks it before it interprets any section: a file that is not what the key holder wrote is
 * refused before a single length in it is believed.
 */
final class FileSignature {

    static final int TAG = FileLayout.tagValue("sign");

    /** Tag, chunk length, the HMAC, chunk CRC, end marker. */
    static final int SECTION_LENGTH = 4 + 4 + CheckpointKey.SIGNATURE_LENGTH + 4 + 4;

    private FileSignature() {
    }

    /**
     * The offset of the signature section of a file of {@code size} bytes, or -1 when it has none.
     * A file has one when a well-formed {@code sign} section (tag, one chunk of 32 bytes with a
     * matching CRC, end marker) ends where the trailer starts.
     */
    static long find(FileChannel channel, long size, long preambleLength) throws IOException {
        long at = size - FileLayout.TRAILER_LENGTH - SECTION_LENGTH;
        if (at < preambleLength) {
            return -1;
        }
        ByteBuffer b = section(channel, at);
        if (b.getInt(0) != TAG || b.getInt(4) != CheckpointKey.SIGNATURE_LENGTH || b.getInt(SECTION_LENGTH - 4) != 0) {
            return -1;
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 4, 4 + CheckpointKey.SIGNATURE_LENGTH);
        return (int) crc.getValue() == b.getInt(SECTION_LENGTH - 8) ? at : -1;
    }

    /**
     * Checks that the file carries a signature if and only if a key is given, and that the
     * signature is the key's HMAC of every byte before it. Returns the signature section's offset
     * (-1 for an unsigned file read without a key).
     */
    static long check(FileChannel channel, Path file, long size, long preambleLength, CheckpointKey key)
            throws IOException {
        long at = find(channel, size, preambleLength);
        if (key == null) {
            if (at >= 0) {
                throw new CheckpointFileException(file, "this checkpoint is signed; give the key with key=FILE (the"
                        + " agent option, or -Dstasis.key / STASIS_KEY) or --key FILE (restore, verify, inspect)."
                        + " A signed checkpoint is not read without its key, so that a changed file cannot pass"
                        + " for it.");
            }
            return -1;
        }
        if (at < 0) {
            throw new CheckpointFileException(file, "the checkpoint is not signed, but a signing key was given ("
                    + key.file() + "): it was written without key=, or its signature was removed. It is refused"
                    + " unread because nothing shows that the holder of the key wrote it. Use a checkpoint written"
                    + " with key=, or read this one without a key only if you trust where it came from.");
        }
        byte[] stored = new byte[CheckpointKey.SIGNATURE_LENGTH];
        section(channel, at).get(8, stored);
        if (!MessageDigest.isEqual(stored, hmac(channel, at, key.newMac()))) {
            throw new CheckpointFileException(file, "the checkpoint's signature does not match the signing key "
                    + key.file() + ": the file was changed after it was written, or it was signed with another key."
                    + " It is refused unread. Give the key it was written with, or use a checkpoint you trust.");
        }
        return at;
    }

    /** The HMAC of the first {@code length} bytes of the file. */
    private static byte[] hmac(FileChannel channel, long length, Mac mac) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        long position = 0;
        while (position < length) {
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), length - position));
            int n = channel.read(buffer, position);
            if (n < 0) {
                throw new EOFException("end of file at " + position);
            }
            buffer.flip();
            mac.update(buffer);
            position += n;
        }
        return mac.doFinal();
    }

    private static ByteBuffer section(FileChannel channel, long at) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(SECTION_LENGTH);
        FileStructure.readAt(channel, b, at);
        return b;
    }
}

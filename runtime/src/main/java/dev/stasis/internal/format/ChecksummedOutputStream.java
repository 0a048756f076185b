package dev.stasis.internal.format;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32C;
import javax.crypto.Mac;

/**
 * Counts and checksums every byte written through it, for the file trailer; with a key, also
 * authenticates every byte until {@link #signature()} is taken.
 */
final class ChecksummedOutputStream extends FilterOutputStream {

    private final CRC32C crc = new CRC32C();
    private Mac mac;
    private long count;

    ChecksummedOutputStream(OutputStream out) {
        this(out, null);
    }

    /** {@code mac}: the HMAC computation of a signed file, or null. */
    ChecksummedOutputStream(OutputStream out, Mac mac) {
        super(out);
        this.mac = mac;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        crc.update(b);
        if (mac != null) {
            mac.update((byte) b);
        }
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        crc.update(b, off, len);
        if (mac != null) {
            mac.update(b, off, len);
        }
        count += len;
    }

    long count() {
        return count;
    }

    /** Whether the bytes are being authenticated, for a signed file. */
    boolean signs() {
        return mac != null;
    }

    /** The HMAC of every byte written so far; what follows is no longer authenticated. */
    byte[] signature() {
        byte[] signature = mac.doFinal();
        mac = null;
        return signature;
    }

    int crc() {
        return (int) crc.getValue();
    }
}

package dev.stasis.internal.format;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/** Counts and checksums every byte written through it, for the file trailer. */
final class ChecksummedOutputStream extends FilterOutputStream {

    private final CRC32C crc = new CRC32C();
    private long count;

    ChecksummedOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        crc.update(b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        crc.update(b, off, len);
        count += len;
    }

    long count() {
        return count;
    }

    int crc() {
        return (int) crc.getValue();
    }
}

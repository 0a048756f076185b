package dev.stasis.internal.format;

import java.io.InputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link MetadataOutput} wrote from one section whose length is known, refusing any
 * count or length that the rest of the section cannot hold. So a hostile file with valid
 * checksums still cannot make the reader allocate more than the file's size.
 */
final class MetadataInput {

    private final InputStream in;
    private final FileInput file;
    private final String section;
    private long remaining;

    MetadataInput(InputStream in, FileInput file, String section, long length) {
        this.in = in;
        this.file = file;
        this.section = section;
        this.remaining = length;
    }

    int u8() throws CheckpointFileException {
        return bytes(1)[0] & 0xFF;
    }

    boolean bool() throws CheckpointFileException {
        int v = u8();
        if (v > 1) {
            throw malformed("a boolean is " + v);
        }
        return v == 1;
    }

    int i32() throws CheckpointFileException {
        byte[] b = bytes(4);
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    long i64() throws CheckpointFileException {
        return (long) i32() << 32 | (i32() & 0xFFFFFFFFL);
    }

    /** A count of items each at least {@code minItemBytes} long; -1 for null when allowed. */
    int count(int minItemBytes, boolean nullable) throws CheckpointFileException {
        int n = i32();
        if (n == FileLayout.NULL_LENGTH && nullable) {
            return n;
        }
        if (n < 0 || (long) n * minItemBytes > remaining) {
            throw malformed("a count of " + Integer.toUnsignedString(n) + " items does not fit in the "
                    + remaining + " bytes left");
        }
        return n;
    }

    String string() throws CheckpointFileException {
        int n = count(1, true);
        return n == FileLayout.NULL_LENGTH ? null : new String(bytes(n), StandardCharsets.UTF_8);
    }

    /** A string the format does not allow to be null (a name or key), {@code what} naming it. */
    String required(String what) throws CheckpointFileException {
        String s = string();
        if (s == null) {
            throw malformed(what + " is missing (null)");
        }
        return s;
    }

    byte[] byteArray() throws CheckpointFileException {
        return bytes(count(1, false));
    }

    String[] strings() throws CheckpointFileException {
        int n = count(4, true);
        if (n == FileLayout.NULL_LENGTH) {
            return null;
        }
        String[] a = new String[n];
        for (int k = 0; k < n; k++) {
            a[k] = string();
        }
        return a;
    }

    int[] ints() throws CheckpointFileException {
        int n = count(4, true);
        if (n == FileLayout.NULL_LENGTH) {
            return null;
        }
        int[] a = new int[n];
        for (int k = 0; k < n; k++) {
            a[k] = i32();
        }
        return a;
    }

    long[] longs() throws CheckpointFileException {
        long[] a = new long[count(8, false)];
        for (int k = 0; k < a.length; k++) {
            a[k] = i64();
        }
        return a;
    }

    /** Fails unless the whole section was read: leftover bytes mean writer and reader disagree. */
    void expectEnd() throws CheckpointFileException {
        if (remaining != 0) {
            throw malformed(remaining + " bytes are left over at its end");
        }
    }

    CheckpointFileException malformed(String what) {
        return FileInput.damaged(file.file(), "section " + section + " is malformed (" + what
                + ") although its checksums are right, so it was written wrongly or on purpose");
    }

    private byte[] bytes(int n) throws CheckpointFileException {
        if (n > remaining) {
            throw malformed("it ends in the middle of a value");
        }
        byte[] b = new byte[n];
        int off = 0;
        try {
            while (off < n) {
                int r = in.read(b, off, n - off);
                if (r < 0) {
                    throw malformed("it ends in the middle of a value");
                }
                off += r;
            }
        } catch (CheckpointFileException e) {
            throw e;
        } catch (IOException e) {
            throw new CheckpointFileException(file.file(), "cannot be read: " + e.getMessage(), e);
        }
        remaining -= n;
        return b;
    }
}

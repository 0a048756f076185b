package dev.stasis.internal.format;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes the values of the metadata sections: big-endian numbers, length-prefixed UTF-8 strings. */
final class MetadataOutput {

    private final DataOutputStream out;

    MetadataOutput(OutputStream out) {
        this.out = new DataOutputStream(out);
    }

    void u8(int v) throws IOException {
        out.writeByte(v);
    }

    void i32(int v) throws IOException {
        out.writeInt(v);
    }

    void i64(long v) throws IOException {
        out.writeLong(v);
    }

    /** u32 byte length (0xFFFFFFFF for null), then UTF-8; unpaired surrogates become '?'. */
    void string(String s) throws IOException {
        if (s == null) {
            out.writeInt(FileLayout.NULL_LENGTH);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /** u32 count (0xFFFFFFFF for null), then that many strings. */
    void bytes(byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    void strings(String[] a) throws IOException {
        if (a == null) {
            out.writeInt(FileLayout.NULL_LENGTH);
            return;
        }
        out.writeInt(a.length);
        for (String s : a) {
            string(s);
        }
    }

    /** u32 count (0xFFFFFFFF for null), then that many i32. */
    void ints(int[] a) throws IOException {
        if (a == null) {
            out.writeInt(FileLayout.NULL_LENGTH);
            return;
        }
        out.writeInt(a.length);
        for (int v : a) {
            out.writeInt(v);
        }
    }

    /** u32 count, then that many i64. */
    void longs(long[] a) throws IOException {
        out.writeInt(a.length);
        for (long v : a) {
            out.writeLong(v);
        }
    }

    void flush() throws IOException {
        out.flush();
    }
}

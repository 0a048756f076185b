package dev.stasis.internal.heap;

import com.esotericsoftware.kryo.io.Input;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Kryo's byte-order-fixed {@link Input} with the heap's string encoding. Every length it reads is
 * checked against {@link ReadLimits} before anything is allocated, so a forged length ends in
 * {@link CorruptData}, never in an OutOfMemoryError. Kryo's own string format is never used here;
 * {@link #readString()} refuses so that no unchecked path can slip in.
 */
final class HeapInput extends Input {

    final ReadLimits limits;

    HeapInput(InputStream in, ReadLimits limits) {
        super(in, HeapOutput.BUFFER);
        this.limits = limits;
        limits.attach(this);
    }

    String readHeapString() {
        long header = readVarLong(true);
        if (header < 0 || (header >>> 1) > Integer.MAX_VALUE) {
            throw new CorruptData("string length out of range");
        }
        int n = (int) (header >>> 1);
        if ((header & 1) == 0) {
            limits.claim(n, 1, 1);
            byte[] b = new byte[n];
            readBytes(b, 0, n);
            return new String(b, StandardCharsets.ISO_8859_1);
        }
        limits.claim(n, 2, 2);
        byte[] b = new byte[n * 2];
        readBytes(b, 0, b.length);
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = (char) (((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF));
        }
        return new String(c);
    }

    /** Reads the length of a primitive array (or similar) of items of {@code bytes} bytes, checked against the input. */
    int readCount(int bytes) {
        int n = readVarInt(true);
        if (n < 0) {
            throw new CorruptData("negative length");
        }
        limits.claim(n, bytes, bytes);
        return n;
    }

    /** Reads the length of an array of references about to be allocated, checked against the input. */
    int readSlots() {
        int n = readVarInt(true);
        if (n < 0) {
            throw new CorruptData("negative length");
        }
        limits.claim(n, 1, 8);
        return n;
    }

    @Override
    public String readString() {
        throw new CorruptData("unexpected Kryo string in a heap section");
    }

    @Override
    public StringBuilder readStringBuilder() {
        throw new CorruptData("unexpected Kryo string in a heap section");
    }
}

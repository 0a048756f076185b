package dev.stasis.internal.heap;

import com.esotericsoftware.kryo.io.Output;
import java.io.OutputStream;

/**
 * Kryo's byte-order-fixed {@link Output} over a stream, with the string encoding the heap uses
 * (see {@link HeapStrings}): Latin-1 strings as one byte per char copied straight into the
 * buffer, the rest as big-endian UTF-16 units.
 */
final class HeapOutput extends Output {

    static final int BUFFER = 64 * 1024;

    HeapOutput(OutputStream out) {
        super(out, BUFFER);
    }

    void writeHeapString(String s) {
        int n = s.length();
        boolean latin1 = true;
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) > 0xFF) {
                latin1 = false;
                break;
            }
        }
        writeVarLong(((long) n << 1) | (latin1 ? 0 : 1), true);
        int i = 0;
        if (latin1) {
            while (i < n) {
                int chunk = Math.min(n - i, capacity);
                require(chunk);
                byte[] b = buffer;
                int p = position;
                for (int end = i + chunk; i < end; i++) {
                    b[p++] = (byte) s.charAt(i);
                }
                position = p;
            }
        } else {
            while (i < n) {
                int chunk = Math.min(n - i, capacity / 2);
                require(chunk * 2);
                byte[] b = buffer;
                int p = position;
                for (int end = i + chunk; i < end; i++) {
                    char c = s.charAt(i);
                    b[p++] = (byte) (c >>> 8);
                    b[p++] = (byte) c;
                }
                position = p;
            }
        }
    }
}

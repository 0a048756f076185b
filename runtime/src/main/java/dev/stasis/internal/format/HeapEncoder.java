package dev.stasis.internal.format;

import dev.stasis.internal.heap.HeapStats;
import dev.stasis.internal.heap.HeapWriter;
import java.io.IOException;
import java.io.OutputStream;

/** Writes the heap section's bytes; {@link HeapWriter} in production, a stand-in in format tests. */
@FunctionalInterface
interface HeapEncoder {

    HeapStats write(Object[] roots, OutputStream out) throws IOException;

    static HeapEncoder of(HeapWriter writer) {
        return writer::write;
    }
}

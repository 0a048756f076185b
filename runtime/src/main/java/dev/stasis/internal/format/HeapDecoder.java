package dev.stasis.internal.format;

import dev.stasis.internal.heap.HeapReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Reads the heap section's bytes; {@link HeapReader} in production, a stand-in in format tests. */
public interface HeapDecoder {

    /** The roots, in the order they were written, from the {@code length} bytes of the heap section. */
    Object[] read(InputStream in, long length) throws IOException;

    /** How many objects the heap section holds, by the file's summary: a hint for sizing tables. */
    default void expectObjects(long objects) {
    }

    /**
     * Completes what reading deferred (hash- and order-based collections, whose keys' hashCode or
     * compareTo may read static fields); call once the static fields are set.
     */
    void completeDeferred();

    /** The ThreadLocal values of the captured thread at {@code thread} in the thread list, as {ThreadLocal, value}. */
    default List<Object[]> threadLocalValues(int thread) {
        return List.of();
    }

    /** The locks {@code owner} held at the checkpoint, as {Lock, Integer hold count}. */
    default List<Object[]> locksHeldBy(Thread owner) {
        return List.of();
    }

    static HeapDecoder of(HeapReader reader) {
        return new HeapDecoder() {
            @Override
            public Object[] read(InputStream in, long length) throws IOException {
                return reader.read(in, length);
            }

            @Override
            public void expectObjects(long objects) {
                reader.expectObjects(objects);
            }

            @Override
            public void completeDeferred() {
                reader.completeDeferred();
            }

            @Override
            public List<Object[]> threadLocalValues(int thread) {
                return reader.threadLocalValues(thread);
            }

            @Override
            public List<Object[]> locksHeldBy(Thread owner) {
                return reader.locksHeldBy(owner);
            }
        };
    }
}

package dev.stasis.internal.heap;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Predicate;

/** Test helper: write roots, read them back (with the deferred fills completed). */
final class RoundTrip {

    static final Predicate<String> TEST_CLASSES = name -> name.startsWith("dev.stasis.internal.heap.");

    private RoundTrip() {
    }

    static byte[] write(Object... roots) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new HeapWriter(RoundTrip.class.getClassLoader()).write(roots, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Object[] read(byte[] heap) throws IOException {
        HeapReader reader = new HeapReader(RoundTrip.class.getClassLoader(), TEST_CLASSES);
        Object[] roots = reader.read(new ByteArrayInputStream(heap), heap.length);
        reader.completeDeferred();
        return roots;
    }

    static Object[] copy(Object... roots) {
        try {
            return read(write(roots));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T copyOf(T root) {
        return (T) copy(root)[0];
    }
}

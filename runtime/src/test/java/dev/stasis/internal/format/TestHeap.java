package dev.stasis.internal.format;

import dev.stasis.internal.heap.HeapStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stand-in for the Kryo heap (Java serialization of the roots), so the file format can be tested
 * on its own; the histogram counts each root value's class, 16 bytes per object, and root values
 * that are classes are listed with their identity hash codes.
 */
final class TestHeap implements HeapEncoder, HeapDecoder {

    boolean completed;

    @Override
    public HeapStats write(Object[] roots, OutputStream out) throws IOException {
        ObjectOutputStream o = new ObjectOutputStream(out);
        o.writeObject(roots);
        o.flush();
        Map<String, long[]> histogram = new TreeMap<>();
        Map<String, Integer> classes = new LinkedHashMap<>();
        long objects = 0;
        for (Object root : roots) {
            for (Object v : (Object[]) root) {
                if (v != null) {
                    long[] h = histogram.computeIfAbsent(v.getClass().getName(), k -> new long[2]);
                    h[0]++;
                    h[1] += 16;
                    objects++;
                    if (v instanceof Class) {
                        classes.putIfAbsent(((Class<?>) v).getName(), System.identityHashCode(v));
                    }
                }
            }
        }
        return new HeapStats(histogram, objects, objects * 16, classes);
    }

    @Override
    public Object[] read(InputStream in, long length) throws IOException {
        try {
            return (Object[]) new ObjectInputStream(in).readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void completeDeferred() {
        completed = true;
    }
}

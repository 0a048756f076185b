package dev.stasis.internal.heap;

import java.lang.reflect.Array;

/**
 * Arrays: primitive arrays as a length and fixed-width big-endian elements; object arrays as
 * their component type (by name), length and elements, each part of the graph. Lengths are
 * checked against the input before the array is allocated.
 */
final class ArraySerializers {

    /** Elements whose reference-table slots are fetched ahead of writing them (see {@link IdentityReferences#prefetch}). */
    private static final int PREFETCH = IdentityReferences.PREFETCH;

    private ArraySerializers() {
    }

    static HeapSerializer<boolean[]> booleans() {
        return HeapSerializer.of((k, out, a) -> {
            out.writeVarInt(a.length, true);
            out.writeBooleans(a, 0, a.length);
        }, (k, in) -> in.readBooleans(in.readCount(1)));
    }

    static HeapSerializer<byte[]> bytes() {
        return HeapSerializer.of((k, out, a) -> {
            out.writeVarInt(a.length, true);
            out.writeBytes(a);
        }, (k, in) -> in.readBytes(in.readCount(1)));
    }

    static HeapSerializer<char[]> chars() {
        return HeapSerializer.of((k, out, a) -> {
            out.writeVarInt(a.length, true);
            out.writeChars(a, 0, a.length);
        }, (k, in) -> in.readChars(in.readCount(2)));
    }

    static HeapSerializer<short[]> shorts() {
        return HeapSerializer.of((k, out, a) -> {
            out.writeVarInt(a.length, true);
            out.writeShorts(a, 0, a.length);
        }, (k, in) -> in.readShorts(in.readCount(2)));
    }

    static HeapSerializer<int[]> ints() {
        return HeapSerializer.of((k, out, a) -> {
            out.writeVarInt(a.length, true);
            out.writeInts(a, 0, a.length);
        }, (k, in) -> in.readInts(in.readCount(4)));
    }

    static HeapSerializer<long[]> longs() {
        return HeapSerializer.of((k, out, a) -> {
            out.writeVarInt(a.length, true);
            out.writeLongs(a, 0, a.length);
        }, (k, in) -> in.readLongs(in.readCount(8)));
    }

    static HeapSerializer<float[]> floats() {
        return HeapSerializer.of((k, out, a) -> {
            out.writeVarInt(a.length, true);
            out.writeFloats(a, 0, a.length);
        }, (k, in) -> in.readFloats(in.readCount(4)));
    }

    static HeapSerializer<double[]> doubles() {
        return HeapSerializer.of((k, out, a) -> {
            out.writeVarInt(a.length, true);
            out.writeDoubles(a, 0, a.length);
        }, (k, in) -> in.readDoubles(in.readCount(8)));
    }

    static HeapSerializer<Object[]> objects() {
        return HeapSerializer.of((k, out, a) -> {
            Class<?> component = a.getClass().getComponentType();
            if (component.isHidden()) {
                throw k.path.refuse(a, "an array of a hidden class (" + component.getName() + ") cannot be named.");
            }
            k.classes.writeTypeName(out, component);
            out.writeVarInt(a.length, true);
            for (int i = 0; i < a.length; i += PREFETCH) {
                int end = Math.min(a.length, i + PREFETCH);
                k.refs.prefetch(a, i, end);
                for (int j = i; j < end; j++) {
                    k.writeClassAndObject(out, a[j]);
                }
            }
        }, (k, in) -> {
            Class<?> component = k.classes.readTypeName(in);
            if (component.isPrimitive()) {
                throw new CorruptData("object array of primitive component " + component);
            }
            int n = in.readSlots();
            Object[] a = (Object[]) Array.newInstance(component, n);
            k.reference(a);
            for (int i = 0; i < n; i++) {
                Object e = k.readClassAndObject(in);
                if (e != null && !component.isInstance(e)) {
                    throw new CorruptData("a " + e.getClass().getName() + " in an array of " + component.getName());
                }
                a[i] = e;
            }
            return a;
        });
    }
}

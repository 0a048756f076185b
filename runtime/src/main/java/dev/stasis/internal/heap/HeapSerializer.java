package dev.stasis.internal.heap;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/** A Kryo serializer over the heap's own Kryo, output and input types. */
abstract class HeapSerializer<T> extends Serializer<T> {

    @Override
    public final void write(Kryo kryo, Output output, T object) {
        write((HeapKryo) kryo, (HeapOutput) output, object);
    }

    @Override
    public final T read(Kryo kryo, Input input, Class<? extends T> type) {
        return read((HeapKryo) kryo, (HeapInput) input);
    }

    abstract void write(HeapKryo kryo, HeapOutput out, T object);

    abstract T read(HeapKryo kryo, HeapInput in);

    /** Writer half of a serializer given as a lambda. */
    @FunctionalInterface
    interface Writer<T> {
        void write(HeapKryo kryo, HeapOutput out, T object);
    }

    /** Reader half of a serializer given as a lambda. */
    @FunctionalInterface
    interface Reader<T> {
        T read(HeapKryo kryo, HeapInput in);
    }

    static <T> HeapSerializer<T> of(Writer<T> writer, Reader<T> reader) {
        return new HeapSerializer<>() {
            @Override
            void write(HeapKryo kryo, HeapOutput out, T object) {
                writer.write(kryo, out, object);
            }

            @Override
            T read(HeapKryo kryo, HeapInput in) {
                return reader.read(kryo, in);
            }
        };
    }
}

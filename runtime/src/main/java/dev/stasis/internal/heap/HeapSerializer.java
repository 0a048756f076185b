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
    @SuppressWarnings("unchecked")
    public final T read(Kryo kryo, Input input, Class<? extends T> type) {
        HeapKryo k = (HeapKryo) kryo;
        T object = read(k, (HeapInput) input);
        if (builtFromContent() && !numbersItself() && k.refs.marksBuiltObjects) {
            int already = input.readVarInt(true);
            if (already > 0) {
                object = (T) k.refs.builtBefore(already - 1);
            }
        }
        return object;
    }

    /**
     * Whether the reader builds the object from its content (a lambda from its captured values, a
     * record through its canonical constructor, List.of from its elements), so that it exists only
     * once its content is read. Such an object takes its reference id after its content, on both
     * sides: a cycle back to it from inside that content (a lambda capturing an object whose field
     * holds the lambda) is written as a complete nested copy, which the reader keeps, instead of a
     * reference to an object the reader cannot have yet. Such a serializer must not call
     * {@code kryo.reference} itself.
     */
    boolean builtFromContent() {
        return false;
    }

    /**
     * Whether an object built from its content is built from only the first part of it and takes
     * its id there, before the rest, which may then refer back to it. Such a serializer marks the
     * object itself once it has written that part ({@link HeapKryo#numberBuiltObject}), writing
     * the rest only when that returns true, and reads the mark in the same place: a mark above 0
     * is the id + 1 of the copy a cycle inside the first part built ({@link
     * IdentityReferences#builtBefore}), which is then the object, without a rest to read.
     */
    boolean numbersItself() {
        return false;
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

    /** A serializer whose reader builds the object from its content (see {@link #builtFromContent}). */
    static <T> HeapSerializer<T> fromContent(Writer<T> writer, Reader<T> reader) {
        return new Halves<>(writer, reader, true);
    }

    static <T> HeapSerializer<T> of(Writer<T> writer, Reader<T> reader) {
        return new Halves<>(writer, reader, false);
    }

    /** A serializer given as its writer and reader halves. */
    private static final class Halves<T> extends HeapSerializer<T> {
        private final Writer<T> writer;
        private final Reader<T> reader;
        private final boolean builtFromContent;

        Halves(Writer<T> writer, Reader<T> reader, boolean builtFromContent) {
            this.writer = writer;
            this.reader = reader;
            this.builtFromContent = builtFromContent;
        }

        @Override
        void write(HeapKryo kryo, HeapOutput out, T object) {
            writer.write(kryo, out, object);
        }

        @Override
        T read(HeapKryo kryo, HeapInput in) {
            return reader.read(kryo, in);
        }

        @Override
        boolean builtFromContent() {
            return builtFromContent;
        }
    }
}

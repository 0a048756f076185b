package dev.stasis.internal.heap;

import java.lang.reflect.Constructor;

/**
 * An object, of a JDK class or of an application class extending it, that the JDK class's
 * constructor must create from the state it holds (a reference from its referent and queue, a
 * map entry from its key and value): that state is written first, then the application
 * subclass's fields. The object exists only once that state is read, so it takes its reference
 * id there, before its own fields, which may lead back to it (see {@link
 * HeapSerializer#numbersItself}); a cycle through the state back to the object writes it in
 * full at that point, and the reader keeps that copy.
 */
abstract class ConstructedFromState<T> extends HeapSerializer<T> {

    private final Constructor<?> constructor;
    private final AppFields fields;

    /** Objects of {@code type}, which is {@code jdkClass} or extends it, created by its constructor taking {@code params}. */
    ConstructedFromState(Class<?> type, Class<?> jdkClass, Class<?>... params) {
        this.constructor = JdkSuperclassState.constructor(type, jdkClass, params);
        this.fields = AppFields.of(type);
    }

    /** Writes the JDK class's state of {@code object}. */
    abstract void writeState(HeapKryo kryo, HeapOutput out, T object);

    /** Reads what {@link #writeState} wrote: the constructor's arguments, and anything else after them. */
    abstract Object[] readState(HeapKryo kryo, HeapInput in);

    /** What is left to do once the object has its fields (by default nothing). */
    void completed(T object, Object[] state) {
    }

    @Override
    final boolean builtFromContent() {
        return true;
    }

    @Override
    final boolean numbersItself() {
        return true;
    }

    @Override
    final void write(HeapKryo kryo, HeapOutput out, T object) {
        writeState(kryo, out, object);
        if (kryo.numberBuiltObject(out, object)) {
            fields.write(kryo, out, object);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    final T read(HeapKryo kryo, HeapInput in) {
        Object[] state = readState(kryo, in);
        int already = kryo.refs.marksBuiltObjects ? in.readVarInt(true) : 0;
        if (already > 0) {
            T copy = (T) kryo.refs.builtBefore(already - 1);
            kryo.reference(copy);
            return copy;
        }
        Object[] args = state.length == constructor.getParameterCount() ? state
                : java.util.Arrays.copyOf(state, constructor.getParameterCount());
        T object = (T) Instantiators.create(constructor, args);
        kryo.reference(object);
        fields.read(kryo, in, object);
        completed(object, state);
        return object;
    }
}

package dev.stasis.internal.heap;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * An application enum constant: its ordinal, then the instance fields of the constant (enum
 * constants may be mutable). On read the constant resolves to the reading JVM's own instance,
 * which receives the field values, so identity comparisons and switches keep working.
 */
final class AppEnumSerializer extends HeapSerializer<Enum<?>> {

    private final Class<?> enumClass;
    private Object[] constants;
    private final Map<Class<?>, AppFields> fieldsByClass = new IdentityHashMap<>();

    AppEnumSerializer(Class<?> enumClass) {
        this.enumClass = enumClass;
    }

    private AppFields fields(Class<?> constantClass) {
        return fieldsByClass.computeIfAbsent(constantClass, AppFields::of);
    }

    @Override
    void write(HeapKryo kryo, HeapOutput out, Enum<?> e) {
        out.writeVarInt(e.ordinal(), true);
        fields(e.getClass()).write(kryo, out, e);
    }

    @Override
    Enum<?> read(HeapKryo kryo, HeapInput in) {
        if (constants == null) {
            constants = enumClass.getEnumConstants();
        }
        int ordinal = in.readVarInt(true);
        if (ordinal < 0 || ordinal >= constants.length) {
            throw new CorruptData("ordinal " + ordinal + " out of range for " + enumClass.getName());
        }
        Enum<?> e = (Enum<?>) constants[ordinal];
        kryo.reference(e);
        fields(e.getClass()).read(kryo, in, e);
        return e;
    }
}

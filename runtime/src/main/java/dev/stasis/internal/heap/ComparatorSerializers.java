package dev.stasis.internal.heap;

import java.util.Collections;
import java.util.Comparator;

/**
 * The JDK's comparator wrappers that are classes rather than lambdas: Collections.reverseOrder(c)
 * (also what Comparator.reversed() returns) and Comparator.nullsFirst/nullsLast(c), written as the
 * comparator they wrap and re-created through the same factory.
 */
final class ComparatorSerializers {

    private ComparatorSerializers() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static HeapSerializer<Comparator<?>> reversed() {
        return HeapSerializer.fromContent((k, out, c) -> k.writeClassAndObject(out, inner(k, c, "cmp")),
                (k, in) -> Collections.reverseOrder((Comparator) comparator(k.readClassAndObject(in))));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static HeapSerializer<Comparator<?>> nulls() {
        return HeapSerializer.fromContent((k, out, c) -> {
            Object first = JdkInternals.get(c, "nullFirst", null);
            if (!(first instanceof Boolean)) {
                throw k.path.refuse(c, "its parts are not readable (java.util is not open to Stasis).");
            }
            out.writeBoolean((Boolean) first);
            k.writeClassAndObject(out, JdkInternals.get(c, "real", null));
        }, (k, in) -> {
            boolean first = in.readBoolean();
            Comparator real = comparator(k.readClassAndObject(in));
            return first ? Comparator.nullsFirst(real) : Comparator.nullsLast(real);
        });
    }

    private static Object inner(HeapKryo k, Object c, String field) {
        Object inner = JdkInternals.get(c, field, null);
        if (inner == null) {
            throw k.path.refuse(c, "the comparator it wraps is not readable (java.util is not open to Stasis).");
        }
        return inner;
    }

    private static Comparator<?> comparator(Object o) {
        return (Comparator<?>) MapSerializer.expect(o, Comparator.class, "comparator");
    }
}

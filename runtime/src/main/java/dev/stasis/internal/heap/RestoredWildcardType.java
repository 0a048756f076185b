package dev.stasis.internal.heap;

import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.StringJoiner;

/**
 * A wildcard type ({@code ? extends Number}) read from a heap. The JDK has no factory for its own
 * wildcard types that takes bounds (only one that parses signatures), so the reader makes this
 * one: equal to the JDK's with the same bounds, in both directions, with the same hash code and
 * text, as {@link WildcardType} specifies them. A later checkpoint writes it as the JDK's.
 */
final class RestoredWildcardType implements WildcardType {

    private final Type[] upper;
    private final Type[] lower;

    RestoredWildcardType(Type[] upper, Type[] lower) {
        this.upper = upper.length == 0 ? new Type[] {Object.class} : upper.clone();
        this.lower = lower.clone();
    }

    @Override
    public Type[] getUpperBounds() {
        return upper.clone();
    }

    @Override
    public Type[] getLowerBounds() {
        return lower.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WildcardType && Arrays.equals(lower, ((WildcardType) o).getLowerBounds())
                && Arrays.equals(upper, ((WildcardType) o).getUpperBounds());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(lower) ^ Arrays.hashCode(upper);
    }

    @Override
    public String toString() {
        Type[] bounds = lower.length > 0 ? lower : upper;
        if (lower.length == 0 && (upper.length == 0 || upper[0] == Object.class)) {
            return "?";
        }
        StringJoiner sj = new StringJoiner(" & ", lower.length > 0 ? "? super " : "? extends ", "");
        for (Type t : bounds) {
            sj.add(t.getTypeName());
        }
        return sj.toString();
    }
}

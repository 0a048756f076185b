package dev.stasis.internal.resume;

import dev.stasis.internal.capture.FrameRecord;

/**
 * The arguments a resuming frame passes when it re-issues the call it was executing. Most
 * callees restore every local from their own record and ignore them; a callee whose entry test
 * stands past code that reads its parameters ({@link FrameRecord#ENTRY_ARGUMENTS}) runs that code
 * again first, and must see the values of the original call to take the same path to its test.
 *
 * <p>Arguments are counted from the end, which maps them onto the callee's entry values whether
 * the call reaches it directly (receiver and parameters line up with the call's) or through a
 * lambda's generated class, which passes the values it captured first and then the interface
 * method's arguments, each converted by widening, boxing or unboxing (the conversions
 * {@code LambdaMetafactory} allows). The conversion back yields the value the caller passed, or
 * one the forward conversion maps to the same value. A callee that did not save its entry values
 * gets zeros and nulls, as it always did.
 */
public final class CallArguments {

    private CallArguments() {
    }

    public static int i(int fromEnd) {
        Object v = entryValue(fromEnd);
        if (v instanceof Number) {
            return ((Number) v).intValue();
        }
        if (v instanceof Character) {
            return (Character) v;
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? 1 : 0;
        }
        return 0;
    }

    public static long j(int fromEnd) {
        Object v = entryValue(fromEnd);
        if (v instanceof Number) {
            return ((Number) v).longValue();
        }
        return v instanceof Character ? (Character) v : 0L;
    }

    public static float f(int fromEnd) {
        Object v = entryValue(fromEnd);
        if (v instanceof Number) {
            return ((Number) v).floatValue();
        }
        return v instanceof Character ? (Character) v : 0f;
    }

    public static double d(int fromEnd) {
        Object v = entryValue(fromEnd);
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        return v instanceof Character ? (Character) v : 0d;
    }

    public static Object a(int fromEnd) {
        return entryValue(fromEnd);
    }

    /**
     * A reference argument declared as a primitive's box ({@code kind} its descriptor letter): the
     * callee may have received it unboxed and widened ({@code Integer} as {@code long}).
     */
    public static Object boxed(int fromEnd, char kind) {
        Object v = entryValue(fromEnd);
        if (v == null) {
            return null;
        }
        switch (kind) {
            case 'Z':
                return v instanceof Boolean ? v : null;
            case 'C':
                return v instanceof Character ? v : null;
            case 'B':
                return v instanceof Number ? (Object) ((Number) v).byteValue() : null;
            case 'S':
                return v instanceof Number ? (Object) ((Number) v).shortValue() : null;
            case 'I':
                return v instanceof Number || v instanceof Character ? (Object) i(fromEnd) : null;
            case 'J':
                return v instanceof Number || v instanceof Character ? (Object) j(fromEnd) : null;
            case 'F':
                return v instanceof Number || v instanceof Character ? (Object) f(fromEnd) : null;
            default:
                return v instanceof Number || v instanceof Character ? (Object) d(fromEnd) : null;
        }
    }

    /** The entry value {@code fromEnd} places from the end of the next frame's, or null. */
    private static Object entryValue(int fromEnd) {
        FrameRecord callee = Resume.nextRecord();
        Object[] entry = callee == null ? null : callee.entryArguments();
        if (entry == null || fromEnd > entry.length) {
            return null;
        }
        return entry[entry.length - fromEnd];
    }
}

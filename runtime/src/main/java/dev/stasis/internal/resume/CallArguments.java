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
        return asInt(entryValue(fromEnd));
    }

    public static long j(int fromEnd) {
        return asLong(entryValue(fromEnd));
    }

    public static float f(int fromEnd) {
        return asFloat(entryValue(fromEnd));
    }

    public static double d(int fromEnd) {
        return asDouble(entryValue(fromEnd));
    }

    public static Object a(int fromEnd) {
        return entryValue(fromEnd);
    }

    /*
     * The same for a call on a functional interface: the record of the frame that re-issues it
     * holds the call's own arguments ({@link FrameRecord#CALL_ARGUMENTS}), which are read back in
     * the order they were saved; a record written without them (an earlier Stasis) falls back to
     * the callee's entry values.
     */

    public static int i(FrameRecord caller, int fromEnd) {
        return holdsArguments(caller) ? caller.nextInt() : i(fromEnd);
    }

    public static long j(FrameRecord caller, int fromEnd) {
        return holdsArguments(caller) ? caller.nextLong() : j(fromEnd);
    }

    public static float f(FrameRecord caller, int fromEnd) {
        return holdsArguments(caller) ? caller.nextFloat() : f(fromEnd);
    }

    public static double d(FrameRecord caller, int fromEnd) {
        return holdsArguments(caller) ? caller.nextDouble() : d(fromEnd);
    }

    public static Object a(FrameRecord caller, int fromEnd) {
        return holdsArguments(caller) ? caller.nextObject() : a(fromEnd);
    }

    public static Object boxed(FrameRecord caller, int fromEnd, char kind) {
        return holdsArguments(caller) ? caller.nextObject() : boxed(fromEnd, kind);
    }

    private static boolean holdsArguments(FrameRecord caller) {
        return (caller.siteWord() & FrameRecord.CALL_ARGUMENTS) != 0;
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
        boolean numeric = v instanceof Number || v instanceof Character;
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
                return numeric ? (Object) asInt(v) : null;
            case 'J':
                return numeric ? (Object) asLong(v) : null;
            case 'F':
                return numeric ? (Object) asFloat(v) : null;
            default:
                return numeric ? (Object) asDouble(v) : null;
        }
    }

    private static int asInt(Object v) {
        if (v instanceof Number) {
            return ((Number) v).intValue();
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? 1 : 0;
        }
        return v instanceof Character ? (Character) v : 0;
    }

    private static long asLong(Object v) {
        if (v instanceof Number) {
            return ((Number) v).longValue();
        }
        return v instanceof Character ? (Character) v : 0L;
    }

    private static float asFloat(Object v) {
        if (v instanceof Number) {
            return ((Number) v).floatValue();
        }
        return v instanceof Character ? (Character) v : 0f;
    }

    private static double asDouble(Object v) {
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        return v instanceof Character ? (Character) v : 0d;
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

package dev.stasis.internal.capture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The state of one frame of a captured thread: which method, which call site it was executing,
 * and the values of its locals and of its operand stack below the call's arguments.
 *
 * <p>Instrumented code builds a record in the call site's unwind handler (values appended in a
 * fixed order the rewriter chose for that site) and reads it back, in the same order, in the
 * method's restore block. Primitive values are kept widened in {@code prims} (float and double by
 * their IEEE bits) and references in {@code refs}, so a record is two flat arrays whatever the
 * frame looked like.
 */
public final class FrameRecord {

    /** Site flag: this frame is a constructor whose {@code this} is initialized (after super()). */
    public static final int CTOR_INITIALIZED = 1 << 24;
    /**
     * Method flag: the record begins with the method's parameters as they were on entry ({@code
     * this} first for an instance method), saved at every call site because its entry test stands
     * past code that reads them; whoever re-invokes the method while resuming must pass them.
     */
    public static final int ENTRY_ARGUMENTS = 1 << 25;
    /** Method flag, with {@link #ENTRY_ARGUMENTS}: the method is static (no {@code this} first). */
    public static final int STATIC_METHOD = 1 << 26;
    /**
     * Site flag: the call is on a functional interface, and the record holds its arguments after
     * its receiver. The callee may be reached through a lambda's class that passes an argument on
     * as the receiver ({@code Foo::compute} as a {@code Function<Foo, R>}, {@code Runnable::run}
     * as an {@code Executor}): re-issuing the call with those arguments reaches the same callee.
     */
    public static final int CALL_ARGUMENTS = 1 << 27;
    /** Mask of the call-site index within the site word. */
    public static final int SITE_MASK = 0xFFFFFF;

    private final String method;
    private final int siteWord;
    private long[] prims;
    private Object[] refs;
    private int primCount;
    private int refCount;
    private int primCursor;
    private int refCursor;
    private transient Unwind unwind;

    /** Builds a record read back from a checkpoint file. */
    public FrameRecord(String method, int siteWord, long[] prims, Object[] refs) {
        this.method = method;
        this.siteWord = siteWord;
        this.prims = prims;
        this.refs = refs;
        this.primCount = prims.length;
        this.refCount = refs.length;
    }

    private FrameRecord(String method, int siteWord, Unwind unwind) {
        this.method = method;
        this.siteWord = siteWord;
        this.prims = new long[8];
        this.refs = new Object[8];
        this.unwind = unwind;
    }

    /**
     * Called first in a call site's unwind handler. {@code method} is the method's key
     * ({@code owner.name(desc)} with the owner's internal name), {@code siteWord} the call-site
     * index with the constructor flags.
     */
    public static FrameRecord begin(Unwind unwind, String method, int siteWord) {
        return new FrameRecord(method, siteWord, unwind);
    }

    public FrameRecord i(int v) {
        return prim(v);
    }

    public FrameRecord j(long v) {
        return prim(v);
    }

    public FrameRecord f(float v) {
        return prim(Float.floatToRawIntBits(v));
    }

    public FrameRecord d(double v) {
        return prim(Double.doubleToRawLongBits(v));
    }

    public FrameRecord a(Object v) {
        if (refCount == refs.length) {
            refs = Arrays.copyOf(refs, refCount * 2);
        }
        refs[refCount++] = v;
        return this;
    }

    private FrameRecord prim(long v) {
        if (primCount == prims.length) {
            prims = Arrays.copyOf(prims, primCount * 2);
        }
        prims[primCount++] = v;
        return this;
    }

    /**
     * Called last in a call site's unwind handler, after the frame's monitors were released.
     * Returns the error to rethrow, or null when this was the thread's base frame and the thread
     * is to continue by re-entering its frames (checkpoint and continue).
     */
    public Unwind end() {
        Unwind u = unwind;
        unwind = null;
        prims = Arrays.copyOf(prims, primCount);
        refs = Arrays.copyOf(refs, refCount);
        return u.frameCaptured(this);
    }

    public int nextInt() {
        return (int) prims[primCursor++];
    }

    public long nextLong() {
        return prims[primCursor++];
    }

    public float nextFloat() {
        return Float.intBitsToFloat((int) prims[primCursor++]);
    }

    public double nextDouble() {
        return Double.longBitsToDouble(prims[primCursor++]);
    }

    public Object nextObject() {
        return refs[refCursor++];
    }

    /** Rewinds the read cursors, so that a record can be re-entered more than once. */
    public void rewind() {
        primCursor = 0;
        refCursor = 0;
    }

    /** The index of the call site this frame was executing. */
    public int site() {
        return siteWord & SITE_MASK;
    }

    public String method() {
        return method;
    }

    public int siteWord() {
        return siteWord;
    }

    public boolean isInitializedConstructor() {
        return (siteWord & CTOR_INITIALIZED) != 0;
    }

    /** Whether the record begins with the method's entry arguments ({@link #ENTRY_ARGUMENTS}). */
    public boolean hasEntryArguments() {
        return (siteWord & ENTRY_ARGUMENTS) != 0;
    }

    /**
     * The frame's receiver (for an instance method) and parameters as they were on entry, boxed as
     * their declared types; null when the record does not begin with them.
     */
    public Object[] entryArguments() {
        if (!hasEntryArguments()) {
            return null;
        }
        boolean instance = (siteWord & STATIC_METHOD) == 0;
        List<Character> kinds = new ArrayList<>();
        if (instance) {
            kinds.add('L');
        }
        String desc = method.substring(method.indexOf('(') + 1, method.lastIndexOf(')'));
        for (int at = 0; at < desc.length(); at++) {
            char c = desc.charAt(at);
            kinds.add(c == '[' ? 'L' : c);
            while (desc.charAt(at) == '[') {
                at++;
            }
            if (desc.charAt(at) == 'L') {
                at = desc.indexOf(';', at);
            }
        }
        Object[] out = new Object[kinds.size()];
        int p = 0;
        int r = 0;
        for (int k = 0; k < out.length; k++) {
            switch (kinds.get(k)) {
                case 'L':
                    out[k] = refs[r++];
                    break;
                case 'J':
                    out[k] = prims[p++];
                    break;
                case 'F':
                    out[k] = Float.intBitsToFloat((int) prims[p++]);
                    break;
                case 'D':
                    out[k] = Double.longBitsToDouble(prims[p++]);
                    break;
                case 'Z':
                    out[k] = prims[p++] != 0;
                    break;
                case 'C':
                    out[k] = (char) prims[p++];
                    break;
                case 'B':
                    out[k] = (byte) prims[p++];
                    break;
                case 'S':
                    out[k] = (short) prims[p++];
                    break;
                default:
                    out[k] = (int) prims[p++];
                    break;
            }
        }
        return out;
    }

    /** The primitive slots, widened, in the order the rewriter saved them. */
    public long[] prims() {
        return Arrays.copyOf(prims, primCount);
    }

    /** The reference slots in the order the rewriter saved them. */
    public Object[] refs() {
        return Arrays.copyOf(refs, refCount);
    }

    /** The first saved reference, which for instance methods is {@code this}. */
    public Object firstRef() {
        return refCount == 0 ? null : refs[0];
    }

    @Override
    public String toString() {
        return method + "@" + site() + " prims=" + primCount + " refs=" + refCount;
    }
}

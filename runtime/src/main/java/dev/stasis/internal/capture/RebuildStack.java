package dev.stasis.internal.capture;

import java.util.List;

/**
 * The thread stack it takes to call a captured thread's frames again. A resume calls every frame
 * of the thread again, from its base up: in the checkpointing JVM after a checkpoint-and-continue,
 * and in the restoring one. Those frames do not run the code the JIT made of them before (that
 * code never took the resume path, so it traps there and is thrown away): they run interpreted,
 * and once the method has been called a few hundred times, compiled by C1, which gives every value
 * that lives across a call a stack slot of its own. And a resumed frame is two frames until its
 * call returns: the method's, and its restore-only copy's above it, where the rest of the call
 * runs. Together that is several times the stack of the C2-compiled frames the thread had. The
 * rewriter estimates, per method, the words of both bodies: a fixed part each, their local and
 * operand stack slots, and the values the copy's restore blocks bring back ({@link
 * MethodTable#rebuildWords}). On HotSpot x86-64 (JDK 17 and 25), a small recursive method of two
 * arguments, estimated at 536 bytes a frame, took about 330 called again (its frames called again
 * overflowed the default 1 MB stack about 3 000 deep); one of a dozen locals, estimated at 986,
 * took about 850 (1 180 deep), where their frames had taken some 35 (C2) and 480 (C1) in a JVM
 * without the agent.
 */
public final class RebuildStack {

    /**
     * Frames that may take more than this to call again are deep enough to compare with the
     * thread's stack (reading the JVM's default size loads the management classes) and to watch
     * while they are called again: a quarter of the smallest default stack (1 MB, Linux on x86-64).
     */
    public static final long DEEP = 256 << 10;

    /** The words taken for a method this JVM has not rewritten (the restore has checked them all by then). */
    private static final int UNKNOWN_WORDS = 128;
    /** A lambda's generated class forwarding a call between two captured frames: a fixed part and a few slots. */
    static final long FORWARDER_BYTES = frameBytes(20);

    private RebuildStack() {
    }

    /** The bytes a resumed frame of a method of these {@link MethodTable#rebuildWords} may take. */
    static long frameBytes(int words) {
        return 8L * words;
    }

    /**
     * The stack to give a restored thread that would have {@code has} and whose frames may take
     * {@code need} to call again: {@code has} when that is plenty (at least four times the need),
     * else {@code has} and twice the need on top, room for the frames however they run and for
     * what the thread did in the stack before. A thread's stack is address space until it is used.
     */
    public static long restoredStack(long need, long has) {
        return need <= DEEP || need <= has / 4 ? has : has + 2 * need;
    }

    /** The bytes it may take to call these frames again: the method keys of a thread's records. */
    public static long of(List<String> methodKeys) {
        long bytes = 0;
        for (String key : methodKeys) {
            int words = MethodTable.rebuildWords(key);
            bytes += frameBytes(words < 0 ? UNKNOWN_WORDS : words);
        }
        return bytes;
    }
}

package dev.stasis.internal.heap;

import com.esotericsoftware.kryo.KryoException;
import dev.stasis.internal.log.StasisLog;
import java.io.IOException;
import java.io.OutputStream;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Writes the object graph reachable from a checkpoint's roots as one Kryo graph: identity,
 * sharing and cycles are kept across all roots. JDK objects are written by their logical content,
 * application objects field by field, objects bound to this JVM (System.out, class loaders, the
 * JDK's singletons, objects bound with {@link #bind}) as tokens; anything else that cannot move
 * makes the write fail with an {@link UncheckpointableObjectException} naming its path.
 *
 * <p>The output is streamed through a 64 KiB buffer; a failed write leaves a partial heap in
 * {@code out}, which the caller discards. Keep one writer: it reuses its Kryo instance and its
 * per-class decisions across checkpoints. Not thread-safe; calls are serialized.
 */
public final class HeapWriter {

    /**
     * The token of the JVM's main thread: a checkpoint whose main thread is captured writes it so,
     * and a restore reads it as the thread running the restore, which continues its frames.
     */
    public static final String MAIN_THREAD = "thread:main";

    /** What {@link #estimatedObjects} takes an object to fill of the used heap. */
    private static final int ESTIMATED_OBJECT_BYTES = 64;

    private final ClassLoader applicationLoader;
    private final Map<Object, String> bound = new IdentityHashMap<>();
    private HeapKryo kryo;
    private int inlineStrings = -1;
    private String[] rootNames = new String[0];
    /** What the last successful write wrote, for observers (JFR); null before the first. */
    private HeapStats last;
    /** The object count {@link #expectObjects} gave for the first write; 0 for none. */
    private long expected;
    private List<Thread> threads;
    private ToIntFunction<Object> identityHashes = System::identityHashCode;

    public HeapWriter(ClassLoader applicationLoader) {
        this.applicationLoader = applicationLoader;
    }

    /**
     * Does the set-up of a JVM's first checkpoint ahead, on a background thread, after
     * {@code delayMillis} (see {@link HeapWarmUp}): for programs that will checkpoint on their
     * own schedule (an interval, a signal), so that the first checkpoint's pause is like the next.
     */
    public static void prepareAhead(ClassLoader applicationLoader, long delayMillis) {
        HeapWarmUp.start(applicationLoader, delayMillis);
    }

    /**
     * The identity hash codes to write instead of the JVM's (see {@link IdentityHashes}), for
     * tests whose expected bytes must not depend on the JVM that runs them.
     */
    synchronized HeapWriter identityHashes(ToIntFunction<Object> hashes) {
        this.identityHashes = hashes;
        return this;
    }

    /**
     * Writes {@code object} (a captured thread, say) as the token {@code name}, which a
     * {@link HeapReader} resolves to the object bound to the same name there. Applies to objects
     * that could not be written otherwise and to JVM-bound ones.
     */
    public synchronized HeapWriter bind(Object object, String name) {
        bound.put(object, name);
        return this;
    }

    /**
     * Sizes the first write's identity table for about {@code objects} objects, as every later
     * write is sized from the count of the one before it: a restored JVM knows how many objects
     * its checkpoint held, and its first checkpoint then writes about as many. Without a count the
     * first write grows its table as it goes ({@link WrittenObjects}) from an estimate made from
     * the used heap ({@link #estimatedObjects}), which held a JVM's first checkpoint of 7 million
     * objects to 1.4 to 1.5 times the pause of its next.
     */
    public synchronized HeapWriter expectObjects(long objects) {
        expected = Math.max(0, objects);
        return this;
    }

    /** How many objects the last successful {@link #write} wrote (0 before the first). */
    public synchronized long lastObjectCount() {
        return last == null ? 0 : last.objects;
    }

    /** Undoes {@link #bind}. */
    public synchronized HeapWriter unbind(Object object) {
        bound.remove(object);
        return this;
    }

    /**
     * The threads of the next writes, in the order of the checkpoint's thread list: the only alive
     * threads that may be written, and the threads whose ThreadLocal values are captured. Null (the
     * default) stands for the thread that calls {@link #write}.
     */
    public synchronized HeapWriter threads(List<Thread> inCheckpoint) {
        this.threads = inCheckpoint == null ? null : List.copyOf(inCheckpoint);
        return this;
    }

    /**
     * Names the roots of the next writes for error messages: a refusal then reads
     * {@code root[2] (frame com.acme.Main.run(...)) [0] -> com.acme.Main .cache -> ...}.
     */
    public synchronized HeapWriter nameRoots(String... descriptions) {
        rootNames = descriptions.clone();
        return this;
    }

    /**
     * Writes strings of up to {@code maxLength} chars as values, without identity (-1, the
     * default: none). Most strings of a heap are short and referenced once, and skipping the
     * identity table for them makes a write markedly faster. The reader interns such strings, so
     * strings equal to literals are == to those literals after restore (with identity kept they
     * are not); what is lost is the distinctness of equal strings that were separate objects,
     * which matters only to identity-based code (IdentityHashMap keys, locking on a string).
     */
    public synchronized HeapWriter inlineShortStrings(int maxLength) {
        this.inlineStrings = maxLength;
        return this;
    }

    /**
     * Writes one graph holding every root (identity, sharing and cycles kept) to {@code out}, which
     * it does not close. Throws {@link UncheckpointableObjectException} naming the path from a root
     * to an object that cannot be checkpointed.
     */
    public synchronized HeapStats write(Object[] roots, OutputStream out) throws IOException {
        try {
            Thread caller = Thread.currentThread();
            HeapStats stats = BigStack.call("stasis-heap-writer", () -> writeNow(roots, out, caller));
            last = stats;
            return stats;
        } catch (Exception e) {
            throw unwrap(e);
        }
    }

    private HeapStats writeNow(Object[] roots, OutputStream out, Thread caller) {
        if (kryo == null) {
            kryo = HeapKryo.create(applicationLoader, name -> true);
        }
        HeapKryo k = kryo;
        k.inlineStrings = inlineStrings;
        k.identityHashes = identityHashes;
        k.path.nameRoots(rootNames);
        k.tokens = new JvmTokens(applicationLoader, bound, Map.of());
        k.late = new LateBindings();
        k.capturedThreads = threads != null ? threads : List.of(caller);
        k.threadsInCheckpoint = threads != null;
        if (last != null) {
            k.refs.expect(last.objects);
        } else if (expected > 0) {
            long objects = expected;
            k.refs.expect(objects);
            StasisLog.debug(() -> "identity table sized for " + objects + " object(s), the count of the checkpoint this JVM"
                    + " was restored from");
        } else {
            Runtime runtime = Runtime.getRuntime();
            k.refs.estimate(estimatedObjects(runtime.totalMemory() - runtime.freeMemory(), runtime.maxMemory()));
        }
        HeapOutput o = new HeapOutput(out);
        try {
            o.writeInt(HeapFormat.MAGIC);
            o.writeByte(HeapFormat.VERSION);
            o.writeVarInt(roots.length, true);
            for (int i = 0; i < roots.length; i++) {
                k.path.startRoot(i);
                k.writeClassAndObject(o, roots[i]);
            }
            k.path.startRoot(-1);
            k.late.writeAll(k, o, k.refs);
            o.writeInt(HeapFormat.END);
            o.flush();
            long[] objects = new long[1];
            Map<String, long[]> histogram = k.takeHistogram(objects);
            return new HeapStats(histogram, objects[0], o.total(), k.classes.classValuesWritten());
        } finally {
            k.reset();
            k.takeHistogram(new long[1]);
        }
    }

    /**
     * A JVM's first write has no count to go by, only the heap: its used part (garbage included)
     * divided by {@value #ESTIMATED_OBJECT_BYTES} bytes, more than the average object of most
     * heaps, so that the estimate is seldom above the count and the table it sizes ({@link
     * WrittenObjects}, 16 bytes per estimated object) takes at most a quarter of the used heap and
     * a quarter of what is left of the heap's maximum.
     */
    static long estimatedObjects(long usedBytes, long maxBytes) {
        return Math.max(0, Math.min(usedBytes, maxBytes - usedBytes)) / ESTIMATED_OBJECT_BYTES;
    }

    private static <T extends Throwable> T unwrapAs(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static IOException unwrap(Exception e) throws IOException {
        UncheckpointableObjectException u = unwrapAs(e, UncheckpointableObjectException.class);
        if (u != null) {
            throw u;
        }
        if (e instanceof KryoException) {
            IOException io = unwrapAs(e, IOException.class);
            if (io != null) {
                return io;
            }
        }
        if (e instanceof IOException) {
            return (IOException) e;
        }
        if (e instanceof RuntimeException) {
            throw (RuntimeException) e;
        }
        return new IOException(e);
    }
}

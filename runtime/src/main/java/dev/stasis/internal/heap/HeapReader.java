package dev.stasis.internal.heap;

import dev.stasis.internal.log.StasisLog;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.KryoBufferUnderflowException;
import dev.stasis.internal.resources.FileReopenException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads back what {@link HeapWriter} wrote. It only ever creates instances of classes that
 * {@code classAllowed} accepts and of the JDK classes its serializers build; every length is
 * checked against the input before allocation; truncated, damaged or hostile input ends in a
 * {@link CorruptHeapException}.
 *
 * <p>Hash- and order-based collections come back empty from {@link #read} and are filled by
 * {@link #completeDeferred}, after the caller has set the static fields their elements'
 * hashCode/compareTo may depend on. Keep one reader per restore; not thread-safe.
 */
public final class HeapReader {

    private final ClassLoader applicationLoader;
    private final Predicate<String> classAllowed;
    private final Map<String, Object> bound = new HashMap<>();
    private HeapKryo kryo;
    private DeferredFills deferred;
    /** How many objects the next heap read holds, by the file's summary; 0 when not known. */
    private long expectedObjects;
    private Map<Integer, List<Object[]>> threadLocals = Map.of();
    private Map<Thread, List<Object[]>> heldLocks = Map.of();

    public HeapReader(ClassLoader applicationLoader, Predicate<String> classAllowed) {
        this.applicationLoader = applicationLoader;
        this.classAllowed = classAllowed;
    }

    /**
     * Starts setting the heap machinery up on a background thread, for a restore that will read a
     * heap shortly (see {@link HeapWarmUp}).
     */
    public static void prepare(ClassLoader applicationLoader) {
        HeapWarmUp.start(applicationLoader, 0);
    }

    /** Resolves the token {@code name} (see {@link HeapWriter#bind}) to {@code object}. */
    public synchronized HeapReader bind(String name, Object object) {
        bound.put(name, object);
        return this;
    }

    /**
     * Reads the roots from {@code in}, assuming the heap extends to the end of the stream (the
     * reader buffers ahead). Throws {@link CorruptHeapException} for malformed or hostile input.
     */
    public Object[] read(InputStream in) throws IOException {
        return read(in, -1);
    }

    /**
     * Reads the roots from the next {@code length} bytes of {@code in} (never reading beyond them);
     * every length in the heap is checked against the bytes that remain. {@code length} -1: unknown.
     */
    public synchronized Object[] read(InputStream in, long length) throws IOException {
        ReadLimits limits = new ReadLimits(length);
        HeapInput input = new HeapInput(length >= 0 ? new BoundedInputStream(in, length) : in, limits);
        // Every object takes a few bytes of the section at the least, so a count beyond that is
        // not believed: a damaged or hostile summary cannot make the reader allocate much more
        // than the file's size.
        int presize = (int) Math.min(Math.min(expectedObjects, length / 4), Integer.MAX_VALUE - 8);
        try {
            return BigStack.call("stasis-heap-reader", () -> readNow(input, presize));
        } catch (CorruptData e) {
            throw corrupt(e.getMessage(), input, e);
        } catch (KryoBufferUnderflowException e) {
            throw corrupt("the heap ends early (truncated)", input, e);
        } catch (KryoException e) {
            rethrowFileReopen(e);
            rethrowFailedInitializer(e);
            IOException io = ioCause(e);
            if (io != null) {
                throw io;
            }
            CorruptData c = corruptCause(e);
            throw corrupt(c != null ? c.getMessage() : String.valueOf(e.getMessage()), input, e);
        } catch (IOException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (Exception | Error e) {
            rethrowFileReopen(e);
            rethrowFailedInitializer(e);
            CorruptData c = corruptCause(e);
            throw corrupt(c != null ? c.getMessage() : e.toString(), input, e);
        }
    }

    /**
     * A static initializer the read ran (of a class the checkpoint did not hold initialized: one
     * whose statics were left out, or that loaded a native library) that failed is not a damaged
     * heap: it goes out as it is, and the restore says which initializer failed.
     */
    private static void rethrowFailedInitializer(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ExceptionInInitializerError) {
                throw (ExceptionInInitializerError) c;
            }
        }
    }

    /** A file that cannot be reopened is the user's problem to fix, not a damaged heap: its message goes out as it is. */
    private static void rethrowFileReopen(Throwable e) {
        FileReopenException f = FileReopenException.in(e);
        if (f != null) {
            throw f;
        }
    }

    /**
     * Tells the reader how many objects the heap it reads next holds (the file's summary says), so
     * that its tables are made that large at once.
     */
    public synchronized void expectObjects(long objects) {
        expectedObjects = Math.max(0, objects);
    }

    private Object[] readNow(HeapInput in, int presize) {
        if (kryo == null) {
            kryo = HeapKryo.create(applicationLoader, classAllowed);
        }
        HeapKryo k = kryo;
        k.refs.expectRead(presize);
        k.tokens = new JvmTokens(applicationLoader, Map.of(), bound);
        k.late = new LateBindings();
        k.deferred = deferred != null ? deferred : new DeferredFills();
        boolean complete = false;
        try {
            if (in.readInt() != HeapFormat.MAGIC) {
                throw new CorruptData("not a Stasis heap (bad magic number)");
            }
            int version = in.readByte();
            if (version < HeapFormat.OLDEST_READABLE || version > HeapFormat.VERSION) {
                throw new CorruptData("heap format version " + version + ", this Stasis reads versions "
                        + HeapFormat.OLDEST_READABLE + " to " + HeapFormat.VERSION);
            }
            k.refs.marksBuiltObjects = version >= 2;
            k.refs.carriesHashes = version >= 3;
            k.refs.threadLocalSubclassValues = version >= 4;
            k.refs.readersCarryReadAhead = version >= 5;
            k.refs.threadsCarryStackSize = version >= 6;
            Object[] roots = new Object[in.readSlots()];
            for (int i = 0; i < roots.length; i++) {
                roots[i] = k.readClassAndObject(in);
            }
            k.late.readAll(k, in);
            if (in.readInt() != HeapFormat.END) {
                throw new CorruptData("no end marker after the heap's content");
            }
            long notCarried = k.refs.hashesNotCarried();
            if (notCarried > 0) {
                StasisLog.debug(() -> notCarried + " object(s) kept the identity hash code they had in this JVM already (enum"
                        + " constants or classes that code hashed before the restore reached them), not the one they had"
                        + " when written");
            }
            deferred = k.deferred;
            threadLocals = k.deferred.threadLocals();
            heldLocks = k.deferred.heldLocks();
            complete = true;
            return roots;
        } finally {
            k.reset();
            k.deferred = null;
            if (!complete) {
                // Kryo keeps a stack of pending reference ids that reset() does not clear
                kryo = null;
            }
        }
    }

    /**
     * Completes what reading deferred (filling hash- and order-based collections, whose keys'
     * hashCode/compareTo may read static fields), once the static fields are set. A failure
     * (inconsistent content) is an UncheckedIOException around a {@link CorruptHeapException}.
     */
    public synchronized void completeDeferred() {
        DeferredFills d = deferred;
        deferred = null;
        if (d == null) {
            return;
        }
        try {
            d.run();
        } catch (RuntimeException | StackOverflowError e) {
            throw new UncheckedIOException(new CorruptHeapException("The checkpoint's heap holds a collection whose"
                    + " content cannot be re-inserted (" + e + "). The file is damaged or the application's"
                    + " hashCode/equals/compareTo fail on the restored state; restore from an intact checkpoint.", e));
        }
    }

    /**
     * The ThreadLocal values of the captured thread with this index in the checkpoint's thread list,
     * as pairs {ThreadLocal, value}; the restored thread sets them itself when it starts.
     */
    public synchronized List<Object[]> threadLocalValues(int thread) {
        return threadLocals.getOrDefault(thread, List.of());
    }

    /**
     * The locks {@code owner} held at the checkpoint, as pairs {Lock, Integer hold count}: the
     * restored thread acquires them again before it re-enters its frames.
     */
    public synchronized List<Object[]> locksHeldBy(Thread owner) {
        return heldLocks.getOrDefault(owner, List.of());
    }

    private static CorruptHeapException corrupt(String detail, HeapInput in, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof NotInThisJdk) {
                return new CorruptHeapException("The checkpoint's heap cannot be rebuilt on this JVM: " + t.getMessage()
                        + ".", cause);
            }
        }
        long at;
        try {
            at = in.total();
        } catch (RuntimeException e) {
            at = -1;
        }
        return new CorruptHeapException("The checkpoint's heap is damaged or was not written by Stasis: " + detail
                + " (at byte " + at + " of the heap). Restore from an intact checkpoint file.", cause);
    }

    private static IOException ioCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return (IOException) t;
            }
        }
        return null;
    }

    private static CorruptData corruptCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CorruptData) {
                return (CorruptData) t;
            }
        }
        return null;
    }
}

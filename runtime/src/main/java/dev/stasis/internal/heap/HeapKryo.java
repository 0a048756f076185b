package dev.stasis.internal.heap;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import dev.stasis.internal.resources.Transients;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The heap's Kryo: references always on, no automatic reset between roots (one graph), every
 * non-primitive value written with its class (no "final type" shortcut). Every object is written
 * by {@link #writeClassAndObject}, which handles tokens, refusals, the path from the root and the
 * histogram, and writes class, reference flag and content itself in the form Kryo's
 * readClassAndObject reads (one registration lookup and one identity-table probe per object).
 * Reading is Kryo's own. Reused across heaps by one writer or reader; not thread-safe.
 */
final class HeapKryo extends Kryo {

    static {
        disableKryoUnsafe();
    }

    /**
     * Kryo probes sun.misc.Unsafe when its Util class initializes, which on JDK 24+ prints a
     * deprecation warning into the application's stderr. The heap never uses Kryo's Unsafe
     * buffers (their byte order is the CPU's), so the probe is switched off for the moment Util
     * initializes; the property is restored right after.
     */
    private static void disableKryoUnsafe() {
        String previous = System.getProperty("kryo.unsafe");
        System.setProperty("kryo.unsafe", "false");
        try {
            Class.forName("com.esotericsoftware.kryo.util.Util", true, HeapKryo.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        } finally {
            if (previous == null) {
                System.clearProperty("kryo.unsafe");
            } else {
                System.setProperty("kryo.unsafe", previous);
            }
        }
    }

    /**
     * Strings up to this length are written as values, without a reference id, or none when -1
     * (the default: every string keeps its identity). See {@link HeapWriter#inlineShortStrings}.
     */
    int inlineStrings = -1;

    final HeapClassResolver classes;
    final IdentityReferences refs;
    /** Where the writer takes identity hash codes from: the JVM, or a test's fixed ones. */
    ToIntFunction<Object> identityHashes = System::identityHashCode;
    final Classifier classifier;
    private final HeapRegistration sharedString;

    // writing
    final GraphPath path = new GraphPath();
    JvmTokens tokens;
    LateBindings late;
    private final IdentityHashMap<Class<?>, long[]> histogram = new IdentityHashMap<>();
    private static final int HIST_CACHE = 256;
    private final Class<?>[] histKeys = new Class<?>[HIST_CACHE];
    private final long[][] histValues = new long[HIST_CACHE][];
    private long objects;

    /**
     * While writing: the synchronizers of the locks written whose class extends ReentrantLock,
     * which a Condition may not share (see {@link JdkSuperclassState#CONDITION_OF_LOCK_SUBCLASS}).
     */
    private Set<Object> lockSubclassSyncs;

    // reading
    DeferredFills deferred;
    /**
     * While writing: the threads of the checkpoint, in the order of the file's thread list; their
     * ThreadLocal values are captured, and they are the threads that may be written while alive.
     */
    List<Thread> capturedThreads = List.of();
    /** While writing: whether {@link #capturedThreads} are a checkpoint's threads, which may be written alive. */
    boolean threadsInCheckpoint;

    static HeapKryo create(ClassLoader loader, java.util.function.Predicate<String> classAllowed) {
        Classifier classifier = new Classifier();
        return new HeapKryo(classifier, new HeapClassResolver(classifier, loader, classAllowed), new IdentityReferences(), loader);
    }

    private HeapKryo(Classifier classifier, HeapClassResolver classes, IdentityReferences refs, ClassLoader loader) {
        super(classes, refs);
        this.classes = classes;
        this.refs = refs;
        classes.references = refs;
        this.classifier = classifier;
        setReferences(true);
        setAutoReset(false);
        setRegistrationRequired(false);
        setOptimizedGenerics(false);
        setClassLoader(loader);
        classifier.registerFixed(classes);
        this.sharedString = classifier.sharedString;
    }

    @Override
    public void writeClassAndObject(Output output, Object object) {
        if (object != null && Transients.isTransientClass(object.getClass())) {
            object = null;
        }
        if (object == null) {
            output.writeByte(0);
            return;
        }
        Class<?> type = object.getClass();
        HeapRegistration r = classes.registrationFor(type);
        if (r.tokenMode != HeapRegistration.PLAIN || r.refusal != null || tokens.isBound(object)) {
            int token = tokens.find(object);
            if (token >= 0) {
                HeapOutput out = (HeapOutput) output;
                long start = out.total();
                classes.writeClass(out, JvmTokens.Token.class);
                tokens.write(out, object, token);
                count(type, out.total() - start, true);
                return;
            }
            if (r.tokenMode != HeapRegistration.TOKEN_FIRST) {
                throw path.refuse(object, r.refusal);
            }
        }
        long start = output.total();
        boolean isNew = true;
        path.push(object);
        long children;
        try {
            boolean shared;
            if (type == String.class && ((String) object).length() > inlineStrings) {
                r = sharedString;
                shared = true;
            } else {
                // as Kryo's reader decides: by the object's class (a wrapper, never a primitive)
                shared = refs.useReferences(type);
            }
            classes.writeRegistration((HeapOutput) output, r);
            if (shared) {
                int id = refs.getWrittenId(object);
                if (id >= 0) {
                    output.writeVarInt(id + 2, true);
                    isNew = false;
                } else {
                    output.writeByte(1);
                    if (!r.builtFromContent) {
                        refs.addWrittenObject(object);
                        if (r.identityHashed) {
                            output.writeInt(identityHashes.applyAsInt(object));
                        }
                    }
                }
            }
            if (isNew) {
                @SuppressWarnings("unchecked")
                com.esotericsoftware.kryo.Serializer<Object> s = r.getSerializer();
                s.write(this, output, object);
                if (shared && r.builtFromContent && !r.numbersItself) {
                    numberBuiltObject(output, object);
                }
            }
        } finally {
            children = path.pop();
        }
        if (isNew) {
            long len = output.total() - start;
            count(type, len - children, false);
            path.addChildBytes(len);
        }
    }

    /**
     * Gives an object built from its content its id, now that the content is written, and marks
     * it: 0, or the id + 1 it already took when a cycle inside that content led back to it and it
     * was written there in full (the reader keeps that copy; see HeapSerializer.builtFromContent).
     * Returns whether the object is numbered here, false when that copy was written.
     */
    boolean numberBuiltObject(Output output, Object object) {
        int id = refs.getWrittenId(object);
        if (id >= 0) {
            output.writeVarInt(id + 1, true);
            return false;
        }
        refs.addWrittenObject(object);
        output.writeVarInt(0, true);
        return true;
    }

    private void count(Class<?> type, long bytes, boolean token) {
        int slot = System.identityHashCode(type) & (HIST_CACHE - 1);
        long[] h;
        if (histKeys[slot] == type) {
            h = histValues[slot];
        } else {
            h = histogram.get(type);
            if (h == null) {
                h = new long[2];
                histogram.put(type, h);
            }
            histKeys[slot] = type;
            histValues[slot] = h;
        }
        h[0]++;
        h[1] += bytes;
        objects++;
        if (token) {
            path.addChildBytes(bytes);
        }
    }

    @Override
    public void reset() {
        super.reset();
        lockSubclassSyncs = null;
    }

    /** See {@link #lockSubclassSyncs}; emptied by {@link #reset}. */
    Set<Object> lockSubclassSyncs() {
        if (lockSubclassSyncs == null) {
            lockSubclassSyncs = Collections.newSetFromMap(new IdentityHashMap<>());
        }
        return lockSubclassSyncs;
    }

    /** The histogram by class name, and the object count, of what was written since the last call. */
    Map<String, long[]> takeHistogram(long[] objectCount) {
        Map<String, long[]> byName = new java.util.TreeMap<>();
        for (Map.Entry<Class<?>, long[]> e : histogram.entrySet()) {
            String name = e.getKey().getName();
            int slash = name.indexOf('/');
            if (slash >= 0) {
                name = name.substring(0, slash);
            }
            long[] sum = byName.computeIfAbsent(name, k -> new long[2]);
            sum[0] += e.getValue()[0];
            sum[1] += e.getValue()[1];
        }
        objectCount[0] = objects;
        histogram.clear();
        java.util.Arrays.fill(histKeys, null);
        java.util.Arrays.fill(histValues, null);
        objects = 0;
        return byName;
    }
}

package dev.stasis.internal.heap;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.ReferenceResolver;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Kryo's reference table, built for millions of objects. Writing a heap of a known size (a
 * checkpoint after the first, sized from the previous count by {@link #expect}): the objects are
 * appended to a plain array in id order, and an open-addressing table of primitive longs
 * (identity hash, id) finds them. The table holds no references, so its random-access stores
 * cost no GC write barrier (with G1, reference stores scattered over a large old array dirty a
 * card and queue it for refinement nearly every time, which made a reference-keyed table several
 * times slower), and growing it rehashes without touching the objects. Writing a heap of unknown
 * size (a JVM's first checkpoint): {@link WrittenObjects}, which grows without ever holding two
 * tables, at some CPU cost. Reading: a flat array from id to object. Boxed primitives, strings
 * written as values (see {@link HeapWriter#inlineShortStrings}) and JVM tokens are written
 * inline, without reference ids. An object built from its content ({@link
 * HeapSerializer#builtFromContent}) takes its id once that content is read, as the writer gave
 * it one once the content was written.
 */
final class IdentityReferences implements ReferenceResolver {

    private static final int INITIAL = 1 << 12;
    /** The most elements {@link #prefetch} takes at once. */
    static final int PREFETCH = 64;

    /** The table of a write of unknown size; null once {@link #expect} has sized the arrays below. */
    private WrittenObjects growing = new WrittenObjects();
    private long[] table;
    private Object[] written;
    private int writtenCount;
    /**
     * Where {@link #getWrittenId} last found a free slot, -1 for none, and the identity hash it
     * probed for: see {@link #addWrittenObject}.
     */
    private int probedSlot = -1;
    private int probedHash;
    private long prefetchSink;
    /** {@link #prefetch}'s identity hash codes. */
    private final int[] hashes = new int[PREFETCH];

    private Object[] read = new Object[1 << 10];
    private int readCount;
    /** What Kryo holds as the id of an object built from its content until it is complete. */
    private static final int BUILT_LATER = Integer.MIN_VALUE;
    /** Set by the class resolver for each class read: whether the object that follows is built from its content. */
    boolean nextBuiltFromContent;
    /** Whether the heap marks each object built from its content (heap format 2 and later). */
    boolean marksBuiltObjects = true;
    /** Whether new objects of identity-hashed classes are followed by their identity hash (heap format 3 and later). */
    boolean carriesHashes = true;
    /** Whether objects of application subclasses of ThreadLocal carry their per-thread values (heap format 4 and later). */
    boolean threadLocalSubclassValues = true;
    /** Whether readers are followed by what they read ahead (heap format 5 and later). */
    boolean readersCarryReadAhead = true;
    /** Whether threads carry the stack size they were created with (heap format 6 and later). */
    boolean threadsCarryStackSize = true;
    /**
     * Set by the class resolver for each class read: the input the identity hash of the object
     * that follows is read from when it is a new one (see {@link HeapRegistration#identityHashed}),
     * or null.
     */
    HeapInput nextHashFrom;
    /** Identity hashes read and not yet given to their objects: by pairs (id, hash), the latest last. */
    private int[] pendingHashes = new int[32];
    private int pending;
    /** Objects whose identity hash could not be given back (they had one already in this JVM). */
    private long hashesNotCarried;
    /** The object just built is a copy of one a cycle inside its content had built already: it takes no id. */
    private boolean builtTwice;

    @Override
    public void setKryo(Kryo kryo) {
    }

    /**
     * Sizes the empty tables for about {@code objects} objects (the previous checkpoint's count),
     * so that a write of a large heap does not rehash the table a dozen times on the way up; the
     * tables are released again by {@link #reset}, so nothing is held between checkpoints.
     * Without this call a write uses {@link WrittenObjects}.
     */
    void expect(long objects) {
        if (growing == null || growing.count() != 0) {
            return;
        }
        growing = null;
        if (objects <= INITIAL) {
            table = new long[INITIAL];
            written = new Object[INITIAL];
            return;
        }
        int capacity = Integer.highestOneBit((int) Math.min(1 << 29, objects * 4 / 3 + 1)) << 1;
        table = new long[capacity];
        written = new Object[(int) Math.min(Integer.MAX_VALUE - 8, objects + objects / 8)];
    }

    /**
     * Gives the table of a write of unknown size ({@link WrittenObjects}) an estimate of its count,
     * {@code objects}, which its segments grow straight to once the write reaches half of it; not
     * when {@link #expect} has sized the table.
     */
    void estimate(long objects) {
        if (growing != null && growing.count() == 0) {
            growing = new WrittenObjects(objects);
        }
    }

    /**
     * Sizes the id-to-object array of a read for about {@code objects} objects (the count the
     * file's summary gives), so that reading a large heap does not copy it a dozen times on the way
     * up (29 million objects: a 128 MB array, and its outgrown copies, which G1 scans at every young
     * collection while they live). A count that is too small only means growing as before.
     */
    void expectRead(int objects) {
        if (readCount == 0 && objects > read.length) {
            read = new Object[objects];
        }
    }

    /** Every object written so far, in id order. */
    List<Object> writtenObjects() {
        WrittenObjects g = growing;
        if (g == null) {
            return Arrays.asList(written).subList(0, writtenCount);
        }
        return new AbstractList<>() {
            @Override
            public Object get(int index) {
                return g.get(Objects.checkIndex(index, g.count()));
            }

            @Override
            public int size() {
                return g.count();
            }
        };
    }

    private static int mix(int h) {
        int x = h * 0x9E3779B9;
        return x ^ (x >>> 16);
    }

    @Override
    public int getWrittenId(Object object) {
        WrittenObjects g = growing;
        if (g != null) {
            return g.find(object);
        }
        int h = System.identityHashCode(object);
        long[] t = table;
        int mask = t.length - 1;
        int i = mix(h) & mask;
        while (true) {
            long e = t[i];
            if (e == 0) {
                probedSlot = i;
                probedHash = h;
                return -1;
            }
            if ((int) (e >>> 32) == h && written[(int) e - 1] == object) {
                return (int) e - 1;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * Touches the table slots of {@code a[from..to)} (at most {@link #PREFETCH} elements) before
     * they are written. On a large heap the table is far bigger than the CPU caches and every
     * probe is a cache miss; these loads do not depend on each other, so the CPU overlaps their
     * misses instead of paying them one by one. The identity hash codes are all taken first: the
     * first one an object is asked for is stored into its header by an atomic instruction, which
     * on x86 waits for every load in flight, so taken between the loads they had each miss paid
     * in full (nearly a third of the first checkpoint's pause at 7 million objects).
     * The sum only keeps the JIT from dropping the loads.
     */
    void prefetch(Object[] a, int from, int to) {
        int[] h = hashes;
        int n = 0;
        for (int i = from; i < to; i++) {
            Object o = a[i];
            if (o != null) {
                h[n++] = System.identityHashCode(o);
            }
        }
        WrittenObjects g = growing;
        if (g != null) {
            g.prefetch(h, n);
            return;
        }
        long[] t = table;
        int mask = t.length - 1;
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += t[mix(h[i]) & mask];
        }
        prefetchSink += sum;
    }

    /**
     * Appends {@code object} and enters it in the table, in the free slot the probe of {@link
     * #getWrittenId} found when that probe was for the same identity hash and the slot is still
     * free: slots are never emptied, so the slots before it on the hash's probe run are still
     * taken, whichever object the probe was for. The probe is remembered by hash and slot only:
     * the object itself, stored into this long-lived table, would cost a second G1 write barrier
     * per object written (besides the one of {@code written}), whose memory fence waits for the
     * cache misses in flight: 6% of a later checkpoint's pause at 250 MB.
     */
    @Override
    public int addWrittenObject(Object object) {
        WrittenObjects g = growing;
        if (g != null) {
            return g.add(object);
        }
        int id = writtenCount;
        if (id == written.length) {
            written = Arrays.copyOf(written, id * 2);
        }
        written[id] = object;
        writtenCount = id + 1;
        if ((long) writtenCount * 4 >= (long) table.length * 3) {
            grow();
            probedSlot = -1;
        }
        int h = System.identityHashCode(object);
        int slot;
        if (probedSlot >= 0 && h == probedHash && table[probedSlot] == 0) {
            slot = probedSlot;
        } else {
            slot = freeSlot(table, h);
        }
        probedSlot = -1;
        table[slot] = ((long) h << 32) | (id + 1L);
        return id;
    }

    private static int freeSlot(long[] t, int h) {
        int mask = t.length - 1;
        int i = mix(h) & mask;
        while (t[i] != 0) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] old = table;
        long[] t = new long[old.length * 2];
        for (long e : old) {
            if (e != 0) {
                t[freeSlot(t, (int) (e >>> 32))] = e;
            }
        }
        table = t;
    }

    @Override
    public int nextReadId(Class type) {
        if (nextBuiltFromContent && marksBuiltObjects) {
            nextBuiltFromContent = false;
            return BUILT_LATER;
        }
        int id = announce();
        HeapInput in = nextHashFrom;
        if (in != null) {
            nextHashFrom = null;
            int hash = in.readInt();
            if (IdentityHashes.installable()) {
                if (pending == pendingHashes.length) {
                    pendingHashes = Arrays.copyOf(pendingHashes, pending * 2);
                }
                pendingHashes[pending++] = id;
                pendingHashes[pending++] = hash;
            }
        }
        return id;
    }

    /**
     * Gives object {@code id} the identity hash read with it, if any. Nearly always the latest
     * one: serializers of such objects create them and give them their id before their content.
     */
    private void giveHash(int id, Object object) {
        for (int i = pending - 2; i >= 0; i -= 2) {
            if (pendingHashes[i] == id) {
                giveHashNow(object, pendingHashes[i + 1]);
                System.arraycopy(pendingHashes, i + 2, pendingHashes, i, pending - i - 2);
                pending -= 2;
                return;
            }
        }
    }

    /** Gives {@code object} the identity hash code {@code hash} it had when written, if it has none yet in this JVM. */
    void giveHashNow(Object object, int hash) {
        if (IdentityHashes.installable() && !IdentityHashes.install(object, hash)) {
            hashesNotCarried++;
        }
    }

    /** How many objects of the last read kept another identity hash than the one they had when written. */
    long hashesNotCarried() {
        return hashesNotCarried;
    }

    private int announce() {
        if (readCount == read.length) {
            read = Arrays.copyOf(read, read.length * 2);
        }
        return readCount++;
    }

    /**
     * The object a cycle inside the content just read had already built and numbered {@code id}:
     * the copy built from that content is dropped, and the object Kryo now announces takes no id.
     */
    Object builtBefore(int id) {
        if (id < 0 || id >= readCount || read[id] == null) {
            throw new CorruptData("object built from its content refers to object #" + id + ", which was not read");
        }
        builtTwice = true;
        return read[id];
    }

    @Override
    public void setReadObject(int id, Object object) {
        if (id == BUILT_LATER) {
            if (builtTwice) {
                builtTwice = false;
            } else {
                read[announce()] = object;
            }
            return;
        }
        if (id < 0 || id >= readCount) {
            throw new CorruptData("reference id " + id + " was never announced");
        }
        read[id] = object;
        if (pending != 0) {
            giveHash(id, object);
        }
    }

    @Override
    public Object getReadObject(Class type, int id) {
        if (id < 0 || id >= readCount) {
            throw new CorruptData("reference to object #" + id + " which does not precede it");
        }
        return read[id];
    }

    @Override
    public void reset() {
        growing = new WrittenObjects();
        table = null;
        written = null;
        writtenCount = 0;
        probedSlot = -1;
        read = new Object[1 << 10];
        readCount = 0;
        nextBuiltFromContent = false;
        marksBuiltObjects = true;
        builtTwice = false;
        carriesHashes = true;
        threadLocalSubclassValues = true;
        readersCarryReadAhead = true;
        threadsCarryStackSize = true;
        nextHashFrom = null;
        pending = 0;
        hashesNotCarried = 0;
    }

    @Override
    public boolean useReferences(Class type) {
        return type != String.class && type != Integer.class && type != Long.class && type != Boolean.class && type != Byte.class
                && type != Short.class && type != Character.class && type != Float.class && type != Double.class
                && type != JvmTokens.Token.class;
    }
}

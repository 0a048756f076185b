package dev.stasis.internal.heap;

import java.util.Arrays;

/**
 * The identity table of a write whose size nobody knows beforehand (a JVM's first checkpoint):
 * the id of every object written so far, found by identity, in a fraction of the heap those
 * objects fill whatever their number. {@link IdentityReferences} uses its single presized table
 * once a previous checkpoint has told it the count; before that, this one, which grows a little
 * at a time: a table grown by doubling holds the old and the new table at once, and had the first
 * checkpoint of 29 M small objects need 1.33 times their heap (issue 7).
 *
 * <p>The objects are appended in id order to chunks of about a million references, which never
 * move. An open-addressing table of primitive longs (identity hash, id) finds them; it holds no
 * references, so its scattered stores cost no GC write barrier. That table is cut into
 * {@value #SEGMENTS} segments by the top bits of the hash, each grown on its own when three
 * quarters full, to 3/2 or 4/3 of its size: a growth holds one old segment (a thousandth of the
 * table) beside its successor. Load stays between 1/2 and 3/4, so 11 to 16 bytes of table and 4
 * of chunk per object, where a table grown by doubling took up to 21 bytes after a growth and 32
 * during one, plus an array of objects that doubled too.
 *
 * <p>The price is the segment look-up and the rehashing of every segment as it grows: measured
 * side by side, the first checkpoint's write took about a quarter more CPU time than with the
 * doubling table, which is why later checkpoints, sized from the previous count, do not use it.
 * Grown from the smallest size, a segment passed some twenty sizes on its way to the size of a
 * few million objects' table, and the growing cost the first checkpoint of 7 million objects as
 * much time as the rest of its table work. With an estimate of the count ({@link
 * #WrittenObjects(long)}), a segment that grows once the write has reached half the estimate goes
 * straight to the size that holds its share of the estimate at a load of 1/2: a write far smaller
 * than the estimate keeps its small segments, and a large one skips the sizes between. At that
 * moment the table takes at most 32 bytes per object written (16 once the estimate is reached),
 * against 11 to 16 when grown step by step.
 *
 * <p>Every array's size, header included, is 2^k or 3 * 2^(k-1) bytes: G1 gives an array larger
 * than half a region (a power of two) whole regions of its own, and such sizes either stay at most
 * half a region or fill most of their regions. Chunks (4 MiB) are such large arrays, so the young
 * collections never copy them; segments stay below 1/2 MiB up to about 50 M objects and start
 * young.
 */
final class WrittenObjects {

    private static final int SEGMENT_BITS = 10;
    private static final int SEGMENTS = 1 << SEGMENT_BITS;
    /** Hash bits below the segment's, which place an object within its segment. */
    private static final int SLOT_BITS = 32 - SEGMENT_BITS;
    private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;
    /** An array's header: mark word, class pointer and length (less with compact headers). */
    private static final int HEADER = 16;
    private static final int MIN_SEGMENT_BYTES = 128;
    /** References per chunk: 4 MiB with compressed references, header included. */
    private static final int CHUNK = ((4 << 20) - HEADER) / 4;
    private static final int FIRST_CHUNK = 1 << 10;

    private final long[][] segments = new long[SEGMENTS][];
    private final int[] filled = new int[SEGMENTS];
    /** How many objects the write is expected to reach, 0 for no estimate. */
    private final long estimate;
    /** The size of a segment that holds its share of {@link #estimate} at a load of 1/2 (the smallest for none). */
    private final int estimatedSegment;
    private Object[][] chunks = new Object[8][];
    private int count;

    /** Where {@link #find} last found a free slot, -1 for none: see {@link IdentityReferences#addWrittenObject}. */
    private int probedSlot = -1;
    private int probedHash;
    private int probedLength;
    private long prefetchSink;

    WrittenObjects() {
        this(0);
    }

    /** A table whose write is expected to reach about {@code estimate} objects: see {@link WrittenObjects}. */
    WrittenObjects(long estimate) {
        this.estimate = Math.max(0, Math.min(estimate, 1L << 30));
        int size = slots(MIN_SEGMENT_BYTES);
        while (size < 2 * (this.estimate / SEGMENTS)) {
            size = larger(size);
        }
        estimatedSegment = size;
        chunks[0] = new Object[FIRST_CHUNK];
    }

    private static int slots(long bytes) {
        return (int) ((bytes - HEADER) / 8);
    }

    /** The next segment size: 2^k bytes become 3 * 2^(k-1), and those 2^(k+1). */
    private static int larger(int capacity) {
        long bytes = capacity * 8L + HEADER;
        return slots(Long.bitCount(bytes) == 1 ? bytes / 2 * 3 : bytes / 3 * 4);
    }

    /** How many objects have ids. */
    int count() {
        return count;
    }

    /** The object of {@code id}. */
    Object get(int id) {
        return chunks[id / CHUNK][id % CHUNK];
    }

    private static int mix(int h) {
        int x = h * 0x9E3779B9;
        return x ^ (x >>> 16);
    }

    /** The first slot of hash {@code x} (mixed) in a segment of {@code length} slots. */
    private static int home(int x, int length) {
        return (int) (((x & SLOT_MASK) * length) >>> SLOT_BITS);
    }

    /**
     * The id of {@code object}, or -1 when it has none yet; a following {@link #add} of the same
     * object reuses the probe.
     */
    int find(Object object) {
        int h = System.identityHashCode(object);
        int x = mix(h);
        long[] t = segments[x >>> SLOT_BITS];
        if (t == null) {
            probedSlot = -1;
            return -1;
        }
        int i = home(x, t.length);
        while (true) {
            long e = t[i];
            if (e == 0) {
                probedSlot = i;
                probedHash = h;
                probedLength = t.length;
                return -1;
            }
            if ((int) (e >>> 32) == h && get((int) e - 1) == object) {
                return (int) e - 1;
            }
            if (++i == t.length) {
                i = 0;
            }
        }
    }

    /**
     * Touches the table slots of the first {@code n} identity hash codes in {@code hashes}: see
     * {@link IdentityReferences#prefetch}.
     */
    void prefetch(int[] hashes, int n) {
        long[][] segs = segments;
        long sum = 0;
        for (int i = 0; i < n; i++) {
            int x = mix(hashes[i]);
            long[] t = segs[x >>> SLOT_BITS];
            if (t != null) {
                sum += t[home(x, t.length)];
            }
        }
        prefetchSink += sum;
    }

    /** Gives {@code object}, which {@link #find} did not know, the next id, and returns it. */
    int add(Object object) {
        int id = count;
        append(id, object);
        count = id + 1;
        int h = System.identityHashCode(object);
        int x = mix(h);
        int s = x >>> SLOT_BITS;
        long[] t = segments[s];
        int n = filled[s] + 1;
        int slot;
        if (t == null || (long) n * 4 > (long) t.length * 3) {
            t = grow(s);
            slot = freeSlot(t, x);
        } else if (probedSlot >= 0 && probedHash == h && probedLength == t.length && t[probedSlot] == 0) {
            // a segment only ever grows, so it is the one find probed
            slot = probedSlot;
        } else {
            slot = freeSlot(t, x);
        }
        probedSlot = -1;
        filled[s] = n;
        t[slot] = ((long) h << 32) | (id + 1L);
        return id;
    }

    private void append(int id, Object object) {
        int c = id / CHUNK;
        int j = id % CHUNK;
        if (c == chunks.length) {
            chunks = Arrays.copyOf(chunks, c * 2);
        }
        Object[] chunk = chunks[c];
        if (chunk == null) {
            chunk = new Object[CHUNK];
            chunks[c] = chunk;
        } else if (j == chunk.length) {
            chunk = Arrays.copyOf(chunk, Math.min(CHUNK, j * 2));
            chunks[c] = chunk;
        }
        chunk[j] = object;
    }

    private static int freeSlot(long[] t, int x) {
        int i = home(x, t.length);
        while (t[i] != 0) {
            if (++i == t.length) {
                i = 0;
            }
        }
        return i;
    }

    private long[] grow(int s) {
        long[] old = segments[s];
        int size = old == null ? slots(MIN_SEGMENT_BYTES) : larger(old.length);
        if (count * 2L >= estimate && size < estimatedSegment) {
            size = estimatedSegment;
        }
        long[] t = new long[size];
        if (old != null) {
            for (long e : old) {
                if (e != 0) {
                    t[freeSlot(t, mix((int) (e >>> 32)))] = e;
                }
            }
        }
        segments[s] = t;
        return t;
    }
}

package dev.stasis.internal.heap;

/**
 * Identity hash codes carried into the restored JVM. Programs and libraries keep them where
 * Stasis cannot rebuild what depends on them: a hash table of their own (Guava's immutable maps
 * and sets, a cache with weak keys, which hashes keys by identity, fastutil's maps) keyed by
 * enum constants or by objects whose class does not override {@code hashCode} (or overrides it
 * with the identity hash) stores or places each key by that code, and a lookup after restore
 * would miss. So the writer records the identity hash of each object of such a class (see
 * {@link #identityBased}), and the reader gives the new object the same one before anything can
 * ask for it.
 *
 * <p>No API sets an identity hash. In HotSpot it is a bit field of the object's header word,
 * filled in the first time it is asked for; this class writes that field of an object that has
 * none yet, with a compare-and-set of the header (so that a concurrent collector or a lock never
 * loses its own update). The field's position differs between JDK versions and header layouts
 * (bit 8 on JDK 17, bit 11 on JDK 25, with or without compact headers), so it is measured when
 * this class loads, on fresh objects, and the result is checked by reading the code back. When
 * the measure fails (another JVM, the agent's export of jdk.internal.misc missing), nothing is
 * installed and identity hash codes change across a restore, as they do between two runs.
 * An enum constant or other object that already had a hash in the new JVM keeps it.
 */
final class IdentityHashes {

    /** Where the hash sits in the header word, or -1 when hashes cannot be installed here. */
    private static final int SHIFT = measureShift();
    private static final long MASK = 0x7FFF_FFFFL;
    /** The low header bits of an unlocked object (lock bits 01, not biased, not forwarded). */
    private static final long UNLOCKED = 0b001;

    private IdentityHashes() {
    }

    /** Whether this JVM lets Stasis give restored objects their former identity hash codes. */
    static boolean installable() {
        return SHIFT >= 0;
    }

    /**
     * Whether the {@code hashCode} of instances of {@code type} is their identity hash code: it
     * is {@code Object}'s or {@code Enum}'s (which is the identity hash, cached from JDK 21 on),
     * or an application class's that the rewriter saw hand out the identity hash
     * ({@link HashCodeByIdentity}).
     */
    static boolean identityBased(Class<?> type) {
        try {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                Class<?> declaring = c.getMethod("hashCode").getDeclaringClass();
                if (declaring == Object.class || declaring == Enum.class) {
                    return true;
                }
                Boolean throughSuperclass = HashCodeByIdentity.throughSuperclass(declaring);
                if (throughSuperclass == null) {
                    return false;
                }
                if (!throughSuperclass) {
                    return true;
                }
                c = declaring;
            }
            return false;
        } catch (NoSuchMethodException | SecurityException e) {
            return false;
        }
    }

    /**
     * Gives {@code o} the identity hash code {@code hash} unless it has one already. Returns
     * whether {@code o}'s identity hash code is now {@code hash}.
     */
    static boolean install(Object o, int hash) {
        if (SHIFT < 0 || hash <= 0) {
            return false;
        }
        try {
            while (true) {
                long header = (long) InternalUnsafe.GET_LONG.invokeExact(o, 0L);
                long existing = (header >>> SHIFT) & MASK;
                if (existing != 0) {
                    return existing == hash;
                }
                if ((header & 0b111) != UNLOCKED) {
                    return false;
                }
                long hashed = header | ((long) hash << SHIFT);
                if ((boolean) InternalUnsafe.COMPARE_AND_SET_LONG.invokeExact(o, 0L, header, hashed)) {
                    return true;
                }
            }
        } catch (Throwable e) {
            return false;
        }
    }

    /**
     * Finds the bit position of the hash in the header of fresh objects (their header with no
     * hash, then with the one the JVM assigned), the same for every sample, and checks that a
     * hash written there is the one {@link System#identityHashCode} then returns.
     */
    private static int measureShift() {
        String vm = System.getProperty("java.vm.name", "");
        if (!InternalUnsafe.AVAILABLE || !(vm.contains("HotSpot") || vm.contains("OpenJDK"))) {
            return -1;
        }
        try {
            int shift = -1;
            for (int i = 0; i < 8; i++) {
                Object o = new Object();
                long before = (long) InternalUnsafe.GET_LONG.invokeExact(o, 0L);
                int h = System.identityHashCode(o);
                long after = (long) InternalUnsafe.GET_LONG.invokeExact(o, 0L);
                int s = Long.numberOfTrailingZeros(after ^ before) - Integer.numberOfTrailingZeros(h);
                if (h <= 0 || (before & 0b111) != UNLOCKED || s < 0 || s > 32 || (after ^ before) != ((long) h << s)
                        || (shift >= 0 && s != shift)) {
                    return -1;
                }
                shift = s;
            }
            for (int probe : new int[] {0x2345_6789, 0x7FFF_FFFF, 1}) {
                Object o = new Object();
                long header = (long) InternalUnsafe.GET_LONG.invokeExact(o, 0L);
                if ((header & 0b111) != UNLOCKED || ((header >>> shift) & MASK) != 0
                        || !(boolean) InternalUnsafe.COMPARE_AND_SET_LONG.invokeExact(o, 0L, header,
                                header | ((long) probe << shift))
                        || System.identityHashCode(o) != probe) {
                    return -1;
                }
            }
            return shift;
        } catch (Throwable e) {
            return -1;
        }
    }
}

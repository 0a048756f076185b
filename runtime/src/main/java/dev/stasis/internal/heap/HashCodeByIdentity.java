package dev.stasis.internal.heap;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Application classes whose own {@code hashCode()} hands out the object's identity hash code, as
 * the rewriter read in their bytecode: it calls {@code System.identityHashCode} (Rhino's
 * {@code SymbolKey}, the key of every JavaScript symbol property), or {@code super.hashCode()}.
 * Their objects carry the identity hash through a checkpoint like those of a class without its
 * own {@code hashCode} (see {@link IdentityHashes#identityBased}); without it, a hash table that
 * placed them by it (Rhino's property maps) finds none of them after a restore.
 *
 * <p>The rewriter registers a class before the class is defined, in the checkpointing and in the
 * restoring JVM alike, so both sides agree on which objects carry a hash; the field layout hash
 * written with each class name checks that they do.
 */
public final class HashCodeByIdentity {

    private static final Map<ClassLoader, Map<String, Boolean>> BY_LOADER = new WeakHashMap<>();

    private HashCodeByIdentity() {
    }

    /**
     * Called by the rewriter for a class whose {@code hashCode()} calls {@code System.identityHashCode}
     * or {@code Object.hashCode()} ({@code throughSuperclass} false), or its superclass's
     * {@code hashCode()} (true: it depends on what that one does).
     */
    public static void register(ClassLoader loader, String className, boolean throughSuperclass) {
        synchronized (BY_LOADER) {
            BY_LOADER.computeIfAbsent(loader, l -> new ConcurrentHashMap<>()).put(className, throughSuperclass);
        }
    }

    /**
     * Whether {@code declaring}'s own {@code hashCode()} hands out the identity hash code: null
     * when the rewriter found no sign of it, {@code FALSE} when it calls the identity hash itself,
     * {@code TRUE} when it calls its superclass's.
     */
    static Boolean throughSuperclass(Class<?> declaring) {
        synchronized (BY_LOADER) {
            Map<String, Boolean> m = BY_LOADER.get(declaring.getClassLoader());
            return m == null ? null : m.get(declaring.getName());
        }
    }
}

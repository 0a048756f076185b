package dev.stasis.internal.heap;

import java.util.Map;
import java.util.function.Predicate;

/**
 * Gives the classes a checkpoint's heap holds as values their former identity hash codes at the
 * very start of a restore, before the heap is read.
 *
 * <p>A {@code Class} object's {@code hashCode} is its identity hash, and programs key hash tables
 * of their own by classes (Clojure's multimethod dispatch and prefer tables, Guava's immutable
 * maps of types): a lookup after restore misses unless the class has the code it had. The heap
 * gives each class its code where it first names it, but by then the new JVM has often hashed
 * the class already: the JDK's reflection hashes every class it is asked about (its member
 * filters are maps keyed by class), and so does a restore that sets static fields or builds its
 * serializers. A class takes a code only once, so the checkpoint file lists these classes and
 * their codes ({@code clhc}, see docs/FORMAT.md) and the restore gives them right after it has
 * checked the file, loading each class without initializing it. What the JVM hashed while it
 * started (some {@code java.lang} classes) keeps its own code, as before.
 */
public final class ClassIdentityHashes {

    private ClassIdentityHashes() {
    }

    /**
     * Loads each named class through {@code loader} without initializing it and gives it its hash
     * code unless it has one already. Classes that {@code allowed} rejects (by binary name) and
     * that are not JDK classes, and classes that cannot be loaded, are passed over: the heap
     * reader, which resolves every name it needs under the same rules, reports them if they
     * matter. Returns how many classes were found with another identity hash code already.
     */
    public static int giveAhead(Map<String, Integer> hashes, ClassLoader loader, Predicate<String> allowed) {
        if (!IdentityHashes.installable()) {
            return 0;
        }
        int kept = 0;
        for (Map.Entry<String, Integer> e : hashes.entrySet()) {
            Class<?> c = load(e.getKey(), loader, allowed);
            if (c != null && !IdentityHashes.install(c, e.getValue())) {
                kept++;
            }
        }
        return kept;
    }

    private static Class<?> load(String name, ClassLoader loader, Predicate<String> allowed) {
        try {
            return HeapClassResolver.resolve(name, loader, allowed);
        } catch (CorruptData e) {
            return null;
        }
    }
}

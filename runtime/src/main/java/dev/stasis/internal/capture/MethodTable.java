package dev.stasis.internal.capture;

import dev.stasis.internal.format.MethodInfo;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every instrumented method, registered by the rewriter when it rewrites a class: at which
 * bytecode offsets a frame of it can be captured, and what to tell a checkpoint file about it.
 * The stack walk that decides whether a checkpoint can be taken asks this table about each frame.
 */
public final class MethodTable {

    /** One rewritten method body. */
    static final class Entry {
        final String key;
        final int[] captureBcis;
        final int[] siteWords;
        final int[] unrecordedBcis;
        /** See {@link MethodTable#rebuildWords}. */
        final int rebuildWords;

        Entry(String key, int[] captureBcis, int[] siteWords, int[] unrecordedBcis, int rebuildWords) {
            this.key = key;
            this.captureBcis = captureBcis;
            this.siteWords = siteWords;
            this.unrecordedBcis = unrecordedBcis;
            this.rebuildWords = rebuildWords;
        }

        /** The site word of the capturable call at this offset, or -1. */
        int siteWordAt(int bci) {
            for (int k = 0; k < captureBcis.length; k++) {
                if (captureBcis[k] == bci) {
                    return siteWords[k];
                }
            }
            return -1;
        }

        /**
         * Whether a frame stopped here needs no record: a constructor waiting in super(...), or a
         * method waiting for its restore-only copy.
         */
        boolean isUnrecordedAt(int bci) {
            for (int b : unrecordedBcis) {
                if (b == bci) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final Map<ClassLoader, Map<String, Entry>> BY_LOADER = new WeakHashMap<>();
    private static final Map<String, MethodInfo> INFO = new ConcurrentHashMap<>();
    private static final Map<String, Integer> REBUILD_WORDS = new ConcurrentHashMap<>();
    private static final Set<String> CLASSES = ConcurrentHashMap.newKeySet();

    private MethodTable() {
    }

    /**
     * Called by the rewriter for each rewritten method body (a constructor's restore-only copy
     * registers under its own name with the constructor's key, and {@code info} null).
     * {@code unrecordedBcis} are the super(...) calls where a constructor's frame may stand
     * without being recorded, and a method's call to its restore-only copy (which registers under
     * its own name and descriptor with the method's key, and {@code info} null, too).
     * {@code rebuildWords}: see {@link #rebuildWords}.
     */
    public static void register(ClassLoader loader, String internalClassName, String methodName, String desc,
            String key, int[] captureBcis, int[] siteWords, int[] unrecordedBcis, int rebuildWords, MethodInfo info) {
        Map<String, Entry> entries;
        synchronized (BY_LOADER) {
            entries = BY_LOADER.computeIfAbsent(loader, l -> new ConcurrentHashMap<>());
        }
        entries.put(internalClassName.replace('/', '.') + "." + methodName + desc, new Entry(key, captureBcis, siteWords, unrecordedBcis,
                rebuildWords));
        CLASSES.add(internalClassName.replace('/', '.'));
        if (info != null) {
            INFO.put(key, info);
            REBUILD_WORDS.put(key, rebuildWords);
        }
    }

    static Entry find(Class<?> declaringClass, String methodName, String desc) {
        Map<String, Entry> entries;
        synchronized (BY_LOADER) {
            entries = BY_LOADER.get(declaringClass.getClassLoader());
        }
        return entries == null ? null : entries.get(declaringClass.getName() + "." + methodName + desc);
    }

    /**
     * Whether a class of this name has rewritten methods (in any loader): a thread with a frame of
     * such a class on its stack is an application thread, which a checkpoint must stop.
     */
    public static boolean isInstrumentedClass(String className) {
        return CLASSES.contains(className);
    }

    /**
     * The words a resumed frame of the method with this key may take on the stack, as the
     * rewriter estimated them (see {@link RebuildStack}); -1 for a method this JVM has not rewritten.
     */
    public static int rebuildWords(String key) {
        return REBUILD_WORDS.getOrDefault(key, -1);
    }

    /** What the rewriter recorded about the method with this key, or null. */
    public static MethodInfo info(String key) {
        return INFO.get(key);
    }
}

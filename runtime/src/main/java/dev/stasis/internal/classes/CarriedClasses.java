package dev.stasis.internal.classes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The class files of classes that the program's own class loaders defined: code it generated at
 * run time (Rhino's compiled scripts, Groovy scripts, classes compiled with {@code javax.tools}),
 * or loaded from places its class path does not name (a plugin directory). A restored JVM cannot
 * load them by name from its class path, so every checkpoint carries their class files, and the
 * restore defines them again (see {@link CarriedClassLoader}) before it reads the heap.
 *
 * <p>The agent records each class file as such a loader defines it, the class file as the loader
 * gave it, before rewriting (the restoring JVM rewrites it again). A loader's classes are
 * forgotten when the loader is collected. Classes of the JVM's own loaders (boot, platform,
 * system) are found by name in any JVM with the same class path and are never recorded.
 */
public final class CarriedClasses {

    private static final Map<ClassLoader, Map<String, byte[]>> BY_LOADER = new WeakHashMap<>();

    private CarriedClasses() {
    }

    /** Whether classes {@code loader} defines are carried: it is none of the JVM's own loaders. */
    public static boolean carries(ClassLoader loader) {
        return loader != null && loader != ClassLoader.getPlatformClassLoader()
                && loader != ClassLoader.getSystemClassLoader();
    }

    /**
     * Called by the agent as {@code loader} defines the class {@code internalName} from
     * {@code classFile} (not copied: the agent does not change the array it is given).
     */
    public static void record(ClassLoader loader, String internalName, byte[] classFile) {
        synchronized (BY_LOADER) {
            BY_LOADER.computeIfAbsent(loader, l -> new LinkedHashMap<>()).put(internalName.replace('/', '.'),
                    classFile);
        }
    }

    /**
     * The class files of the classes of every loader still alive, by binary name. One restore
     * loader defines them all, so two loaders that defined the same name differently cannot both
     * be carried: that fails the checkpoint with a message naming the class.
     */
    public static Map<String, byte[]> current() {
        Map<String, byte[]> all = new LinkedHashMap<>();
        List<String> clashes = new ArrayList<>();
        synchronized (BY_LOADER) {
            for (Map<String, byte[]> classes : BY_LOADER.values()) {
                for (Map.Entry<String, byte[]> e : classes.entrySet()) {
                    byte[] before = all.putIfAbsent(e.getKey(), e.getValue());
                    if (before != null && !Arrays.equals(before, e.getValue())) {
                        clashes.add(e.getKey());
                    }
                }
            }
        }
        if (!clashes.isEmpty()) {
            throw new IllegalStateException("two class loaders of the program defined class " + clashes.get(0)
                    + " with different class files, and a restore defines the classes the program's own loaders"
                    + " defined in one loader. Give the classes distinct names (a script engine's class name"
                    + " prefix, say), or let only one of those loaders live at the checkpoint.");
        }
        return all;
    }
}

package dev.stasis.internal.heap;

import dev.stasis.internal.log.StasisLog;
import java.io.File;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * What a program asked the JVM to do when it exits, which the JVM keeps where no heap walk from the
 * program's roots finds it: its shutdown hooks ({@code Runtime.addShutdownHook}: threads not
 * started yet, in {@code java.lang.ApplicationShutdownHooks}) and the files to delete ({@code
 * File.deleteOnExit}, in {@code java.io.DeleteOnExitHook}). A checkpoint carries them and a restore
 * asks for them again, so a restored program that ends runs its hooks (a solver that prints its
 * answer from one, a job that flushes its results) and deletes its temporary files as the original
 * would have. Hooks that are the JDK's own (a JDK thread class running JDK code, such as the
 * logging's cleaner) are left to the restored JVM, which registers its own.
 */
public final class ExitActions {

    /** The JDK classes found without the table they should hold, each reported once. */
    private static final Set<String> MISSING_REPORTED = ConcurrentHashMap.newKeySet();

    private ExitActions() {
    }

    /**
     * The shutdown hooks registered now, but for {@code excluded} and the JDK's own; empty once
     * the JVM has begun to shut down (the JDK then drops its table of hooks).
     */
    public static List<Thread> shutdownHooks(Collection<Thread> excluded) {
        List<Thread> hooks = new ArrayList<>();
        Class<?> table = table("java.lang.ApplicationShutdownHooks", "hooks");
        if (table == null) {
            return hooks;
        }
        // The JDK adds, removes and runs its hooks holding this class's lock.
        synchronized (table) {
            Map<?, ?> registered = (Map<?, ?>) JdkInternals.declared(table, "hooks", null);
            if (registered == null) {
                return hooks;
            }
            for (Object key : registered.keySet()) {
                Thread hook = (Thread) key;
                if (!excluded.contains(hook) && !isJdks(hook)) {
                    hooks.add(hook);
                }
            }
        }
        return hooks;
    }

    /** The paths of the files to delete on exit, in the order they were registered. */
    public static List<String> filesToDelete() {
        List<String> paths = new ArrayList<>();
        Class<?> table = table("java.io.DeleteOnExitHook", "files");
        if (table == null) {
            return paths;
        }
        synchronized (table) {
            Collection<?> files = (Collection<?>) JdkInternals.declared(table, "files", null);
            if (files != null) {
                for (Object f : files) {
                    paths.add((String) f);
                }
            }
            return paths;
        }
    }

    /**
     * Registers {@code hooks} and {@code files} (each path through {@code paths}, the restore's
     * map of moved files) with this JVM. A hook this JVM refuses (it is shutting down already) is
     * skipped: the program then ends as it would have without it.
     */
    public static void register(List<Thread> hooks, List<String> files, UnaryOperator<String> paths) {
        for (Thread hook : hooks) {
            try {
                Runtime.getRuntime().addShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // shutting down, or registered already
            }
        }
        for (String path : files) {
            new File(paths.apply(path)).deleteOnExit();
        }
    }

    /**
     * Takes back {@code hooks} and {@code files} from this JVM, which is about to exit right after
     * a checkpoint that carries them: the program is suspended there, not ended, and its exit
     * actions belong to the JVM that restores it (a scratch file deleted now would be missing
     * there).
     */
    public static void withdraw(List<Thread> hooks, List<String> files) {
        for (Thread hook : hooks) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                return;
            }
        }
        Class<?> table = table("java.io.DeleteOnExitHook", "files");
        if (table == null) {
            return;
        }
        synchronized (table) {
            Collection<?> registered = (Collection<?>) JdkInternals.declared(table, "files", null);
            if (registered != null) {
                registered.removeAll(files);
            }
        }
    }

    private static boolean isJdks(Thread hook) {
        if (!Classifier.isJdk(hook.getClass())) {
            return false;
        }
        Object task = ThreadSerializer.target(hook);
        return task == null || Classifier.isJdk(task.getClass());
    }

    /**
     * The JDK class whose static field {@code field} holds a table of exit actions, or null when
     * this JDK keeps them elsewhere: then checkpoints carry none of that kind (said once), rather
     * than fail.
     */
    private static Class<?> table(String className, String field) {
        try {
            Class<?> c = Class.forName(className);
            if (JdkInternals.field(c, field) != null) {
                return c;
            }
        } catch (ClassNotFoundException e) {
            // reported below
        }
        if (MISSING_REPORTED.add(className)) {
            StasisLog.warn("stasis: this JDK has no " + className + "." + field + ", where Stasis reads what a program"
                    + " asked the JVM to do when it exits: checkpoints carry none of it, and a restored program does"
                    + " not run the shutdown hooks or delete the files registered before its checkpoint.");
        }
        return null;
    }

}

package dev.stasis.internal.statics;

import dev.stasis.internal.heap.InternalUnsafe;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Tracks the initialization of instrumented classes (each one's static initializer starts with a
 * call to {@link #enter}), in order, so a checkpoint knows which classes' static fields to write,
 * and lets a restore skip the initializers of classes that were initialized at the checkpoint:
 * their static fields come from the file instead (JVMS 5.5 runs an initializer once per JVM, and
 * running it again would repeat its side effects). An enum's constants are re-created without its
 * initializer ({@link EnumConstants}); its other static fields come from the file like any class's.
 */
public final class ClassInit {

    private static final List<Class<?>> INITIALIZED = new ArrayList<>();
    private static volatile Set<String> skip = Set.of();
    private static final StackWalker CALLER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private ClassInit() {
    }

    /**
     * Called first in every instrumented class's static initializer; true means "return at once".
     * An interface's final fields can be set afterwards only through
     * {@link InternalUnsafe#setStatic}: without it the interface's initializer runs again, as the
     * JVM that wrote the checkpoint ran it.
     */
    public static boolean enter(Class<?> c) {
        synchronized (INITIALIZED) {
            INITIALIZED.add(c);
        }
        if (!skip.contains(c.getName())) {
            return false;
        }
        if (c.isInterface()) {
            return InternalUnsafe.setsFinalStatics();
        }
        return !c.isEnum() || EnumConstants.create(c);
    }

    /**
     * As {@link #enter}, for the class whose static initializer calls this: class files older
     * than Java 5 (version 49) cannot load a class constant (JVMS 4.4.1, ldc), so their hook names
     * no class and the caller is found on the stack.
     */
    public static boolean enterCaller() {
        return enter(CALLER.getCallerClass());
    }

    /** The instrumented classes initialized so far, in initialization order. */
    public static List<Class<?>> initialized() {
        synchronized (INITIALIZED) {
            return new ArrayList<>(INITIALIZED);
        }
    }

    /** From now on, these classes skip their static initializers (a restore is loading them). */
    public static void skipInitializersOf(Set<String> classNames) {
        skip = Set.copyOf(classNames);
    }
}

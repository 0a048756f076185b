package dev.stasis.internal.statics;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Classes bound to a native library of this JVM, which a restored JVM initializes afresh rather
 * than from the checkpoint. A native method is linked to the libraries its class's loader loaded
 * (JNI specification, "Linking Native Methods"), and a library is loaded by a call of {@code
 * System.load} or {@code loadLibrary}, usually in a static initializer. A restore sets the static
 * fields of the classes initialized at the checkpoint instead of running their initializers
 * (see {@link ClassInit}), so without this no library would be loaded and the first native call
 * would throw {@code UnsatisfiedLinkError}; and a loader's bookkeeping (JavaCPP's table of loaded
 * libraries, a {@code loaded} flag, the path of a library extracted for this machine's CPU) would
 * say a library is loaded when it is not, or name a file of another machine.
 *
 * <p>The rewriter calls {@link #loading()} right after each such call in instrumented code. The
 * class that made the call and the class whose static initializer was innermost on the stack
 * (the one whose native methods need the library: {@code static { Loader.load(); }}) are left out
 * of checkpoints, static fields included, so a restored JVM runs their initializers as a fresh one
 * would, when they are first used. Outer initializers on the stack are not: their classes only
 * happened to trigger the loading, and their state matters to the program.
 */
public final class NativeLibraryClasses {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final Set<Class<?>> BOUND = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private NativeLibraryClasses() {
    }

    /** Called by instrumented code right after it loaded a native library. */
    public static void loading() {
        WALKER.walk(frames -> {
            frames.skip(1).limit(1).forEach(caller -> BOUND.add(caller.getDeclaringClass()));
            return null;
        });
        WALKER.walk(frames -> frames.skip(1).filter(f -> f.getMethodName().equals("<clinit>")).findFirst())
                .ifPresent(initializer -> BOUND.add(initializer.getDeclaringClass()));
    }

    /** Whether a restored JVM must initialize {@code c} afresh. */
    public static boolean isBound(Class<?> c) {
        return BOUND.contains(c);
    }
}

package dev.stasis.internal.resume;

import java.lang.StackWalker.StackFrame;
import java.util.Iterator;

/**
 * Tells an instrumented method that the JVM entered on its own, while the current thread re-enters
 * its frames, from the frame the resume expects next. Between one frame's entry and the call it
 * re-issues, the thread may run code nobody called: resolving a class named in that frame's code
 * makes the JVM call {@code loadClass} of the class's loader, which is the program's own for
 * classes it generated (Rhino's compiled scripts), and linking an {@code invokedynamic} calls its
 * bootstrap method (Rhino's, Groovy's). Such methods, and everything they call, are not frames
 * being resumed: they run as they always do, and the resume goes on when the re-issued call
 * arrives. A method entered straight from the frame below it that is not the one the resume
 * expects means the code differs from the checkpoint's.
 */
final class ImplicitEntry {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private ImplicitEntry() {
    }

    /**
     * Whether the instrumented method that called {@link Resume#enter} was entered other than by
     * the frame {@code caller} (a method key {@code owner.name(desc)}, null for a thread's base
     * frame, which only Stasis or the thread's start calls) re-issuing its call: by a class loader
     * the JVM asked for a class, or by anything but {@code caller}.
     */
    static boolean test(String caller) {
        return WALKER.walk(frames -> {
            Iterator<StackFrame> it = frames.iterator();
            StackFrame entered = null;
            while (it.hasNext() && entered == null) {
                StackFrame f = it.next();
                if (f.getDeclaringClass() != Resume.class && f.getDeclaringClass() != ImplicitEntry.class) {
                    entered = f;
                }
            }
            if (entered == null) {
                return false;
            }
            if (ClassLoader.class.isAssignableFrom(entered.getDeclaringClass())
                    && entered.getMethodName().startsWith("loadClass")) {
                return true;
            }
            if (caller == null || !it.hasNext()) {
                return false;
            }
            StackFrame below = it.next();
            int dot = caller.indexOf('.');
            return !(below.getClassName().equals(caller.substring(0, dot).replace('/', '.'))
                    && below.getMethodName().equals(caller.substring(dot + 1, caller.indexOf('('))));
        });
    }
}

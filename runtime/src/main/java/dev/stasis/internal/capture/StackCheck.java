package dev.stasis.internal.capture;

import dev.stasis.internal.classes.ClassPathClasses;
import java.lang.StackWalker.StackFrame;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Decides, before anything is unwound, whether the current thread's stack can be captured here:
 * from the checkpoint point down to the thread's base, every frame must be an instrumented method
 * stopped at a call site that can unwind, or a lambda's generated class that only forwards the
 * call, and not one of a class loader's instance methods (the loader cannot be in a checkpoint).
 * Below the base lie only the thread's root frames (the launcher, {@code Thread.run}, or
 * Stasis's restore driver with the reflection it uses), which a restore re-creates by itself.
 */
public final class StackCheck {

    /**
     * The outcome: how many instrumented frames, the stack it may take to call them again ({@link
     * RebuildStack}), or the frame that prevents capture.
     */
    public static final class Result {
        public final int depth;
        public final long rebuildBytes;
        public final String blockingFrame;

        Result(int depth, long rebuildBytes, String blockingFrame) {
            this.depth = depth;
            this.rebuildBytes = rebuildBytes;
            this.blockingFrame = blockingFrame;
        }

        public boolean capturable() {
            return blockingFrame == null;
        }
    }

    /** Marks the method of Stasis's restore driver that calls a thread's base frame. */
    public static final String RESTORE_ROOT_CLASS = "dev.stasis.internal.restore.BaseFrameCall";

    /** What to do about a frame of code Stasis does not capture. */
    private static final String OUT_OF_JDK_CODE = "; Stasis captures only frames of instrumented application code,"
            + " so a checkpoint must be asked for outside code called by the JDK or by an excluded package";

    private static final StackWalker WALKER = StackWalker.getInstance(
            EnumSet.of(StackWalker.Option.RETAIN_CLASS_REFERENCE, StackWalker.Option.SHOW_REFLECT_FRAMES));
    /** The same with hidden frames, which a lambda's class and method-handle plumbing run in. */
    private static final StackWalker WITH_HIDDEN_FRAMES = StackWalker.getInstance(EnumSet.of(
            StackWalker.Option.RETAIN_CLASS_REFERENCE, StackWalker.Option.SHOW_REFLECT_FRAMES,
            StackWalker.Option.SHOW_HIDDEN_FRAMES));

    private StackCheck() {
    }

    public static Result ofCurrentThread() {
        Result result = WALKER.walk(StackCheck::check);
        if (!result.capturable()) {
            return result;
        }
        return new Result(result.depth, result.rebuildBytes, constructorNotCalledByRewrittenCode());
    }

    /**
     * Looks at the frames one at a time and stops at the first that blocks the capture: a thread
     * backing off while a checkpoint waits (a frame not instrumented lies below it) looks at its
     * stack again every millisecond, and a deep stack (an interpreter's recursion) collected
     * whole at each look made such threads markedly slower.
     */
    private static Result check(Stream<StackFrame> stack) {
        Iterator<StackFrame> frames = stack.iterator();
        StackFrame f = frames.hasNext() ? frames.next() : null;
        while (f != null && f.getClassName().startsWith("dev.stasis.")) {
            f = frames.hasNext() ? frames.next() : null;
        }
        int depth = 0;
        long rebuild = 0;
        int aboveSiteWord = -1;
        for (; f != null; f = frames.hasNext() ? frames.next() : null) {
            MethodTable.Entry e = MethodTable.find(f.getDeclaringClass(), f.getMethodName(), f.getDescriptor());
            int siteWord = e == null ? -1 : e.siteWordAt(f.getByteCodeIndex());
            if (siteWord >= 0 && isClassLoaderInstanceMethod(f)) {
                return new Result(depth, rebuild, where(f) + " (a method of a class loader, which cannot be in a checkpoint)");
            }
            if (siteWord >= 0 && !ClassPathClasses.found(f.getDeclaringClass())) {
                return new Result(depth, rebuild, where(f) + " (a method of a class the program defined at run time in"
                        + " the application class loader, which a restoring JVM could not load)");
            }
            if (siteWord >= 0) {
                depth++;
                rebuild += RebuildStack.frameBytes(e.rebuildWords);
                aboveSiteWord = siteWord;
                continue;
            }
            // A constructor waiting in super(...) may stay unrecorded, right below a superclass
            // constructor captured after its own super(...) (its record holds the object), and
            // above a recorded caller (whose record holds this constructor's arguments). A method
            // resumed in its restore-only copy stays unrecorded right below the copy, which
            // records the frame (and, resumed, calls the copy again).
            boolean constructor = f.getMethodName().equals("<init>");
            if (e != null && e.isUnrecordedAt(f.getByteCodeIndex()) && aboveSiteWord >= 0
                    && (!constructor || (aboveSiteWord & FrameRecord.CTOR_INITIALIZED) != 0)) {
                aboveSiteWord = -1;
                continue;
            }
            if (isLambdaForwarder(f)) {
                rebuild += RebuildStack.FORWARDER_BYTES;
                continue;
            }
            if (depth > 0 && isRoot(f, frames)) {
                return new Result(depth, rebuild, null);
            }
            return new Result(depth, rebuild, describe(f, e));
        }
        if (depth == 0) {
            return new Result(0, 0, "no instrumented frame below the checkpoint point");
        }
        return new Result(depth, rebuild, null);
    }

    /**
     * A resume re-enters a constructor through its restore-only copy, which only rewritten code
     * calls ({@code new Foo(...)} there is redirected to it); a constructor reached through a
     * constructor reference ({@code Foo::new}: a lambda's class) or a method handle would be
     * entered again as the constructor itself, which cannot resume. Such a frame, which the walk
     * without hidden frames cannot tell from a direct call, blocks the capture; null when none.
     */
    private static String constructorNotCalledByRewrittenCode() {
        List<StackFrame> frames = WITH_HIDDEN_FRAMES.walk(s -> s.collect(Collectors.toList()));
        for (int k = 0; k + 1 < frames.size(); k++) {
            StackFrame f = frames.get(k);
            if (!f.getMethodName().equals("<init>") || f.getClassName().startsWith("dev.stasis.")
                    || MethodTable.find(f.getDeclaringClass(), f.getMethodName(), f.getDescriptor()) == null) {
                continue;
            }
            Class<?> caller = frames.get(k + 1).getDeclaringClass();
            if (caller.isHidden() || caller.getName().startsWith("java.lang.invoke.")) {
                return f.getClassName() + ".<init> (called through a constructor reference or a method handle,"
                        + " which a resume cannot re-enter)";
            }
        }
        return null;
    }

    /**
     * Whether {@code f} runs an instance method of a class loader of the program (Rhino's, as it
     * defines a compiled script's class): its frame holds the loader, which no checkpoint can
     * hold (its JDK part has no portable form), so a checkpoint waits until the thread has left it.
     */
    private static boolean isClassLoaderInstanceMethod(StackFrame f) {
        Class<?> c = f.getDeclaringClass();
        if (!ClassLoader.class.isAssignableFrom(c)) {
            return false;
        }
        for (Method m : c.getDeclaredMethods()) {
            if (m.getName().equals(f.getMethodName())
                    && Arrays.equals(m.getParameterTypes(), f.getMethodType().parameterArray())) {
                return !Modifier.isStatic(m.getModifiers());
            }
        }
        return true;
    }

    private static boolean isLambdaForwarder(StackFrame f) {
        Class<?> c = f.getDeclaringClass();
        return c.isHidden() && c.getName().contains("$$Lambda");
    }

    /** Whether {@code f} and the frames below it ({@code rest}) are only the thread's root frames. */
    private static boolean isRoot(StackFrame f, Iterator<StackFrame> rest) {
        for (; f != null; f = rest.hasNext() ? rest.next() : null) {
            String c = f.getClassName();
            if (c.equals(RESTORE_ROOT_CLASS)) {
                return true;
            }
            if (c.equals("java.lang.Thread") && (f.getMethodName().equals("run") || f.getMethodName().equals("runWith"))) {
                return true;
            }
            boolean plumbing = c.startsWith("java.lang.reflect.") || c.startsWith("jdk.internal.reflect.")
                    || c.startsWith("java.lang.invoke.") || f.getDeclaringClass().isHidden();
            if (!plumbing) {
                return false;
            }
        }
        return false;
    }

    private static String describe(StackFrame f, MethodTable.Entry e) {
        if (e != null) {
            return where(f) + " (instrumented, but stopped at a call that cannot be captured" + OUT_OF_JDK_CODE + ")";
        }
        return where(f) + " (not instrumented" + OUT_OF_JDK_CODE + ")";
    }

    private static String where(StackFrame f) {
        return f.getClassName() + "." + f.getMethodName()
                + (f.getFileName() != null ? "(" + f.getFileName() + ":" + f.getLineNumber() + ")" : "");
    }
}

package dev.stasis.internal.restore;

import dev.stasis.Stasis;
import dev.stasis.internal.capture.FrameRecord;
import dev.stasis.internal.capture.RebuildStack;
import dev.stasis.internal.capture.MethodTable;
import dev.stasis.internal.classes.CarriedClassLoader;
import dev.stasis.internal.coordinator.Coordinator;
import dev.stasis.internal.events.Observation;
import dev.stasis.internal.format.CapturedThread;
import dev.stasis.internal.format.CheckedCheckpoint;
import dev.stasis.internal.format.CheckpointFileException;
import dev.stasis.internal.format.CheckpointKey;
import dev.stasis.internal.format.CheckpointReader;
import dev.stasis.internal.format.FrameSummary;
import dev.stasis.internal.format.LoadedCheckpoint;
import dev.stasis.internal.format.MethodInfo;
import dev.stasis.internal.format.Snapshot;
import dev.stasis.internal.format.StasisVersion;
import dev.stasis.internal.format.StaticFields;
import dev.stasis.internal.format.ThreadSummary;
import dev.stasis.internal.heap.ClassIdentityHashes;
import dev.stasis.internal.heap.ExitActions;
import dev.stasis.internal.heap.HeapReader;
import dev.stasis.internal.heap.ThreadStacks;
import dev.stasis.internal.log.StasisLog;
import dev.stasis.internal.resources.FileReopenException;
import dev.stasis.internal.resources.PathMap;
import dev.stasis.internal.resume.RebuildFailure;
import dev.stasis.internal.resume.Resume;
import dev.stasis.internal.resume.ResumeGroup;
import dev.stasis.internal.statics.ClassInit;
import dev.stasis.internal.statics.StaticFieldAccess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;

/**
 * Continues a program from a checkpoint in this JVM, in place of its {@code main}: rebuilds the
 * heap (with the captured threads' {@code Thread} objects, not started yet), gives the classes
 * that were initialized their static fields back without running their initializers, then starts
 * every captured thread together: the main thread's frames continue on this thread, through its
 * base frame called in resuming mode; every other thread is started and re-enters its frames from
 * the first instrumented method it runs (its {@code run()}), after setting its ThreadLocal values.
 * When the program ends, the JVM ends the way it would have: status 0, or 1 after an uncaught
 * exception in the main thread, once non-daemon threads are done.
 */
public final class RestoreDriver {

    /** The name of this JVM's main thread while the program's main thread continues on a larger stack. */
    private static final String WAITING_LAUNCHER_NAME = "stasis-restore-launcher";

    /**
     * The restore that waits for the JVM to call main, taken once: {checkpoint, key, the checked
     * file, the newer files skipped on the way (reported when the restore runs)}.
     */
    private static final AtomicReference<Object[]> DEFERRED = new AtomicReference<>();

    private RestoreDriver() {
    }

    /**
     * The restore is to run when the JVM calls the main class's {@code main}, which the agent makes
     * call {@link #mainEntered()} first: by then the JVM has finished starting (JFR recordings, the
     * JMX agent), which it does only after the agent's {@code premain} returns.
     */
    public static void deferUntilMain(Path checkpoint, CheckpointKey key) {
        // The launcher initializes the main class before it calls main: like every class the
        // checkpoint had initialized, its static initializer must not run again. A file that
        // cannot be read is reported now, the way a restore reports it.
        CheckedCheckpoint checked;
        List<String> skipped = new ArrayList<>();
        try {
            checked = CheckpointReader.open(checkpoint, key, skipped::add);
            ClassInit.skipInitializersOf(new HashSet<>(checked.summary().initializedClasses()));
            giveClassHashes(checked.summary().classHashes(), ClassLoader.getSystemClassLoader());
            // The heap reader's set-up (a thousand classes, hashed on the way: hence after the hash
            // codes above) runs on another thread from here on, while the JVM finishes starting.
            HeapReader.prepare(ClassLoader.getSystemClassLoader());
        } catch (CheckpointFileException | RuntimeException e) {
            run(checkpoint, key);
            return;
        }
        DEFERRED.set(new Object[] {checkpoint, key, checked, skipped});
    }

    /**
     * The first instruction of {@code main} when restoring: runs the deferred restore (and never
     * returns); returns at once when there is none, as when the restore re-enters {@code main} as
     * the main thread's base frame.
     */
    public static void mainEntered() {
        Object[] deferred = DEFERRED.getAndSet(null);
        if (deferred != null) {
            @SuppressWarnings("unchecked")
            List<String> skipped = (List<String>) deferred[3];
            skipped.forEach(m -> StasisLog.warn("stasis: " + m));
            run((Path) deferred[0], (CheckpointKey) deferred[1], (CheckedCheckpoint) deferred[2]);
        }
    }

    /**
     * Runs the restored program on the calling thread and exits the JVM; never returns. With a
     * {@code key} (null for none) only a checkpoint it signed is read, and its signature is checked
     * before anything else in the file.
     */
    public static void run(Path checkpoint, CheckpointKey key) {
        run(checkpoint, key, null);
    }

    /** {@code opened}: the file {@code checkpoint} designates, already checked, or null. */
    private static void run(Path checkpoint, CheckpointKey key, CheckedCheckpoint opened) {
        Observation observed = Observation.restore(checkpoint);
        List<CapturedThread> threads;
        LoadedCheckpoint loaded;
        List<Object> listeners;
        List<Thread> hooks;
        List<String> filesToDelete;
        long heapObjects;
        ClassLoader loader;
        Path file;
        Thread largerStack;
        AtomicReference<Runnable> mainTask = new AtomicReference<>();
        try {
            CheckedCheckpoint checked = opened != null ? opened
                    : CheckpointReader.open(checkpoint, key, skipped -> StasisLog.warn("stasis: " + skipped));
            file = checked.file();
            StasisLog.debug(() -> "restoring from " + file);
            // Classes the program's own loaders defined (scripts compiled at run time) come back in
            // a loader of their own, over the class path.
            loader = CarriedClassLoader.over(checked.summary().carriedClasses());
            // When the agent started, only the class path's classes could get theirs: now the carried ones.
            Map<String, Integer> hashes = new LinkedHashMap<>(checked.summary().classHashes());
            if (opened != null) {
                hashes.keySet().retainAll(checked.summary().carriedClasses().keySet());
            }
            giveClassHashes(hashes, loader);
            String changed = changedMethods(checked.summary().methods(), loader);
            String otherwise = changed == null ? rewrittenOtherwise(checked.summary().methods()) : null;
            if (otherwise != null) {
                fail(observed, "stasis: cannot restore from " + file + ": this version of Stasis ("
                        + StasisVersion.current() + ") rewrites the method " + otherwise + " to save other values"
                        + " than the version that wrote the checkpoint did (`stasis inspect` names it), so its frame"
                        + " could not be read back. Restore with that version of the agent; the file is intact.");
                return;
            }
            if (changed != null) {
                fail(observed, "stasis: cannot restore from " + file + ": the application changed since the checkpoint: "
                        + changed + ". Restore with the application's class path as it was when the checkpoint was"
                        + " written (restore --cp), or start the program afresh. Changes to methods that are not on"
                        + " a captured stack are fine.");
                return;
            }
            // the classes of every method on the stacks are loaded (and rewritten) by now
            largerStack = largerMainStack(checked.summary().threads(), mainTask);
            loaded = CheckpointReader.read(checked, largerStack != null ? largerStack : Thread.currentThread(), loader,
                    RestoreDriver::isApplicationClass, classes -> ClassInit.skipInitializersOf(new HashSet<>(classes)));
            Snapshot snapshot = loaded.snapshot;
            setStatics(snapshot, loader);
            loaded.heap.completeDeferred();
            threads = snapshot.threads;
            listeners = snapshot.listeners;
            hooks = snapshot.shutdownHooks;
            filesToDelete = snapshot.filesToDelete;
            heapObjects = loaded.summary.heapObjects();
            StasisLog.debug(() -> "heap rebuilt: " + loaded.summary.heapObjects() + " object(s), "
                    + snapshot.initializedClasses.size() + " class(es) initialized without their initializers, static"
                    + " fields of " + snapshot.statics.size() + " class(es), " + snapshot.listeners.size()
                    + " listener(s); re-entering " + snapshot.threads.get(0).frames.size() + " frame(s)");
            observed.succeeded(file, loaded.summary.size(), snapshot.threads.size(),
                    snapshot.threads.stream().mapToInt(t -> t.frames.size()).sum(), loaded.summary.heapObjects());
        } catch (CheckpointFileException e) {
            fail(observed, "stasis: " + e.getMessage());
            return;
        } catch (FileReopenException e) {
            fail(observed, "stasis: cannot restore from " + checkpoint + ": " + e.getMessage());
            return;
        } catch (ExceptionInInitializerError e) {
            StasisLog.debug(() -> stackTrace(e));
            fail(observed, "stasis: cannot restore from " + checkpoint + ": a static initializer failed while the"
                    + " restore ran it: " + e.getCause() + ". The file is intact. A class whose static fields were"
                    + " left out of the checkpoint (the checkpoint's warning names them) runs its initializer again"
                    + " after the restore, and so do classes the program had not initialized yet: that initializer"
                    + " must be able to run in the restored program (log=debug shows where it failed).");
            return;
        } catch (Exception | LinkageError e) {
            StasisLog.debug(() -> stackTrace(e));
            fail(observed, "stasis: cannot restore from " + checkpoint + ": " + e
                    + ". Restore with the class path of the run that wrote the checkpoint (restore --cp).");
            return;
        }
        Thread self = Thread.currentThread();
        Thread mainThread = largerStack != null ? largerStack : self;
        int mainIndex = -1;
        for (int k = 0; k < threads.size() && mainIndex < 0; k++) {
            // files of single-threaded checkpoints hold no Thread objects: their one thread is main
            if (threads.get(k).thread == null || threads.get(k).thread == mainThread) {
                mainIndex = k;
            }
        }
        if (mainIndex < 0) {
            mainThread = self;
        }
        Coordinator.markRestored(listeners, heapObjects, mainThread);
        ExitActions.register(hooks, filesToDelete, PathMap.current()::apply);
        ResumeGroup group = Coordinator.restoredThreads(threads.size());
        List<Thread> others = new ArrayList<>();
        for (int k = 0; k < threads.size(); k++) {
            if (k != mainIndex) {
                Thread t = threads.get(k).thread;
                giveLargerStack(t, threads.get(k).frames);
                Resume.prepare(t, threads.get(k).frames, Stasis.Outcome.RESTORED, group,
                        onStart(loaded.heap.threadLocalValues(k), loaded.heap.locksHeldBy(t), threads.get(k).interrupted));
                others.add(t);
            }
        }
        AtomicInteger status = new AtomicInteger();
        try {
            if (mainIndex >= 0) {
                CapturedThread main = threads.get(mainIndex);
                FrameRecord base = main.frames.get(0);
                Method method = baseMethod(base.method(), loader);
                Object receiver = Modifier.isStatic(method.getModifiers()) ? null : base.firstRef();
                Object[] arguments = arguments(base, method);
                mainThread.setPriority(main.priority);
                Runnable onStart = onStart(loaded.heap.threadLocalValues(mainIndex),
                        loaded.heap.locksHeldBy(mainThread), main.interrupted);
                if (mainThread == self) {
                    onStart.run();
                    Resume.begin(main.frames, Stasis.Outcome.RESTORED, group);
                } else {
                    Resume.prepare(mainThread, main.frames, Stasis.Outcome.RESTORED, group, onStart);
                }
                mainTask.set(() -> {
                    if (!callBaseFrame(method, receiver, arguments, file)) {
                        status.set(1);
                    }
                });
            }
            for (Thread t : others) {
                t.start();
            }
            if (mainThread != self) {
                mainThread.start();
                others.add(mainThread);
                // the program's main thread is that one now: this one only waits, under a name of
                // its own so that thread dumps, JFR and the program's own look-ups by name find
                // one "main"
                self.setName(WAITING_LAUNCHER_NAME);
            }
            RebuildFailure.watch(others, file, true);
            if (mainThread == self && mainTask.get() != null) {
                mainTask.get().run();
            }
        } catch (Throwable uncaught) {
            self.getUncaughtExceptionHandler().uncaughtException(self, uncaught);
            status.set(1);
        }
        awaitNonDaemonThreads();
        System.exit(status.get());
    }

    /**
     * Calls the main thread's base frame, which re-enters its frames and runs the program's main
     * thread to its end; false when it ended with an exception (which its uncaught-exception
     * handler has printed, as the JVM does), and the restore fails when that happened before the
     * thread had re-entered all its frames.
     */
    private static boolean callBaseFrame(Method method, Object receiver, Object[] arguments, Path file) {
        try {
            BaseFrameCall.call(method, receiver, arguments);
            return true;
        } catch (Throwable uncaught) {
            Thread t = Thread.currentThread();
            t.getUncaughtExceptionHandler().uncaughtException(t, uncaught);
            int[] progress = Resume.unfinished(t);
            if (progress != null) {
                RebuildFailure.report(t, progress, file, true);
            }
            return false;
        }
    }

    /** What a restored thread does before it enters its base frame: its thread-local values, locks, interrupt status. */
    private static Runnable onStart(List<Object[]> locals, List<Object[]> locks, boolean interrupted) {
        return () -> {
            setThreadLocals(locals);
            acquire(locks);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /**
     * Every frame of a restored thread is called again, interpreted at first, which takes several
     * times the stack compiled frames took (see {@link RebuildStack}): this JVM's main thread, made
     * by the launcher with the default stack ({@code -Xss}), may not hold frames that the
     * checkpointed main thread held compiled. Then the main thread's frames continue on a thread
     * made for them with the stack they need, which the heap's references to the main thread designate
     * (its name, group and priority are the main thread's); this thread waits for it. Null when
     * they fit here, as they nearly always do. {@code task}: what the thread is to run, set later.
     */
    private static Thread largerMainStack(List<ThreadSummary> threads, AtomicReference<Runnable> task) {
        // the main thread, when captured, is the first
        long need = threads.isEmpty() ? 0
                : RebuildStack.of(threads.get(0).frames().stream().map(FrameSummary::method).toList());
        if (need <= RebuildStack.DEEP) {
            return null;
        }
        long has = ThreadStacks.jvmDefault();
        long size = RebuildStack.restoredStack(need, has);
        if (size == has) {
            return null;
        }
        Thread self = Thread.currentThread();
        StasisLog.debug(() -> "the main thread's frames may take " + need + " bytes of stack to call again: they"
                + " continue on a thread with a stack of " + size + " bytes");
        Thread t = new Thread(self.getThreadGroup(), () -> task.get().run(), self.getName(), size, false);
        t.setDaemon(false);
        return t;
    }

    /** Gives {@code t}, restored and not started, more stack when its frames take more to call again than it has. */
    private static void giveLargerStack(Thread t, List<FrameRecord> frames) {
        long need = RebuildStack.of(frames.stream().map(FrameRecord::method).toList());
        if (need <= RebuildStack.DEEP) {
            return;
        }
        long has = ThreadStacks.of(t);
        long size = RebuildStack.restoredStack(need, has);
        if (size != has) {
            boolean given = ThreadStacks.give(t, size);
            StasisLog.debug(() -> "the thread \"" + t.getName() + "\"'s frames may take " + need + " bytes of stack to"
                    + " call again: " + (given ? "it is given " + size : "this JDK does not let Stasis give it more"
                    + " than " + has));
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void setThreadLocals(List<Object[]> pairs) {
        for (Object[] p : pairs) {
            ((ThreadLocal) p[0]).set(p[1]);
        }
    }

    private static void acquire(List<Object[]> locks) {
        for (Object[] held : locks) {
            for (int k = (Integer) held[1]; k > 0; k--) {
                ((Lock) held[0]).lock();
            }
        }
    }

    /**
     * Each method on a captured stack must have the bytecode it had at the checkpoint, or its frames
     * would be re-entered at the wrong places. Loading a class (without initializing it) rewrites it
     * and registers its methods' fingerprints. Returns a description of the first difference, or null.
     */
    private static String changedMethods(List<MethodInfo> methods, ClassLoader loader) {
        for (MethodInfo m : methods) {
            String owner = m.key.substring(0, m.key.indexOf('.')).replace('/', '.');
            String method = owner + "." + m.key.substring(m.key.indexOf('.') + 1);
            try {
                Class.forName(owner, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                return "class " + owner + " is missing (" + e + ")";
            }
            MethodInfo now = MethodTable.info(m.key);
            if (now == null) {
                return "method " + method + " no longer exists or can no longer be checkpointed";
            }
            if (!now.bytecodeHash.equals(m.bytecodeHash)) {
                return "method " + method + " has different bytecode now";
            }
        }
        return null;
    }

    /**
     * A method of the file's stacks, unchanged, that this Stasis rewrites to save other values
     * than the Stasis that wrote the file did, or null: its records could not be read right.
     */
    private static String rewrittenOtherwise(List<MethodInfo> methods) {
        for (MethodInfo m : methods) {
            MethodInfo now = MethodTable.info(m.key);
            if (now != null && m.siteLayouts.length > 0 && !shapes(now.siteLayouts).equals(shapes(m.siteLayouts))) {
                return m.key.replace('/', '.');
            }
        }
        return null;
    }

    /**
     * The kinds of the values each site saves, references as {@code L}: the types themselves may
     * differ between JDKs (two classes merge to a superclass the analysis finds in the running
     * JDK), what a record holds may not.
     */
    private static List<String> shapes(String[] layouts) {
        List<String> out = new ArrayList<>();
        for (String layout : layouts) {
            StringBuilder shape = new StringBuilder();
            for (int i = 0; i < layout.length(); i++) {
                char c = layout.charAt(i);
                if (c == '[' || c == 'L') {
                    while (layout.charAt(i) == '[') {
                        i++;
                    }
                    if (layout.charAt(i) == 'L') {
                        i = layout.indexOf(';', i);
                    }
                    shape.append('L');
                } else {
                    shape.append(c);
                }
            }
            out.add(shape.toString());
        }
        return out;
    }

    /**
     * Gives the classes the heap holds as values their former identity hash codes, before the
     * restore itself hashes them (see {@link ClassIdentityHashes}); first while the agent starts,
     * through the application class loader, then through the loader of carried classes for those.
     */
    private static void giveClassHashes(Map<String, Integer> hashes, ClassLoader loader) {
        int kept = ClassIdentityHashes.giveAhead(hashes, loader, RestoreDriver::isApplicationClass);
        if (kept > 0) {
            StasisLog.debug(() -> kept + " class(es) held as values kept the identity hash code they had in this JVM"
                    + " already (hashed while it started), not the one they had when written");
        }
    }

    private static boolean isApplicationClass(String name) {
        return !name.startsWith("dev.stasis.") || name.startsWith("dev.stasis.internal.capture.FrameRecord");
    }

    private static Method baseMethod(String key, ClassLoader loader) throws ReflectiveOperationException {
        int dot = key.indexOf('.');
        int paren = key.indexOf('(');
        String owner = key.substring(0, dot).replace('/', '.');
        String name = key.substring(dot + 1, paren);
        String desc = key.substring(paren);
        Class<?> c = Class.forName(owner, false, loader);
        for (Method m : c.getDeclaredMethods()) {
            if (m.getName().equals(name)
                    && MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString()
                            .equals(desc)) {
                m.setAccessible(true);
                return m;
            }
        }
        throw new NoSuchMethodException(key);
    }

    /**
     * The base frame's arguments: its entry values when its record begins with them (its entry
     * test stands past code that reads them, which must take the original path again), else
     * zeros and nulls (the frame restores its locals from its record).
     */
    private static Object[] arguments(FrameRecord base, Method method) {
        Object[] entry = base.entryArguments();
        int count = method.getParameterCount();
        if (entry == null || entry.length < count) {
            return placeholders(method.getParameterTypes());
        }
        return Arrays.copyOfRange(entry, entry.length - count, entry.length);
    }

    private static Object[] placeholders(Class<?>[] types) {
        Object[] args = new Object[types.length];
        for (int k = 0; k < types.length; k++) {
            Class<?> t = types[k];
            if (t == boolean.class) {
                args[k] = false;
            } else if (t == char.class) {
                args[k] = (char) 0;
            } else if (t == byte.class) {
                args[k] = (byte) 0;
            } else if (t == short.class) {
                args[k] = (short) 0;
            } else if (t == int.class) {
                args[k] = 0;
            } else if (t == long.class) {
                args[k] = 0L;
            } else if (t == float.class) {
                args[k] = 0f;
            } else if (t == double.class) {
                args[k] = 0d;
            }
        }
        return args;
    }

    /** What the JVM does when main returns (DestroyJavaVM): wait for every non-daemon thread. */
    private static void awaitNonDaemonThreads() {
        Thread self = Thread.currentThread();
        while (true) {
            List<Thread> others = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t != self && t.isAlive() && !t.isDaemon() && t.getThreadGroup() != null
                            && !t.getName().equals("DestroyJavaVM"))
                    .toList();
            if (others.isEmpty()) {
                return;
            }
            for (Thread t : others) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Sets the static fields from the checkpoint. The classes initialized without their
     * initializers get theirs first; then each class whose static fields were partly left out of
     * the checkpoint runs its initializer again, to re-create those fields, and gets the rest.
     * In that order because an initializer reads other classes' static fields (Rhino's
     * configuration reads its class's list of file names): run before they are set, it would meet
     * the nulls and zeros of a class whose own initializer was skipped.
     */
    private static void setStatics(Snapshot snapshot, ClassLoader loader) throws ReflectiveOperationException {
        Set<String> restoredWhole = new HashSet<>(snapshot.initializedClasses);
        for (String name : snapshot.initializedClasses) {
            Class.forName(name, true, loader);
        }
        List<StaticFields> partly = new ArrayList<>();
        for (StaticFields fields : snapshot.statics) {
            if (restoredWhole.contains(fields.className)) {
                StaticFieldAccess.write(Class.forName(fields.className, false, loader), fields);
            } else {
                partly.add(fields);
            }
        }
        for (StaticFields fields : partly) {
            StaticFieldAccess.write(Class.forName(fields.className, true, loader), fields);
        }
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static void fail(Observation observed, String message) {
        observed.failed(message);
        fail(message);
    }

    private static void fail(String message) {
        StasisLog.error(message);
        System.exit(2);
    }
}

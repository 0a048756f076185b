package dev.stasis.internal.heap;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;

/**
 * A {@code Thread} (or an application subclass of it) by its meaning: the stack size it was
 * created with, name, daemon flag, priority, explicit uncaught-exception handler, its Runnable,
 * the fields of the application subclass, and whether it belongs to the checkpoint. The stack
 * size matters to the threads programs give large stacks for deep recursion: a restored thread
 * has at least that size again (the restore gives more to a thread whose frames take more to call
 * again, see {@link ThreadStacks}). Its private fields differ between JDK versions and are never
 * written. A thread that belongs to the checkpoint comes back as a new,
 * unstarted thread that the restore driver starts on its captured frames; one that had not been
 * started or had ended comes back unstarted (not alive, {@code join} returns at once). A thread
 * still running code outside the checkpoint cannot be written. The JVM's main thread, when
 * captured, is written as a token for the thread that restores it (see {@link HeapWriter#bind}).
 */
final class ThreadSerializer extends HeapSerializer<Thread> {

    private static final int NOT_ALIVE = 0;
    private static final int CAPTURED = 1;

    private final AppFields fields;
    private final Constructor<?> viaThread;

    ThreadSerializer(Class<?> type) {
        this.fields = type == Thread.class ? null : AppFields.of(type);
        this.viaThread = Instantiators.viaSuper(type, Thread.class, ThreadGroup.class, Runnable.class, String.class,
                long.class);
    }

    @Override
    void write(HeapKryo k, HeapOutput out, Thread t) {
        boolean captured = k.threadsInCheckpoint && k.capturedThreads.contains(t);
        if (t.isAlive() && !captured) {
            throw k.path.refuse(t, "the thread \"" + t.getName() + "\" is running but is not part of the checkpoint"
                    + " (it was running no instrumented code when the checkpoint was taken); only threads of the"
                    + " application, and threads that ended or were never started, can be restored.");
        }
        out.writeVarInt(captured ? CAPTURED : NOT_ALIVE, true);
        out.writeVarLong(ThreadStacks.own(t), true);
        out.writeHeapString(t.getName());
        out.writeBoolean(t.isDaemon());
        out.writeVarInt(t.getPriority(), true);
        k.writeClassAndObject(out, JdkInternals.get(t, "uncaughtExceptionHandler", null));
        k.writeClassAndObject(out, target(t));
        if (fields != null) {
            fields.write(k, out, t);
        }
    }

    @Override
    Thread read(HeapKryo k, HeapInput in) {
        int state = in.readVarInt(true);
        if (state != NOT_ALIVE && state != CAPTURED) {
            throw new CorruptData("bad thread state " + state);
        }
        long stackSize = k.refs.threadsCarryStackSize ? in.readVarLong(true) : 0;
        if (stackSize < 0) {
            throw new CorruptData("bad thread stack size " + stackSize);
        }
        Thread t = (Thread) Instantiators.create(viaThread, null, null, "restored", stackSize);
        k.reference(t);
        String name = in.readHeapString();
        if (name == null) {
            throw new CorruptData("thread without a name");
        }
        t.setName(name);
        t.setDaemon(in.readBoolean());
        int priority = in.readVarInt(true);
        if (priority < Thread.MIN_PRIORITY || priority > Thread.MAX_PRIORITY) {
            throw new CorruptData("bad thread priority " + priority);
        }
        t.setPriority(priority);
        Object handler = k.readClassAndObject(in);
        if (handler != null && !(handler instanceof Thread.UncaughtExceptionHandler)) {
            throw new CorruptData("a thread's uncaught-exception handler is not one");
        }
        t.setUncaughtExceptionHandler((Thread.UncaughtExceptionHandler) handler);
        Object task = k.readClassAndObject(in);
        if (task != null) {
            if (!(task instanceof Runnable)) {
                throw new CorruptData("a thread's task is not a Runnable");
            }
            setTarget(t, (Runnable) task);
        }
        if (fields != null) {
            fields.read(k, in, t);
        }
        return t;
    }

    /** The Runnable a thread was created with: field {@code target} up to JDK 20, {@code holder.task} after. */
    static Object target(Thread t) {
        Field f = JdkInternals.field(Thread.class, "target");
        if (f != null) {
            return JdkInternals.get(t, "target", null);
        }
        Object holder = JdkInternals.get(t, "holder", null);
        return holder == null ? null : JdkInternals.get(holder, "task", null);
    }

    private static void setTarget(Thread t, Runnable task) {
        try {
            Field f = JdkInternals.field(Thread.class, "target");
            if (f != null) {
                f.set(t, task);
                return;
            }
            Object holder = JdkInternals.get(t, "holder", null);
            Field taskField = holder == null ? null : JdkInternals.field(holder.getClass(), "task");
            if (taskField == null) {
                throw new CorruptData("this JDK's Thread keeps its task where Stasis cannot set it");
            }
            taskField.set(holder, task);
        } catch (IllegalAccessException e) {
            throw new CorruptData("cannot give a restored thread its task (java.lang is not open to Stasis): " + e);
        }
    }
}

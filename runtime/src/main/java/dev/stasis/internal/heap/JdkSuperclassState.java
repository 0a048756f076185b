package dev.stasis.internal.heap;

import java.io.FilterReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.SecureClassLoader;
import java.text.DateFormat;
import java.text.NumberFormat;
import java.util.BitSet;
import java.util.Calendar;
import java.util.TimerTask;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.AbstractOwnableSynchronizer;
import java.util.concurrent.locks.AbstractQueuedLongSynchronizer;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The state an application class inherits from a JDK superclass that holds state of its own,
 * for the JDK classes whose state their public API reads and sets again on any JDK: the atomic
 * boxes ({@code AtomicInteger}, {@code AtomicLong}, {@code AtomicBoolean}, {@code
 * AtomicReference}: their value), {@code BitSet} (its bits), {@code DateFormat} (its calendar and
 * number format), {@code ReentrantLock} (its fairness, and its owner and hold count when it is
 * held, as a plain ReentrantLock is written), the synchronizers ({@code
 * AbstractQueuedSynchronizer}, {@code AbstractQueuedLongSynchronizer}: their state and exclusive
 * owner), timer tasks (whether cancelled or run, see {@link TimerSerializer}) and the fork/join
 * tasks ({@code ForkJoinTask}, {@code RecursiveAction}, {@code RecursiveTask}: their outcome),
 * and {@code ClassValue} (the values it holds, see {@link ClassValueContents}).
 * Libraries extend these for their own bookkeeping: Jackson's {@code StdDateFormat} and the nodes
 * of its LRU map, Guava's cache segments (locks), Caffeine's maintenance task, H2's versioned bit
 * sets, Groovy's lazy references (synchronizers) and its per-class metadata (a ClassValue). An object of such
 * a class is written as that state, then its application fields; read back, it is created by the
 * JDK superclass's constructor (as Java serialization runs a non-serializable superclass's),
 * given its id, and set through the same API.
 */
abstract class JdkSuperclassState {

    /** Why a condition of a lock whose class extends ReentrantLock is refused (see {@link Lock}). */
    static final String CONDITION_OF_LOCK_SUBCLASS = "it is a lock whose class extends ReentrantLock, and a"
            + " Condition of it is checkpointed too, which Stasis cannot re-create on the restored lock. Leave the"
            + " condition out of the checkpointed state (create it again with newCondition() after the restore, in a"
            + " CheckpointListener), or use a plain ReentrantLock.";

    /** The application class. */
    final Class<?> type;

    JdkSuperclassState(Class<?> type) {
        this.type = type;
    }

    /** The state of {@code type}'s JDK superclass {@code jdkSuper}, or null when that superclass is not one of these. */
    static JdkSuperclassState of(Class<?> type, Class<?> jdkSuper) {
        if (jdkSuper == AtomicInteger.class) {
            return new Value(type, jdkSuper, (k, out, o) -> out.writeVarInt(((AtomicInteger) o).get(), false),
                    (k, in, o) -> ((AtomicInteger) o).set(in.readVarInt(false)));
        }
        if (jdkSuper == AtomicLong.class) {
            return new Value(type, jdkSuper, (k, out, o) -> out.writeVarLong(((AtomicLong) o).get(), false),
                    (k, in, o) -> ((AtomicLong) o).set(in.readVarLong(false)));
        }
        if (jdkSuper == AtomicBoolean.class) {
            return new Value(type, jdkSuper, (k, out, o) -> out.writeBoolean(((AtomicBoolean) o).get()),
                    (k, in, o) -> ((AtomicBoolean) o).set(in.readBoolean()));
        }
        if (jdkSuper == AtomicReference.class) {
            return new Value(type, jdkSuper, (k, out, o) -> k.writeClassAndObject(out, ((AtomicReference<?>) o).get()),
                    (k, in, o) -> {
                        @SuppressWarnings("unchecked")
                        AtomicReference<Object> ref = (AtomicReference<Object>) o;
                        ref.set(k.readClassAndObject(in));
                    });
        }
        if (jdkSuper == DateFormat.class) {
            // its two protected fields, through their accessors; a null one is left as the constructor left it
            return new Value(type, jdkSuper, (k, out, o) -> {
                k.writeClassAndObject(out, ((DateFormat) o).getCalendar());
                k.writeClassAndObject(out, ((DateFormat) o).getNumberFormat());
            }, (k, in, o) -> {
                Object calendar = k.readClassAndObject(in);
                Object numbers = k.readClassAndObject(in);
                if (calendar != null && !(calendar instanceof Calendar) || numbers != null && !(numbers instanceof NumberFormat)) {
                    throw new CorruptData("a DateFormat's calendar or number format is of another type");
                }
                if (calendar != null) {
                    ((DateFormat) o).setCalendar((Calendar) calendar);
                }
                if (numbers != null) {
                    ((DateFormat) o).setNumberFormat((NumberFormat) numbers);
                }
            });
        }
        if (jdkSuper == BitSet.class) {
            return new Value(type, jdkSuper, (k, out, o) -> ValueSerializers.writeBits(out, (BitSet) o),
                    (k, in, o) -> ((BitSet) o).or(ValueSerializers.readBits(in)));
        }
        if (jdkSuper == ReentrantLock.class) {
            return new Lock(type);
        }
        if (jdkSuper == AbstractQueuedSynchronizer.class || jdkSuper == AbstractQueuedLongSynchronizer.class) {
            return new Value(type, jdkSuper, JdkSuperclassState::writeSynchronizer, JdkSuperclassState::readSynchronizer);
        }
        if (jdkSuper == TimerTask.class) {
            return new Value(type, jdkSuper, TimerSerializer::writeTask, TimerSerializer::readTask);
        }
        if (jdkSuper == ForkJoinTask.class || jdkSuper == RecursiveAction.class || jdkSuper == RecursiveTask.class) {
            return new Value(type, jdkSuper, JdkSuperclassState::writeTask, JdkSuperclassState::readTask);
        }
        if (jdkSuper == ClassLoader.class || jdkSuper == SecureClassLoader.class || jdkSuper == URLClassLoader.class) {
            return new Loader(type, jdkSuper);
        }
        if (jdkSuper == PushbackReader.class) {
            return new Pushback(type);
        }
        if (jdkSuper == ClassValue.class) {
            return new Value(type, jdkSuper, ClassValueContents::write, ClassValueContents::read);
        }
        return null;
    }

    /**
     * The protected accessors every JDK gives a synchronizer's subclasses, opened for Stasis (the
     * agent opens java.util.concurrent.locks); null when that package is not open.
     */
    private static final class Synchronizers {
        static final Method GET_STATE = accessor(AbstractQueuedSynchronizer.class, "getState");
        static final Method SET_STATE = accessor(AbstractQueuedSynchronizer.class, "setState", int.class);
        static final Method GET_LONG_STATE = accessor(AbstractQueuedLongSynchronizer.class, "getState");
        static final Method SET_LONG_STATE = accessor(AbstractQueuedLongSynchronizer.class, "setState", long.class);
        static final Method GET_OWNER = accessor(AbstractOwnableSynchronizer.class, "getExclusiveOwnerThread");
        static final Method SET_OWNER = accessor(AbstractOwnableSynchronizer.class, "setExclusiveOwnerThread",
                Thread.class);

        private static Method accessor(Class<?> c, String name, Class<?>... params) {
            try {
                Method m = c.getDeclaredMethod(name, params);
                m.setAccessible(true);
                return m;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    }

    /**
     * A synchronizer of the application's own (Groovy's lazy references, a library's latch or
     * mutex) by its state and exclusive owner, read and set through the accessors above. Its queue
     * of waiting threads is not written: a thread stops for a checkpoint at a safe point or in a
     * wait Stasis handles, never parked in such a synchronizer's acquire (a checkpoint waits for
     * it, see LIMITATIONS), so the queue holds nobody then.
     */
    private static void writeSynchronizer(HeapKryo kryo, HeapOutput out, Object o) {
        if (Synchronizers.GET_OWNER == null || Synchronizers.GET_STATE == null || Synchronizers.GET_LONG_STATE == null) {
            throw kryo.path.refuse(o, "it extends a synchronizer of java.util.concurrent.locks, whose state Stasis"
                    + " reads only when that package is open to it (the agent opens it).");
        }
        try {
            boolean isLong = o instanceof AbstractQueuedLongSynchronizer;
            long state = isLong ? (long) Synchronizers.GET_LONG_STATE.invoke(o) : (int) Synchronizers.GET_STATE.invoke(o);
            out.writeVarLong(state, false);
            kryo.writeClassAndObject(out, Synchronizers.GET_OWNER.invoke(o));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void readSynchronizer(HeapKryo kryo, HeapInput in, Object o) {
        long state = in.readVarLong(false);
        Object owner = kryo.readClassAndObject(in);
        if (owner != null && !(owner instanceof Thread)) {
            throw new CorruptData("a synchronizer's owner is not a Thread");
        }
        try {
            if (o instanceof AbstractQueuedLongSynchronizer) {
                Synchronizers.SET_LONG_STATE.invoke(o, state);
            } else {
                Synchronizers.SET_STATE.invoke(o, (int) state);
            }
            Synchronizers.SET_OWNER.invoke(o, owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot set the state of a " + o.getClass().getName() + ": " + e, e);
        }
    }

    private static final int TASK_PENDING = 0;
    private static final int TASK_DONE = 1;
    private static final int TASK_CANCELLED = 2;
    private static final int TASK_FAILED = 3;

    /**
     * A fork/join task by its outcome: pending (never run, or run by code that reuses it as a
     * Runnable, as Caffeine's maintenance task), done with its result, cancelled, or failed with
     * its exception. Where it was queued is not kept: pools own threads of this JVM.
     */
    private static void writeTask(HeapKryo kryo, HeapOutput out, Object o) {
        ForkJoinTask<?> task = (ForkJoinTask<?>) o;
        if (!task.isDone()) {
            out.writeByte(TASK_PENDING);
        } else if (task.isCancelled()) {
            out.writeByte(TASK_CANCELLED);
        } else if (task.isCompletedAbnormally()) {
            out.writeByte(TASK_FAILED);
            Throwable failure = task.getException();
            Throwable cause = failure.getCause();
            if (cause != null && cause.getClass() == failure.getClass() && cause.toString().equals(failure.getMessage())) {
                // getException() asked from another thread (the heap is written on its own) wraps the
                // task's exception in a new one of its class: the task's own is the cause
                failure = cause;
            }
            kryo.writeClassAndObject(out, failure);
        } else {
            out.writeByte(TASK_DONE);
            kryo.writeClassAndObject(out, task.getRawResult());
        }
    }

    @SuppressWarnings("unchecked")
    private static void readTask(HeapKryo kryo, HeapInput in, Object o) {
        ForkJoinTask<Object> task = (ForkJoinTask<Object>) o;
        int form = in.readByte();
        switch (form) {
            case TASK_PENDING:
                return;
            case TASK_CANCELLED:
                task.cancel(false);
                return;
            case TASK_FAILED:
                Object failure = kryo.readClassAndObject(in);
                if (!(failure instanceof Throwable)) {
                    throw new CorruptData("a failed task's exception is not a Throwable");
                }
                task.completeExceptionally((Throwable) failure);
                return;
            case TASK_DONE:
                task.complete(kryo.readClassAndObject(in));
                return;
            default:
                throw new CorruptData("bad task state " + form);
        }
    }

    /**
     * The constructor that creates a {@code type} running only {@code jdkSuper}'s constructor with
     * {@code params}. Throws IllegalStateException (a refusal) when the JDK package is not open.
     */
    static Constructor<?> constructor(Class<?> type, Class<?> jdkSuper, Class<?>... params) {
        try {
            return Instantiators.viaSuper(type, jdkSuper, params);
        } catch (RuntimeException e) {
            throw new IllegalStateException("it extends " + jdkSuper.getName() + ", whose constructor Stasis can run"
                    + " only when " + jdkSuper.getPackageName() + " is open to it (the agent opens it): " + e.getMessage(), e);
        }
    }

    /** Writes the inherited state of {@code o}. */
    abstract void write(HeapKryo kryo, HeapOutput out, Object o);

    /** Creates an object of the application class, gives it its reference id, and reads the inherited state into it. */
    abstract Object read(HeapKryo kryo, HeapInput in);

    /** One half of a {@link Value}: writes or reads the state of an object that exists. */
    @FunctionalInterface
    interface Part<O> {
        void apply(HeapKryo kryo, O stream, Object o);
    }

    /** State a no-argument constructor leaves empty and setters fill in. */
    private static final class Value extends JdkSuperclassState {
        private final Constructor<?> constructor;
        private final Part<HeapOutput> writer;
        private final Part<HeapInput> reader;

        Value(Class<?> type, Class<?> jdkSuper, Part<HeapOutput> writer, Part<HeapInput> reader) {
            super(type);
            this.constructor = constructor(type, jdkSuper);
            this.writer = writer;
            this.reader = reader;
        }

        @Override
        void write(HeapKryo kryo, HeapOutput out, Object o) {
            writer.apply(kryo, out, o);
        }

        @Override
        Object read(HeapKryo kryo, HeapInput in) {
            Object o = Instantiators.create(constructor);
            kryo.reference(o);
            reader.apply(kryo, in, o);
            return o;
        }
    }

    /**
     * A lock: its fairness picks the constructor; the owner and hold count of a held lock are
     * written as {@link ValueSerializers#lockSync()} writes them and acquired again by the restored
     * owner. The lock's synchronizer is never written for itself, so a {@code Condition} of such a
     * lock, which is written as its synchronizer, is refused, in whichever order the two come.
     */
    private static final class Lock extends JdkSuperclassState {
        private final Constructor<?> constructor;

        Lock(Class<?> type) {
            super(type);
            this.constructor = constructor(type, ReentrantLock.class, boolean.class);
        }

        @Override
        void write(HeapKryo kryo, HeapOutput out, Object o) {
            ReentrantLock lock = (ReentrantLock) o;
            Object sync = JdkInternals.get(lock, "sync", null);
            if (sync == null) {
                throw kryo.path.refuse(o, "it extends ReentrantLock, whose state Stasis reads only when"
                        + " java.util.concurrent.locks is open to it (the agent opens it).");
            }
            if (kryo.refs.getWrittenId(sync) >= 0) {
                throw kryo.path.refuse(o, CONDITION_OF_LOCK_SUBCLASS);
            }
            kryo.lockSubclassSyncs().add(sync);
            ValueSerializers.writeLockState(kryo, out, lock.isFair(), sync);
        }

        @Override
        Object read(HeapKryo kryo, HeapInput in) {
            return ValueSerializers.readLockState(kryo, in, fair -> (ReentrantLock) Instantiators.create(constructor, fair));
        }
    }

    /**
     * A class loader of the program's own (a script engine's, a plugin host's, a library's loader
     * for the classes it generates): its name, its URLs for a {@code URLClassLoader}, and its
     * parent, the state its public API reads. Read back, it is created by its JDK superclass's
     * constructor with its name and URLs, given its id, and then given its parent (a parent's
     * fields may lead back to the loader, so the loader must have its id before the parent is
     * read; ClassLoader's fields are hidden from reflection, so the parent is set through {@link
     * InternalUnsafe}). The classes it had defined are not defined in it again: a checkpoint
     * carries their class files and the restore defines them in a loader of its own (see
     * CarriedClassLoader), where the references to them in the heap lead; the loader's own caches
     * of them, in its fields, are restored with the rest of its fields.
     */
    private static final class Loader extends JdkSuperclassState {
        private final Constructor<?> constructor;
        private final boolean urls;

        Loader(Class<?> type, Class<?> jdkSuper) {
            super(type);
            this.urls = jdkSuper == URLClassLoader.class;
            this.constructor = urls ? constructor(type, jdkSuper, String.class, URL[].class, ClassLoader.class)
                    : constructor(type, jdkSuper, String.class, ClassLoader.class);
        }

        @Override
        void write(HeapKryo kryo, HeapOutput out, Object o) {
            ClassLoader loader = (ClassLoader) o;
            String name = loader.getName();
            out.writeBoolean(name != null);
            if (name != null) {
                out.writeHeapString(name);
            }
            if (urls) {
                URL[] list = ((URLClassLoader) loader).getURLs();
                out.writeVarInt(list.length, true);
                for (URL url : list) {
                    out.writeHeapString(url.toExternalForm());
                }
            }
            kryo.writeClassAndObject(out, loader.getParent());
        }

        @Override
        Object read(HeapKryo kryo, HeapInput in) {
            String name = in.readBoolean() ? in.readHeapString() : null;
            ClassLoader placeholder = ClassLoader.getSystemClassLoader();
            Object o;
            if (urls) {
                URL[] list = new URL[in.readCount(1)];
                for (int k = 0; k < list.length; k++) {
                    String url = in.readHeapString();
                    try {
                        list[k] = new URL(url);
                    } catch (java.net.MalformedURLException e) {
                        throw new CorruptData("a class loader's URL \"" + url + "\" is not one", e);
                    }
                }
                o = Instantiators.create(constructor, name, list, placeholder);
            } else {
                o = Instantiators.create(constructor, name, placeholder);
            }
            kryo.reference(o);
            Object parent = kryo.readClassAndObject(in);
            if (parent != null && !(parent instanceof ClassLoader)) {
                throw new CorruptData("a class loader's parent is a " + parent.getClass().getName());
            }
            // ClassLoader's fields are hidden from reflection (JDK 12 and later), and a subclass may
            // declare a field of that name too: by the declaring class and name
            if (!InternalUnsafe.setHidden(o, ClassLoader.class, "parent", parent)) {
                throw new IllegalStateException("cannot set the parent of a " + type.getName()
                        + " (jdk.internal.misc is not exported to Stasis; the agent exports it)");
            }
            return o;
        }
    }

    /**
     * A reader of the application's that extends PushbackReader (Clojure's {@code *in*}, a
     * {@code LineNumberingPushbackReader}): the characters pushed back, then the reader it wraps,
     * written as that reader is (over standard input or a file, see StreamWrapperSerializer). Read
     * back, it is made by PushbackReader's constructor over a placeholder, given its id, and then
     * given the reader it wraps (and locks on, as FilterReader's constructor does).
     */
    private static final class Pushback extends JdkSuperclassState {
        private final Constructor<?> constructor;

        Pushback(Class<?> type) {
            super(type);
            this.constructor = constructor(type, PushbackReader.class, Reader.class, int.class);
        }

        @Override
        void write(HeapKryo kryo, HeapOutput out, Object o) {
            StreamWrapperSerializer.writePushedBack(out, o);
            kryo.writeClassAndObject(out, JdkInternals.declared(FilterReader.class, "in", o));
        }

        @Override
        Object read(HeapKryo kryo, HeapInput in) {
            int size = StreamWrapperSerializer.pushbackSize(in);
            String pushed = in.readHeapString();
            PushbackReader o = (PushbackReader) Instantiators.create(constructor, Reader.nullReader(), Math.max(size, 1));
            kryo.reference(o);
            Object wrapped = kryo.readClassAndObject(in);
            if (!(wrapped instanceof Reader)) {
                throw new CorruptData("a pushback reader wraps a " + (wrapped == null ? "null" : wrapped.getClass().getName()));
            }
            JdkInternals.setDeclared(FilterReader.class, "in", o, wrapped);
            JdkInternals.setDeclared(Reader.class, "lock", o, wrapped);
            StreamWrapperSerializer.fillPushedBack(pushed.toCharArray(), o);
            StreamWrapperSerializer.closeIfClosed(o, size);
            return o;
        }
    }
}

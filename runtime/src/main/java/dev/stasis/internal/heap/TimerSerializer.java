package dev.stasis.internal.heap;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;

/**
 * A {@code java.util.Timer} by what it will do: its thread's name and kind (daemon or not),
 * whether it was cancelled, and each scheduled task with the time left to its next run and its
 * period (positive: at a fixed rate, negative: with a fixed delay, zero: once, as the Timer keeps
 * them). Solvers keep one for their time limit (sat4j's in every solver), jobs for a watchdog.
 * Read back, a new Timer with the same name and kind schedules each task again once the heap is
 * complete ({@link DeferredFills#afterFills}), so no task runs on half-read objects; a task comes
 * due after the time it had left when the checkpoint was written.
 *
 * <p>The queue is the Timer's private state, the same in every JDK since 1.3; it is read under
 * the queue's lock, which the Timer's own methods take (the agent opens java.util).
 */
final class TimerSerializer {

    private static final Field QUEUE = JdkInternals.field(Timer.class, "queue");
    private static final Field THREAD = JdkInternals.field(Timer.class, "thread");
    private static final Field TASKS = QUEUE == null ? null : JdkInternals.field(QUEUE.getType(), "queue");
    private static final Field SIZE = QUEUE == null ? null : JdkInternals.field(QUEUE.getType(), "size");
    private static final Field SCHEDULING = THREAD == null ? null
            : JdkInternals.field(THREAD.getType(), "newTasksMayBeScheduled");
    private static final Field NEXT_RUN = JdkInternals.field(TimerTask.class, "nextExecutionTime");
    private static final Field PERIOD = JdkInternals.field(TimerTask.class, "period");
    private static final Field STATE = JdkInternals.field(TimerTask.class, "state");
    /** TimerTask's states (its constants, the same in every JDK). */
    private static final int VIRGIN = 0;
    private static final int EXECUTED = 2;
    private static final int CANCELLED = 3;

    private TimerSerializer() {
    }

    static HeapSerializer<Timer> timer() {
        return HeapSerializer.of(TimerSerializer::write, TimerSerializer::read);
    }

    private static void write(HeapKryo k, HeapOutput out, Timer timer) {
        if (QUEUE == null || THREAD == null || TASKS == null || SIZE == null || SCHEDULING == null || NEXT_RUN == null
                || PERIOD == null || STATE == null) {
            throw k.path.refuse(timer, "Stasis restores a Timer only when java.util is open to it (the agent opens it).");
        }
        List<Object[]> scheduled = new ArrayList<>();
        Thread thread;
        boolean cancelled;
        try {
            Object queue = QUEUE.get(timer);
            thread = (Thread) THREAD.get(timer);
            long now = System.currentTimeMillis();
            synchronized (queue) {
                cancelled = !SCHEDULING.getBoolean(thread);
                TimerTask[] tasks = (TimerTask[]) TASKS.get(queue);
                int size = SIZE.getInt(queue);
                for (int i = 1; i <= size; i++) {
                    // the queue is a heap from index 1; each task knows when it runs next, and a
                    // cancelled one stays until it comes up, when the Timer drops it
                    if (STATE.getInt(tasks[i]) == CANCELLED) {
                        continue;
                    }
                    scheduled.add(new Object[] {tasks[i], Math.max(0, NEXT_RUN.getLong(tasks[i]) - now),
                        PERIOD.getLong(tasks[i])});
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        out.writeHeapString(thread.getName());
        out.writeBoolean(thread.isDaemon());
        out.writeBoolean(cancelled);
        out.writeVarInt(scheduled.size(), true);
        for (Object[] s : scheduled) {
            k.writeClassAndObject(out, s[0]);
            out.writeVarLong((Long) s[1], true);
            out.writeLong((Long) s[2]);
        }
    }

    private static Timer read(HeapKryo k, HeapInput in) {
        String name = in.readHeapString();
        boolean daemon = in.readBoolean();
        boolean cancelled = in.readBoolean();
        Timer timer = new Timer(name, daemon);
        k.reference(timer);
        if (cancelled) {
            timer.cancel();
        }
        int n = in.readVarInt(true);
        for (int i = 0; i < n; i++) {
            Object task = k.readClassAndObject(in);
            long delay = in.readVarLong(true);
            long period = in.readLong();
            if (!(task instanceof TimerTask) || delay < 0) {
                throw new CorruptData("a Timer's task is not a TimerTask or its delay is negative");
            }
            k.deferred.afterFills(() -> schedule(timer, (TimerTask) task, delay, period));
        }
        return timer;
    }

    private static void schedule(Timer timer, TimerTask task, long delay, long period) {
        if (period == 0) {
            timer.schedule(task, delay);
        } else if (period > 0) {
            timer.scheduleAtFixedRate(task, delay, period);
        } else {
            timer.schedule(task, delay, -period);
        }
    }

    /**
     * A timer task by whether it is cancelled, or has run once and for all; one scheduled on a
     * Timer comes back new, and that Timer, when it is in the checkpoint too, schedules it again.
     * The state an application's TimerTask subclass inherits (see {@link JdkSuperclassState}).
     */
    static void writeTask(HeapKryo kryo, HeapOutput out, Object o) {
        if (STATE == null) {
            throw kryo.path.refuse(o, "it extends TimerTask, whose state Stasis reads only when java.util is open to"
                    + " it (the agent opens it).");
        }
        try {
            int state = STATE.getInt(o);
            out.writeByte(state == CANCELLED || state == EXECUTED ? state : VIRGIN);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    static void readTask(HeapKryo kryo, HeapInput in, Object o) {
        int state = in.readByte();
        if (state == CANCELLED) {
            ((TimerTask) o).cancel();
        } else if (state == EXECUTED) {
            try {
                STATE.setInt(o, state);
            } catch (IllegalAccessException | RuntimeException e) {
                throw new CorruptData("cannot restore a TimerTask that has run: " + e);
            }
        } else if (state != VIRGIN) {
            throw new CorruptData("bad timer task state " + state);
        }
    }
}

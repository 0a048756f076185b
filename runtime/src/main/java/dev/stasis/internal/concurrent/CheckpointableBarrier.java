package dev.stasis.internal.concurrent;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@code CyclicBarrier} that instrumented code gets when it writes {@code new CyclicBarrier}
 * (the rewriter substitutes it). A thread waiting at a plain barrier can only be moved to a safe
 * point by interrupting it, which breaks the barrier for every party; this one lets a waiting
 * thread leave its wait and come back to it for the same generation ({@link #awaitTrip}), so a
 * checkpoint can capture it waiting. It keeps its own state (the superclass's is unused) and
 * behaves as {@code CyclicBarrier} specifies: the last party runs the barrier action and trips the
 * barrier; an interrupt, a timeout or a failing action breaks it; {@link #reset} breaks it for the
 * waiting parties and starts a new generation. Its state is written by meaning.
 */
public final class CheckpointableBarrier extends CyclicBarrier {

    private final int parties;
    /** Final in spirit: set at construction, or once by the heap reader (which reads it after the barrier). */
    private Runnable action;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition trip = lock.newCondition();
    private int waitingFor;
    private long generation;
    private boolean broken;

    public CheckpointableBarrier(int parties) {
        this(parties, null);
    }

    public CheckpointableBarrier(int parties, Runnable action) {
        super(parties, action);
        this.parties = parties;
        this.action = action;
        this.waitingFor = parties;
    }

    /**
     * A barrier read back from a checkpoint, in the state it was written in; its action, which may
     * refer to the barrier, follows with {@link #restoreAction}.
     */
    public static CheckpointableBarrier restored(int parties, int waitingFor, long generation, boolean broken) {
        CheckpointableBarrier b = new CheckpointableBarrier(parties, null);
        b.waitingFor = waitingFor;
        b.generation = generation;
        b.broken = broken;
        return b;
    }

    public Runnable action() {
        return action;
    }

    /** Gives a barrier made by {@link #restored} its action. */
    public void restoreAction(Runnable restoredAction) {
        if (action != null) {
            throw new IllegalStateException("the barrier has its action");
        }
        action = restoredAction;
    }

    /** The parties still to arrive in the current generation. */
    public int waitingFor() {
        lock.lock();
        try {
            return waitingFor;
        } finally {
            lock.unlock();
        }
    }

    public long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The current thread arrives: {arrival index, generation}. Index 0 means this thread was the
     * last, ran the action and tripped the barrier; otherwise it waits with {@link #awaitTrip}.
     */
    public long[] arrive() throws InterruptedException, BrokenBarrierException {
        lock.lock();
        try {
            if (broken) {
                throw new BrokenBarrierException();
            }
            if (Thread.interrupted()) {
                breakBarrier();
                throw new InterruptedException();
            }
            long g = generation;
            int index = --waitingFor;
            if (index == 0) {
                boolean ran = false;
                try {
                    if (action != null) {
                        action.run();
                    }
                    ran = true;
                    nextGeneration();
                } finally {
                    if (!ran) {
                        breakBarrier();
                    }
                }
            }
            return new long[] {index, g};
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits at most {@code nanos} for generation {@code g} to trip: true once it has, false when the
     * time is up first (the barrier is not broken then; the caller decides).
     */
    public boolean awaitTrip(long g, long nanos) throws InterruptedException, BrokenBarrierException {
        lock.lock();
        try {
            long left = nanos;
            while (true) {
                if (generation != g) {
                    return true;
                }
                if (broken) {
                    throw new BrokenBarrierException();
                }
                if (left <= 0) {
                    return false;
                }
                try {
                    left = trip.awaitNanos(left);
                } catch (InterruptedException e) {
                    if (generation == g && !broken) {
                        breakBarrier();
                        throw e;
                    }
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int await() throws InterruptedException, BrokenBarrierException {
        long[] a = arrive();
        if (a[0] != 0) {
            awaitTrip(a[1], Long.MAX_VALUE);
        }
        return (int) a[0];
    }

    @Override
    public int await(long timeout, TimeUnit unit) throws InterruptedException, BrokenBarrierException,
            TimeoutException {
        long[] a = arrive();
        if (a[0] != 0 && !awaitTrip(a[1], unit.toNanos(timeout))) {
            lock.lock();
            try {
                if (generation == a[1]) {
                    breakBarrier();
                    throw new TimeoutException();
                }
            } finally {
                lock.unlock();
            }
        }
        return (int) a[0];
    }

    @Override
    public int getParties() {
        return parties;
    }

    @Override
    public boolean isBroken() {
        lock.lock();
        try {
            return broken;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void reset() {
        lock.lock();
        try {
            breakBarrier();
            nextGeneration();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int getNumberWaiting() {
        lock.lock();
        try {
            return parties - waitingFor;
        } finally {
            lock.unlock();
        }
    }

    private void nextGeneration() {
        trip.signalAll();
        waitingFor = parties;
        generation++;
        broken = false;
    }

    private void breakBarrier() {
        broken = true;
        waitingFor = parties;
        trip.signalAll();
    }
}

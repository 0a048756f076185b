package dev.stasis.internal.heap;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * A {@code CompletableFuture} or a {@code FutureTask} by its outcome: completed with a value,
 * failed with an exception, cancelled, or (a {@code CompletableFuture} only) not complete yet.
 * Libraries keep such futures in their state between steps: Jenetics' engine completes a
 * {@code CompletableFuture} per generation and a {@code FutureTask} per batch of fitness
 * evaluations, on the caller's thread when it is given {@code Runnable::run}. Refused: a
 * {@code CompletableFuture} that other stages depend on ({@code thenApply},
 * {@code whenComplete}... registered and waiting: actions queued in this JVM, perhaps for its
 * pools' threads), a {@code FutureTask} not done (its task would run in this JVM's executor), and
 * application subclasses of either. Read back, a new future of the JDK's own class is given its
 * id first (the value may refer back to it), then the outcome.
 */
final class FutureSerializer extends HeapSerializer<Future<?>> {

    private static final int INCOMPLETE = 0;
    private static final int VALUE = 1;
    private static final int FAILED = 2;
    private static final int CANCELLED = 3;

    /** Whether this writes FutureTasks, else CompletableFutures. */
    private final boolean task;

    FutureSerializer(boolean task) {
        this.task = task;
    }

    @Override
    void write(HeapKryo kryo, HeapOutput out, Future<?> f) {
        if (!f.isDone()) {
            if (task) {
                throw kryo.path.refuse(f, "it is a FutureTask not done yet, whose task an executor of this JVM runs or"
                        + " will run. Let it complete before the checkpoint, or keep what it computes instead.");
            }
            int dependents = ((CompletableFuture<?>) f).getNumberOfDependents();
            if (dependents > 0) {
                throw kryo.path.refuse(f, "it is a CompletableFuture not complete yet with " + dependents
                        + " dependent stage(s) waiting on it, actions queued in this JVM. Let it complete before the"
                        + " checkpoint, or keep what it computes instead of the future.");
            }
            out.writeByte(INCOMPLETE);
            return;
        }
        if (f.isCancelled()) {
            out.writeByte(CANCELLED);
            return;
        }
        Object value;
        try {
            value = task ? f.get() : ((CompletableFuture<?>) f).join();
        } catch (CompletionException | ExecutionException e) {
            out.writeByte(FAILED);
            kryo.writeClassAndObject(out, e.getCause() != null ? e.getCause() : e);
            return;
        } catch (CancellationException e) {
            out.writeByte(CANCELLED);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw kryo.path.refuse(f, "the heap writer was interrupted while it read the future's outcome.");
        }
        out.writeByte(VALUE);
        kryo.writeClassAndObject(out, value);
    }

    @Override
    Future<?> read(HeapKryo kryo, HeapInput in) {
        Outcome outcome = new Outcome();
        Future<?> f = task ? new FutureTask<>(outcome) : new CompletableFuture<>();
        kryo.reference(f);
        int form = in.readByte();
        switch (form) {
            case INCOMPLETE:
                if (task) {
                    throw new CorruptData("a FutureTask written not done");
                }
                return f;
            case CANCELLED:
                f.cancel(false);
                return f;
            case VALUE:
                outcome.value = kryo.readClassAndObject(in);
                break;
            case FAILED:
                Object failure = kryo.readClassAndObject(in);
                if (!(failure instanceof Throwable)) {
                    throw new CorruptData("a failed future's exception is not a Throwable");
                }
                outcome.failure = (Throwable) failure;
                break;
            default:
                throw new CorruptData("bad future state " + form);
        }
        if (task) {
            // a FutureTask takes its outcome only from running its task, which gives it
            ((FutureTask<?>) f).run();
        } else if (outcome.failure != null) {
            ((CompletableFuture<?>) f).completeExceptionally(outcome.failure);
        } else {
            @SuppressWarnings("unchecked")
            CompletableFuture<Object> c = (CompletableFuture<Object>) f;
            c.complete(outcome.value);
        }
        return f;
    }

    /** The task of a restored FutureTask: gives the outcome read. */
    private static final class Outcome implements Callable<Object> {
        Object value;
        Throwable failure;

        @Override
        public Object call() throws Exception {
            if (failure instanceof Exception) {
                throw (Exception) failure;
            }
            if (failure instanceof Error) {
                throw (Error) failure;
            }
            if (failure != null) {
                throw new java.lang.reflect.UndeclaredThrowableException(failure);
            }
            return value;
        }
    }
}

package dev.stasis.internal.coordinator;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * An asynchronous request for a checkpoint, honoured at the next safe point where the stack can
 * be captured, or abandoned at its deadline.
 */
final class CheckpointRequest {

    /** What became of a request. */
    static final class Result {
        final Path file;
        final String failure;

        Result(Path file, String failure) {
            this.file = file;
            this.failure = failure;
        }
    }

    final String reason;
    /** Exit status once the checkpoint is on disk, or -1 to go on running. */
    final int exitStatus;
    final long deadlineNanos;
    /** When the request was made (System.nanoTime). */
    final long madeAt = System.nanoTime();
    final CompletableFuture<Result> done = new CompletableFuture<>();
    /** Counted down once a waiting requester (JMX) has its answer, so an exit does not cut it off. */
    final CountDownLatch answered = new CountDownLatch(1);
    volatile String lastBlocker;
    /**
     * How many times a checkpoint for this request was written and failed on an object held by a
     * thread's stack, and so was tried again later (see Coordinator.retryLater). Each attempt is
     * made by one thread at a time: the round's last thread, then the trigger thread.
     */
    int attempts;
    /** When the first attempt failed (System.nanoTime), once one has. */
    long firstFailureAt;

    CheckpointRequest(String reason, int exitStatus, long deadlineNanos) {
        this.reason = reason;
        this.exitStatus = exitStatus;
        this.deadlineNanos = deadlineNanos;
    }
}

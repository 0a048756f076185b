package dev.stasis.internal.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;

/**
 * Futures (CompletableFuture, FutureTask) come back by their outcome, and the common fork/join pool as the restoring JVM's own;
 * what still waits on this JVM (a future's dependent stages, a pool the program made) is refused.
 */
class FuturesTest {

    @Test
    void completedFuturesKeepTheirOutcome() {
        CompletableFuture<String> done = CompletableFuture.completedFuture("forty-two");
        CompletableFuture<String> failed = new CompletableFuture<>();
        failed.completeExceptionally(new IllegalStateException("no"));
        CompletableFuture<String> cancelled = new CompletableFuture<>();
        cancelled.cancel(false);
        CompletableFuture<String> pending = new CompletableFuture<>();
        Object[] back = RoundTrip.copy(done, failed, cancelled, pending, List.of(done));
        assertEquals("forty-two", ((CompletableFuture<?>) back[0]).join());
        CompletionException e = assertThrows(CompletionException.class, ((CompletableFuture<?>) back[1])::join);
        assertEquals("no", e.getCause().getMessage());
        assertTrue(((CompletableFuture<?>) back[2]).isCancelled());
        CompletableFuture<?> stillPending = (CompletableFuture<?>) back[3];
        assertFalse(stillPending.isDone(), "a future nothing waits on comes back not complete, to be completed later");
        assertSame(back[0], ((List<?>) back[4]).get(0), "one future held twice is one after the restore");
    }

    @Test
    void doneFutureTasksKeepTheirOutcome() throws Exception {
        FutureTask<Integer> done = new FutureTask<>(() -> 42);
        done.run();
        FutureTask<Integer> failed = new FutureTask<>(() -> {
            throw new IllegalArgumentException("bad");
        });
        failed.run();
        FutureTask<Integer> cancelled = new FutureTask<>(() -> 1);
        cancelled.cancel(false);
        Object[] back = RoundTrip.copy(done, failed, cancelled);
        assertEquals(42, ((FutureTask<?>) back[0]).get());
        ExecutionException e = assertThrows(ExecutionException.class, ((FutureTask<?>) back[1])::get);
        assertEquals("bad", e.getCause().getMessage());
        assertTrue(((FutureTask<?>) back[2]).isCancelled());
        FutureTask<Integer> notRun = new FutureTask<>(() -> 1);
        UncheckpointableObjectException refused = assertThrows(UncheckpointableObjectException.class,
                () -> RoundTrip.write(notRun));
        assertTrue(refused.getMessage().contains("not done"), refused.getMessage());
    }

    @Test
    void aFutureWithDependentStagesIsRefused() {
        CompletableFuture<String> pending = new CompletableFuture<>();
        pending.thenApply(String::length);
        UncheckpointableObjectException e = assertThrows(UncheckpointableObjectException.class,
                () -> RoundTrip.write(pending));
        assertTrue(e.getMessage().contains("dependent stage"), e.getMessage());
    }

    @Test
    void theCommonPoolIsTheRestoringJvmsOwn() {
        assertSame(ForkJoinPool.commonPool(), RoundTrip.copyOf(ForkJoinPool.commonPool()));
        ForkJoinPool own = new ForkJoinPool(1);
        try {
            UncheckpointableObjectException e = assertThrows(UncheckpointableObjectException.class,
                    () -> RoundTrip.write(own));
            assertTrue(e.getMessage().contains("common pool"), e.getMessage());
        } finally {
            own.shutdown();
        }
    }
}

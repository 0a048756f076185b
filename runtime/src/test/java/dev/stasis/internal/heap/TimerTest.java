package dev.stasis.internal.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A Timer comes back with its tasks scheduled again (a solver's time limit, a watchdog): a task
 * due soon runs on the new Timer, a cancelled task stays cancelled, a cancelled Timer takes no
 * more tasks, and tasks keep their own fields and the objects they share.
 */
class TimerTest {

    static final class Tick extends TimerTask {
        final AtomicInteger runs;
        final String name;
        Timer owner;

        Tick(AtomicInteger runs, String name) {
            this.runs = runs;
            this.name = name;
        }

        @Override
        public void run() {
            runs.incrementAndGet();
        }
    }

    @Test
    void scheduledTasksRunOnTheRestoredTimer() throws Exception {
        Timer timer = new Timer("solver-limit", true);
        AtomicInteger runs = new AtomicInteger();
        Tick soon = new Tick(runs, "soon");
        Tick later = new Tick(runs, "later");
        Tick cancelled = new Tick(runs, "cancelled");
        soon.owner = timer;
        timer.schedule(soon, 300);
        timer.scheduleAtFixedRate(later, 3_600_000, 1_000);
        timer.schedule(cancelled, 3_600_000);
        cancelled.cancel();
        Object[] back = RoundTrip.copy(timer, soon, later, cancelled);
        timer.cancel();
        Timer timer2 = (Timer) back[0];
        Tick soon2 = (Tick) back[1];
        assertNotSame(timer, timer2);
        assertSame(timer2, soon2.owner, "a task may refer to its timer");
        assertSame(soon2.runs, ((Tick) back[2]).runs);
        assertEquals("later", ((Tick) back[2]).name);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (soon2.runs.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, soon2.runs.get(), "the task due soon ran once on the restored timer");
        assertTrue(((Tick) back[2]).scheduledExecutionTime() > System.currentTimeMillis() + 3_000_000,
                "the periodic task is scheduled again about an hour from now");
        assertTrue(!((Tick) back[3]).cancel(), "a cancelled task stays cancelled");
        timer2.cancel();
    }

    @Test
    void aCancelledTimerComesBackCancelled() {
        Timer timer = new Timer("done", true);
        timer.cancel();
        Timer timer2 = RoundTrip.copyOf(timer);
        assertThrows(IllegalStateException.class, () -> timer2.schedule(new Tick(new AtomicInteger(), "x"), 10));
    }
}

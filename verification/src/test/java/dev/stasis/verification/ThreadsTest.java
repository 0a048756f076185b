package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import e2e.threads.SynchronizedCounter;
import e2e.threads.ThreadObjects;
import e2e.threads.Unreachable;
import e2e.threads.Waiting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Multi-threaded checkpoints: every application thread is stopped, captured and restored on the
 * other JDK, with the monitors, locks, waits and Thread objects it had; the joined output equals
 * the uninterrupted run's.
 */
class ThreadsTest {

    @TestFactory
    Stream<DynamicTest> everyThreadComesBack() {
        return Scenario.acrossJdks(
                Program.of(SynchronizedCounter.class),
                Program.of(ThreadObjects.class));
    }

    @TestFactory
    Stream<DynamicTest> threadsWaitingComeBackInTheirWait() {
        return Scenario.acrossJdks(
                Program.of(Waiting.class, "queue"),
                Program.of(Waiting.class, "lock"),
                Program.of(Waiting.class, "wait"),
                Program.of(Waiting.class, "sleep"),
                Program.of(Waiting.class, "latch"),
                Program.of(Waiting.class, "condition"),
                Program.of(Waiting.class, "barrier"),
                Program.of(Waiting.class, "pingpong"),
                Program.of(Waiting.class, "rwlock"),
                Program.of(Waiting.class, "refqueue"));
    }

    /**
     * A thread blocked in I/O never reaches a safe point: after timeout= the checkpoint fails with
     * a message naming the thread, nothing is written, and the program goes on as if nothing had
     * happened.
     */
    @Test
    void aThreadThatCannotStopFailsTheCheckpointAndNothingElse() {
        Program program = Program.of(Unreachable.class);
        Jdk jdk = Jdks.oldest();
        Path work = Artifacts.workDir(program.fileName() + "/timeout");
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(program, jdk);
        runs.add(plain);
        JvmResult run = JvmRun.withAgent("timeout", jdk, program, "dir=" + checkpoints + ",timeout=2s").run(work);
        runs.add(run);
        Scenario.expectExit(run, 0, runs);
        Scenario.expectNoTrace(run, runs);
        assertEquals(plain.stdout(), run.stdout(), "the program should go on undisturbed" + Scenario.describe(runs));
        assertTrue(run.stderr().contains("abandoned") && run.stderr().contains("\"pipe-reader\""),
                "stderr should say the checkpoint was abandoned because of the thread \"pipe-reader\""
                        + Scenario.describe(runs));
        assertEquals(List.of(), Scenario.checkpointFiles(checkpoints),
                "nothing should be written" + Scenario.describe(runs));
    }
}

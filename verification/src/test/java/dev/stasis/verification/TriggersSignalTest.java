package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.fail;

import e2e.triggers.BlockedInForEach;
import e2e.triggers.Ticker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code signal=TERM}, the way to survive preemption: on SIGTERM the JVM checkpoints and exits with
 * 143, the status of a process killed by TERM, so a wrapper can tell a preempted job from a
 * finished one; the job then restores on the other JDK and finishes. When no checkpoint can be
 * taken within {@code timeout=}, the JVM still exits with 143, as asked, without a checkpoint.
 */
class TriggersSignalTest {

    private static final Program TICKER = Program.of(Ticker.class, "60", "50");

    /**
     * Preempted, restored on the other JDK, preempted again there (TERM to the restore launcher, as
     * a container stop sends it, reaches the application), restored back, finished.
     */
    @Test
    void termCheckpointsExits143AndTheJobFinishesAfterTwoPreemptionsAcrossJdks() {
        Direction direction = Jdks.directions().get(0);
        Path work = Artifacts.workDir("triggers/signal/" + direction.fileName());
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(TICKER, direction.from());
        runs.add(plain);

        JvmResult first = preempt(JvmRun.withAgent("preempted", direction.from(), TICKER,
                "dir=" + checkpoints + ",signal=TERM"), work, runs);
        if (Scenario.checkpointFiles(checkpoints).size() != 1) {
            fail("TERM should leave exactly one checkpoint, found " + Scenario.checkpointFiles(checkpoints)
                    + Scenario.describe(runs));
        }
        JvmResult second = preempt(JvmRun.restore("restored-preempted", direction.to(), checkpoints), work, runs);
        if (Scenario.checkpointFiles(checkpoints).size() != 2) {
            fail("TERM to the restored job should leave a second checkpoint, found "
                    + Scenario.checkpointFiles(checkpoints) + Scenario.describe(runs));
        }
        Scenario.expectPrefix(first.stdout() + second.stdout(), plain, runs);

        JvmResult finished = JvmRun.restore("restore", direction.from(), checkpoints).run(work);
        runs.add(finished);
        Scenario.expectExit(finished, 0, runs);
        Scenario.expectNoTrace(finished, runs);
        Scenario.expectJoined(first.stdout() + second.stdout() + finished.stdout(), plain, runs);
    }

    /** Starts the job, sends it TERM once it printed 5 lines; it must exit with 143. */
    private static JvmResult preempt(JvmRun run, Path work, List<JvmResult> runs) {
        JvmRun.Running job = run.start(work);
        boolean printed = job.awaitStdoutLines(5, Duration.ofSeconds(30));
        job.terminate();
        JvmResult preempted = job.finish();
        runs.add(preempted);
        if (!printed) {
            fail("the " + preempted.name() + " job should print 5 lines before it is sent TERM" + Scenario.describe(runs));
        }
        Scenario.expectExit(preempted, 143, runs);
        Scenario.expectNoTrace(preempted, runs);
        return preempted;
    }

    @Test
    void termThatFindsNoCapturableSafePointStillExits143AfterTheTimeout() {
        Program program = Program.of(BlockedInForEach.class, "wait");
        Jdk jdk = Jdks.newest();
        Path work = Artifacts.workDir("triggers/signal-timeout/" + jdk.label());
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(program, jdk);
        runs.add(plain);

        JvmRun.Running job = JvmRun.withAgent("preempted", jdk, program,
                "dir=" + checkpoints + ",signal=TERM,timeout=1s").start(work);
        boolean printed = job.awaitStdoutLines(1, Duration.ofSeconds(30));
        job.terminate();
        JvmResult preempted = job.finish();
        runs.add(preempted);
        if (!printed) {
            fail("the job should print a line before it is sent TERM" + Scenario.describe(runs));
        }
        Scenario.expectExit(preempted, 143, runs);
        Scenario.expectNoTrace(preempted, runs);
        if (!Scenario.checkpointFiles(checkpoints).isEmpty()) {
            fail("no checkpoint can be taken under ArrayList.forEach, yet files were written: "
                    + Scenario.checkpointFiles(checkpoints) + Scenario.describe(runs));
        }
        String message = preempted.stderr().lines().filter(l -> l.contains("abandoned")).findFirst().orElse("");
        if (!message.contains("\"main\"") || !message.contains("forEach")) {
            fail("stderr should say the request was abandoned, naming the thread (\"main\") and the frame that blocked "
                    + "it (ArrayList.forEach)" + Scenario.describe(runs));
        }
        Scenario.expectPrefix(preempted.stdout(), plain, runs);
    }
}

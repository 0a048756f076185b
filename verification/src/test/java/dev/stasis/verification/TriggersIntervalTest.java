package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import e2e.crash.HeapChurn;
import e2e.triggers.ShutdownHookWork;
import e2e.triggers.Ticker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code interval=}: an application that never calls Stasis is checkpointed periodically by the
 * agent alone. Going on after each checkpoint it prints exactly what it prints without the agent;
 * any of its checkpoints restores on the other JDK. With {@code exit=true} it stops at the first
 * one, and restoring again and again (the restored JVM keeps the options, so it stops at its next
 * interval) finishes the job across JDKs.
 */
class TriggersIntervalTest {

    /** About three seconds under the agent: ten or so checkpoints at 300 ms. */
    private static final Program TICKER = Program.of(Ticker.class, "60", "40");
    private static final int KEEP = 50;
    private static final int MAX_HOPS = 12;

    @Test
    void checkpointsEveryIntervalAndGoesOnThenAMiddleOneRestoresOnTheOtherJdk() {
        Direction direction = Jdks.directions().get(0);
        Path work = Artifacts.workDir("triggers/interval-continue/" + direction.fileName());
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(TICKER, direction.from());
        runs.add(plain);

        JvmResult periodic = JvmRun.withAgent("interval", direction.from(), TICKER,
                "dir=" + checkpoints + ",interval=300ms,keep=" + KEEP).run(work);
        runs.add(periodic);
        Scenario.expectExit(periodic, 0, runs);
        Scenario.expectNoTrace(periodic, runs);
        Scenario.expectJoined(periodic.stdout(), plain, runs);
        List<Path> files = Scenario.checkpointFiles(checkpoints);
        if (files.size() < 3) {
            fail("a run of about three seconds with interval=300ms should write several checkpoints, found "
                    + files.size() + ": " + files + Scenario.describe(runs));
        }

        Path middle = files.get(files.size() / 2);
        JvmResult restored = JvmRun.restore("restore-middle", direction.to(), middle).run(work);
        runs.add(restored);
        Scenario.expectExit(restored, 0, runs);
        Scenario.expectNoTrace(restored, runs);
        Scenario.expectSuffix(plain, restored, runs);
    }

    @Test
    void exitAtEachIntervalAndRestoreAgainAndAgainAcrossJdks() {
        List<Direction> directions = Jdks.directions();
        Direction first = directions.get(directions.size() - 1);
        Path work = Artifacts.workDir("triggers/interval-exit/" + first.fileName());
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(TICKER, first.from());
        runs.add(plain);

        JvmResult started = JvmRun.withAgent("hop-0", first.from(), TICKER,
                "dir=" + checkpoints + ",interval=1s,exit=true,keep=" + KEEP).run(work);
        runs.add(started);
        Scenario.expectExit(started, 0, runs);
        Scenario.expectNoTrace(started, runs);
        if (Scenario.checkpointFiles(checkpoints).size() != 1) {
            fail("with interval=1s,exit=true the first run should stop at its first checkpoint, leaving one file: "
                    + Scenario.checkpointFiles(checkpoints) + Scenario.describe(runs));
        }
        StringBuilder joined = new StringBuilder(started.stdout());
        Jdk[] alternate = {first.to(), first.from()};
        for (int hop = 1; !joined.toString().equals(plain.stdout()); hop++) {
            if (hop > MAX_HOPS) {
                fail("after " + MAX_HOPS + " restores the program has still not finished" + Scenario.describe(runs));
            }
            int filesBefore = Scenario.checkpointFiles(checkpoints).size();
            JvmResult restored = JvmRun.restore("hop-" + hop, alternate[(hop - 1) % 2], checkpoints).run(work);
            runs.add(restored);
            Scenario.expectExit(restored, 0, runs);
            Scenario.expectNoTrace(restored, runs);
            joined.append(restored.stdout());
            Scenario.expectPrefix(joined.toString(), plain, runs);
            boolean wroteOne = Scenario.checkpointFiles(checkpoints).size() > filesBefore;
            if (!wroteOne && !joined.toString().equals(plain.stdout())) {
                fail("restore " + hop + " neither finished the program nor wrote a checkpoint" + Scenario.describe(runs));
            }
        }
    }

    /**
     * The options as a system property and an environment variable, the way agents are configured
     * in containers; without keep=, the newest three checkpoints are kept.
     */
    @Test
    void intervalAsSystemPropertyDirAsEnvironmentVariableAndDefaultKeep() {
        Jdk jdk = Jdks.newest();
        Path work = Artifacts.workDir("triggers/interval-property/" + jdk.label());
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(TICKER, jdk);
        runs.add(plain);

        JvmResult periodic = JvmRun.withAgent("interval", jdk, TICKER, "", List.of("-Dstasis.interval=300ms"))
                .env("STASIS_DIR", checkpoints.toString())
                .run(work);
        runs.add(periodic);
        Scenario.expectExit(periodic, 0, runs);
        Scenario.expectNoTrace(periodic, runs);
        Scenario.expectJoined(periodic.stdout(), plain, runs);
        List<Path> files = Scenario.checkpointFiles(checkpoints);
        if (files.size() != 3) {
            fail("a run of about three seconds with -Dstasis.interval=300ms and STASIS_DIR=" + checkpoints
                    + " takes several checkpoints there, of which the default keep=3 leaves 3, not " + files.size()
                    + ": " + files + Scenario.describe(runs));
        }
    }

    /**
     * A restored JVM keeps the options it was checkpointed with, an interval= among them, so a
     * request can come while the launcher is still calling {@code main}: the checkpoint must be
     * taken in the restored program, never in the launcher's fresh {@code main} (its arguments
     * empty), which would make the newest checkpoint start the program over.
     */
    @Test
    void aRestoredJvmsFirstIntervalCheckpointContinuesTheRestoredProgram() {
        Direction direction = Jdks.directions().get(0);
        Path work = Artifacts.workDir("triggers/interval-early/" + direction.fileName());
        Path first = work.resolve("first");
        Path second = work.resolve("second");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(TICKER, direction.from());
        runs.add(plain);
        JvmResult started = JvmRun.withAgent("first", direction.from(), TICKER,
                "dir=" + first + ",interval=1s,exit=true").run(work);
        runs.add(started);
        Path firstFile = Scenario.onlyCheckpoint(started, first, runs);
        // 5 ms: the request is due long before the restoring JVM has loaded its main class.
        JvmResult early = JvmRun.restore("early", direction.to(), firstFile, "--option", "interval=5ms",
                "--option", "dir=" + second).run(work);
        runs.add(early);
        Path secondFile = Scenario.onlyCheckpoint(early, second, runs);
        JvmResult last = JvmRun.restore("last", direction.from(), secondFile, "--option", "exit=false",
                "--option", "interval=").run(work);
        runs.add(last);
        Scenario.expectExit(last, 0, runs);
        Scenario.expectNoTrace(last, runs);
        Scenario.expectJoined(started.stdout() + early.stdout() + last.stdout(), plain, runs);
    }

    /**
     * Once the JVM shuts down no checkpoint is taken: the hook's thread is all one could capture.
     * Before, a program with a long shutdown hook left checkpoints of the hook, the newest of which
     * a restart would take (and fail on: its base method is no main).
     */
    @Test
    void noCheckpointIsTakenWhileTheJvmShutsDown() {
        Jdk jdk = Jdks.oldest();
        Path work = Artifacts.workDir("interval/shutdown-hook");
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult run = JvmRun.withAgent("interval", jdk, Program.of(ShutdownHookWork.class),
                "dir=" + checkpoints + ",interval=100ms").run(work);
        runs.add(run);
        Scenario.expectExit(run, 0, runs);
        Scenario.expectNoTrace(run, runs);
        assertEquals("main done\nhook done true\n", run.stdout().replace("\r\n", "\n"), Scenario.describe(runs));
        for (Path file : Scenario.checkpointFiles(checkpoints)) {
            // one of main, taken before it ended, may be there
            JvmResult inspected = JvmRun.agentCommand("inspect", jdk, "inspect", file.toString()).run(work);
            runs.add(inspected);
            Scenario.expectExit(inspected, 0, runs);
            if (inspected.stdout().contains("ShutdownHookWork.flush")) {
                fail("no checkpoint should capture the shutdown hook" + Scenario.describe(runs));
            }
        }
    }

    /**
     * A checkpoint that takes longer than the interval (a heap of about 16 MB, interval=50ms) does
     * not stop the program: the next one comes an interval after it is over, and the program runs
     * to its end with its output unchanged. Before, the next request was waiting when the program
     * went on, and it stopped again at its first safe point, forever.
     */
    @Test
    void checkpointsLongerThanTheIntervalLeaveTheProgramTimeToRun() {
        Program churn = Program.of(HeapChurn.class, "16", "20", "600000", "0");
        Jdk jdk = Jdks.oldest();
        Path work = Artifacts.workDir("interval/longer-than-the-interval");
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(churn, jdk);
        runs.add(plain);
        JvmResult run = JvmRun.withAgent("interval", jdk, churn, "dir=" + checkpoints + ",interval=50ms,keep=2")
                .run(work);
        runs.add(run);
        Scenario.expectExit(run, 0, runs);
        Scenario.expectNoTrace(run, runs);
        Scenario.expectJoined(run.stdout(), plain, runs);
        if (Scenario.checkpointFiles(checkpoints).isEmpty()) {
            fail("the run should write checkpoints" + Scenario.describe(runs));
        }
    }
}

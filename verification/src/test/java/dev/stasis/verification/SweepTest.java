package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.fail;

import e2e.triggers.SweepProgram;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The differential sweep: one deterministic program, with no Stasis calls, checkpointed with
 * {@code at=N,exit=true} for N spread over its whole run, each checkpoint restored on the other
 * JDK (directions alternating), the joined output equal to the uninterrupted one every time.
 *
 * <p>The number of safe points the program passes depends on the agent's rewriting, so the test
 * asks the agent: a run with an {@code at=} it never reaches says how many it passed. The sweep
 * takes the powers of 4 below it, seven evenly spaced points and the last two safe points. Every
 * third point is also checkpointed in continue mode, where the output must not change at all.
 */
class SweepTest {

    private static final Program PROGRAM = Program.of(SweepProgram.class);

    /** The N of the sweep, found once for both sweeps. */
    private static List<Long> points;

    @TestFactory
    Stream<DynamicTest> atNSpreadOverTheWholeRunRestoresOnTheOtherJdk() {
        List<Direction> directions = Jdks.directions();
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (long n : points()) {
            Direction direction = directions.get(i++ % directions.size());
            tests.add(Scenario.named("at=" + n + " of " + points().get(points().size() - 1) + " safe points, "
                    + direction, () -> Scenario.checkpointAtAndRestore(PROGRAM, n, direction, "sweep")));
        }
        return tests.stream();
    }

    /**
     * Checkpoint and continue at every third point of the sweep: the JVM re-enters the frames it
     * unwound and prints exactly what the uninterrupted run prints.
     */
    @TestFactory
    Stream<DynamicTest> atNInContinueModeChangesNoOutput() {
        List<Jdk> jdks = Jdks.installed();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < points().size(); i += 3) {
            long n = points().get(i);
            Jdk jdk = i % 2 == 0 ? jdks.get(0) : jdks.get(jdks.size() - 1);
            tests.add(Scenario.named("at=" + n + " continue on " + jdk.label(), () -> Scenario.checkpointAtAndContinue(PROGRAM, n, jdk,
                    "sweep/continue-at-" + n + "/" + jdk.label())));
        }
        return tests.stream();
    }

    private static synchronized List<Long> points() {
        if (points == null) {
            points = findPoints(Jdks.oldest());
        }
        return points;
    }

    /** Powers of 4, seven evenly spaced points and the last two safe points; the last is the total. */
    private static List<Long> findPoints(Jdk jdk) {
        return SafePoints.sweep(SafePoints.count(PROGRAM, jdk), true);
    }

    /**
     * {@code at=N} takes one checkpoint, so the restored JVM, although it keeps the options it was
     * started with, runs to the end without stopping again.
     */
    @Test
    void restoredJvmDoesNotTakeTheAtCheckpointAgain() {
        Direction direction = Jdks.directions().get(0);
        Path work = Artifacts.workDir("sweep/restored-once/" + direction.fileName());
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(PROGRAM, direction.from());
        runs.add(plain);
        JvmResult stopped = JvmRun.withAgent("checkpoint", direction.from(), PROGRAM,
                "dir=" + checkpoints + ",exit=true,at=100").run(work);
        runs.add(stopped);
        Scenario.expectExit(stopped, 0, runs);
        List<Path> files = Scenario.checkpointFiles(checkpoints);
        if (files.size() != 1) {
            fail("at=100,exit=true should write one checkpoint: " + files + Scenario.describe(runs));
        }
        JvmResult restored = JvmRun.restore("restore", direction.to(), files.get(0)).run(work);
        runs.add(restored);
        Scenario.expectExit(restored, 0, runs);
        Scenario.expectNoTrace(restored, runs);
        if (Scenario.checkpointFiles(checkpoints).size() != 1) {
            fail("the restored JVM took the at=100 checkpoint again: " + Scenario.checkpointFiles(checkpoints)
                    + Scenario.describe(runs));
        }
        Scenario.expectJoined(stopped.stdout() + restored.stdout(), plain, runs);
    }
}

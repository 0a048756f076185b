package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.fail;

import e2e.triggers.ThinnedCheckpoints;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code @Checkpoint(every = N)} and {@code @Checkpoint(minIntervalMillis = M)} thin a busy
 * checkpoint point. Counted in continue mode (keep large enough for all), where the output must
 * stay the uninterrupted one; a middle checkpoint restores on the other JDK.
 */
class TriggersAnnotationTest {

    private static final int KEEP = 100;

    @Test
    void everyThirdEntryCheckpoints() {
        Program program = Program.of(ThinnedCheckpoints.class, "every");
        Direction direction = Jdks.directions().get(0);
        Path work = Artifacts.workDir("triggers/checkpoint-every/" + direction.fileName());
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(program, direction.from());
        runs.add(plain);

        JvmResult run = JvmRun.withAgent("continue", direction.from(), program,
                "dir=" + checkpoints + ",keep=" + KEEP).run(work);
        runs.add(run);
        Scenario.expectExit(run, 0, runs);
        Scenario.expectNoTrace(run, runs);
        Scenario.expectJoined(run.stdout(), plain, runs);
        List<Path> files = Scenario.checkpointFiles(checkpoints);
        int expected = ThinnedCheckpoints.EVERY_ENTRIES / ThinnedCheckpoints.EVERY;
        if (files.size() != expected) {
            fail(ThinnedCheckpoints.EVERY_ENTRIES + " entries of a method annotated @Checkpoint(every = "
                    + ThinnedCheckpoints.EVERY + ") should write " + expected + " checkpoints, not " + files.size()
                    + ": " + files + Scenario.describe(runs));
        }

        JvmResult restored = JvmRun.restore("restore-middle", direction.to(), files.get(1)).run(work);
        runs.add(restored);
        Scenario.expectExit(restored, 0, runs);
        Scenario.expectNoTrace(restored, runs);
        Scenario.expectSuffix(plain, restored, runs);
        String entry = "entry " + 2 * ThinnedCheckpoints.EVERY + " ";
        if (!restored.stdout().startsWith(entry)) {
            fail("the second checkpoint is taken entering the method for the " + 2 * ThinnedCheckpoints.EVERY
                    + "th time, so its restore should start with \"" + entry + "...\"" + Scenario.describe(runs));
        }
    }

    @Test
    void minIntervalMillisSpacesCheckpointsInTime() {
        Program program = Program.of(ThinnedCheckpoints.class, "interval");
        List<Direction> directions = Jdks.directions();
        Direction direction = directions.get(directions.size() - 1);
        Path work = Artifacts.workDir("triggers/checkpoint-min-interval/" + direction.fileName());
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(program, direction.from());
        runs.add(plain);

        long start = System.nanoTime();
        JvmResult run = JvmRun.withAgent("continue", direction.from(), program,
                "dir=" + checkpoints + ",keep=" + KEEP).run(work);
        long wallMillis = (System.nanoTime() - start) / 1_000_000;
        runs.add(run);
        Scenario.expectExit(run, 0, runs);
        Scenario.expectNoTrace(run, runs);
        Scenario.expectJoined(run.stdout(), plain, runs);
        List<Path> files = Scenario.checkpointFiles(checkpoints);
        // The entries span at least (entries - 1) sleeps, so at least two checkpoints; and no two
        // may be closer than the minimum interval, so no more than one per interval of the run.
        long loopMillis = (ThinnedCheckpoints.INTERVAL_ENTRIES - 1) * ThinnedCheckpoints.INTERVAL_SLEEP_MILLIS;
        long most = 1 + wallMillis / ThinnedCheckpoints.MIN_INTERVAL_MILLIS;
        if (files.size() < 1 + loopMillis / ThinnedCheckpoints.MIN_INTERVAL_MILLIS || files.size() > most) {
            fail(ThinnedCheckpoints.INTERVAL_ENTRIES + " entries " + ThinnedCheckpoints.INTERVAL_SLEEP_MILLIS
                    + " ms apart of a method annotated @Checkpoint(minIntervalMillis = "
                    + ThinnedCheckpoints.MIN_INTERVAL_MILLIS + ") in a run of " + wallMillis + " ms should write between "
                    + (1 + loopMillis / ThinnedCheckpoints.MIN_INTERVAL_MILLIS) + " and " + most + " checkpoints, not "
                    + files.size() + ": " + files + Scenario.describe(runs));
        }

        JvmResult restored = JvmRun.restore("restore-middle", direction.to(), files.get(files.size() / 2)).run(work);
        runs.add(restored);
        Scenario.expectExit(restored, 0, runs);
        Scenario.expectNoTrace(restored, runs);
        Scenario.expectSuffix(plain, restored, runs);
    }
}

package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import e2e.api.ExitStatus;
import e2e.api.TwoCheckpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A restored JVM keeps the options the program was started with (here dir and exit=true), so a
 * job goes on checkpointing the way it was started; {@code restore PATH --option KEY=VALUE}
 * overrides one; {@code restore DIR} takes the newest checkpoint and {@code restore FILE} that one;
 * {@code restore --cp} names the application's class path when it moved. A restored JVM's first
 * checkpoint sizes its identity table from the object count of the checkpoint it was restored from.
 */
class RestoreOptionsTest {

    @TestFactory
    Stream<DynamicTest> restoredJvmKeepsTheAgentOptions() {
        Program program = Program.of(TwoCheckpoints.class);
        return Jdks.directions().stream().map(direction -> Scenario.named(
                program.label() + " " + direction, () -> run(program, direction)));
    }

    /**
     * The application moved to another directory between checkpoint and restore, as on another
     * machine: {@code restore --cp} names its new class path.
     */
    @TestFactory
    Stream<DynamicTest> restoreOnAnotherClassPath() {
        return Jdks.directions().stream().map(direction -> Scenario.named("--cp " + direction, () -> {
            Path work = Artifacts.workDir("restore-cp/" + direction.fileName());
            Path before = work.resolve("app-before");
            Path after = work.resolve("app-after");
            copyTree(Path.of(Artifacts.programClassPath()), before);
            Program program = Program.of(ExitStatus.class).withClassPath(before.toString(), "moved");
            Path checkpoints = work.resolve("checkpoints");
            List<JvmResult> runs = new ArrayList<>();
            JvmResult checkpoint = JvmRun.withAgent("checkpoint", direction.from(), program,
                    "dir=" + checkpoints + ",exit=true").run(work);
            runs.add(checkpoint);
            Scenario.expectExit(checkpoint, 0, runs);
            Files.move(before, after);
            JvmResult restored = JvmRun.restore("restore", direction.to(), checkpoints, "--cp", after.toString())
                    .run(work);
            runs.add(restored);
            Scenario.expectExit(restored, 3, runs);
            Scenario.expectNoTrace(restored, runs);
            assertEquals("after checkpoint, exiting with 3\n", restored.stdout(),
                    "the restored program should run from its new class path" + Scenario.describe(runs));
        }));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    private static void run(Program program, Direction direction) {
        Path work = Artifacts.workDir(program.fileName() + "/" + direction.fileName());
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(program, direction.from());
        runs.add(plain);
        assertEquals("one: start\ntwo: start>first\nthree: start>first>second\n", plain.stdout());

        JvmResult first = JvmRun.withAgent("checkpoint", direction.from(), program,
                "dir=" + checkpoints + ",exit=true").run(work);
        runs.add(first);
        Scenario.expectExit(first, 0, runs);
        Scenario.expectNoTrace(first, runs);
        assertEquals("one: start\n", first.stdout(), "the first run should stop at the first checkpoint"
                + Scenario.describe(runs));
        List<Path> afterFirst = Scenario.checkpointFiles(checkpoints);
        assertEquals(1, afterFirst.size(), "one checkpoint file expected: " + afterFirst + Scenario.describe(runs));
        Path firstFile = afterFirst.get(0);

        JvmResult second = JvmRun.restore("restore-keeps-exit", direction.to(), checkpoints).run(work);
        runs.add(second);
        Scenario.expectExit(second, 0, runs);
        Scenario.expectNoTrace(second, runs);
        assertEquals("two: start>first\n", second.stdout(), "restored with the original exit=true, the program "
                + "should stop again at the second checkpoint" + Scenario.describe(runs));
        assertEquals(2, Scenario.checkpointFiles(checkpoints).size(), "the restored run should write its "
                + "checkpoint into the original dir: " + Scenario.checkpointFiles(checkpoints) + Scenario.describe(runs));

        JvmResult third = JvmRun.restore("restore-newest", direction.from(), checkpoints).run(work);
        runs.add(third);
        Scenario.expectExit(third, 0, runs);
        Scenario.expectNoTrace(third, runs);
        assertEquals("three: start>first>second\n", third.stdout(), "restoring the directory should continue "
                + "from its newest checkpoint, the second one" + Scenario.describe(runs));

        JvmResult overridden = JvmRun.restore("restore-file-exit-false", direction.to(), firstFile,
                "--option", "exit=false", "--option", "log=debug").run(work);
        runs.add(overridden);
        Scenario.expectExit(overridden, 0, runs);
        Scenario.expectNoTrace(overridden, runs);
        assertEquals("two: start>first\nthree: start>first>second\n", overridden.stdout(), "restoring the first "
                + "checkpoint file with --option exit=false should run to the end" + Scenario.describe(runs));
        // a restored JVM's first checkpoint is sized from the count its checkpoint held, not grown as it goes
        assertTrue(overridden.stderr().contains("identity table sized for "), "the restored JVM's checkpoint should"
                + " size its identity table from the restored count" + Scenario.describe(runs));
    }
}

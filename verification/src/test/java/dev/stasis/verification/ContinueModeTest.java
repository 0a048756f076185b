package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import e2e.api.ContinueMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Without exit=true the JVM that takes a checkpoint goes on: checkpoint() returns TAKEN, listeners
 * are called around it, and the output is the uninterrupted one. Restoring that checkpoint
 * continues after the call, which returns RESTORED, with isRestored() true only there.
 */
class ContinueModeTest {

    @TestFactory
    Stream<DynamicTest> checkpointAndGoOnThenRestore() {
        Program program = Program.of(ContinueMode.class);
        return Jdks.directions().stream().map(direction -> Scenario.named(
                program.label() + " " + direction, () -> run(program, direction)));
    }

    private static void run(Program program, Direction direction) {
        Path work = Artifacts.workDir(program.fileName() + "/" + direction.fileName());
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(program, direction.from());
        runs.add(plain);

        JvmResult taken = JvmRun.withAgent("continue", direction.from(), program, "dir=" + checkpoints).run(work);
        runs.add(taken);
        Scenario.expectExit(taken, 0, runs);
        Scenario.expectNoTrace(taken, runs);
        assertEquals(plain.stdout(), taken.stdout(),
                "a JVM that checkpoints and goes on should print what an uninterrupted one does" + Scenario.describe(runs));
        expectLine(taken, "outcome: TAKEN isRestored: false", runs);
        expectLine(taken, "listener: beforeCheckpoint", runs);
        expectLine(taken, "listener: afterRestore isRestored=false", runs);
        assertEquals(1, Scenario.checkpointFiles(checkpoints).size(),
                "exactly one checkpoint file should be written: " + Scenario.checkpointFiles(checkpoints)
                        + Scenario.describe(runs));

        JvmResult restored = JvmRun.restore("restore", direction.to(), checkpoints).run(work);
        runs.add(restored);
        Scenario.expectExit(restored, 0, runs);
        Scenario.expectNoTrace(restored, runs);
        String marker = ContinueMode.MARKER + "\n";
        int at = plain.stdout().indexOf(marker);
        assertTrue(at >= 0, "the uninterrupted run should print the marker line" + Scenario.describe(runs));
        assertEquals(plain.stdout().substring(at + marker.length()), restored.stdout(),
                "the restored run should print what follows the checkpoint" + Scenario.describe(runs));
        expectLine(restored, "outcome: RESTORED isRestored: true", runs);
        expectLine(restored, "listener: afterRestore isRestored=true", runs);
    }

    private static void expectLine(JvmResult run, String line, List<JvmResult> runs) {
        if (!run.stderr().lines().anyMatch(line::equals)) {
            fail("the " + run.name() + " run should print \"" + line + "\" on stderr" + Scenario.describe(runs));
        }
    }
}

package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.fail;

import e2e.resources.ExitHooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A program's shutdown hooks and files to delete on exit are part of its state: the JVM that exits
 * after a checkpoint runs and deletes none of them, and the restored JVM, on either JDK, runs them
 * and deletes the files when the program ends, as the uninterrupted run does.
 */
class ExitHooksTest {

    @TestFactory
    Stream<DynamicTest> restoredProgramRunsItsShutdownHooksAndDeletesItsFilesOnExit() {
        return Jdks.directions().stream().map(direction -> Scenario.named("ExitHooks " + direction, () -> {
            Path work = Artifacts.workDir("exit-hooks/" + direction.fileName());
            Path files = work.resolve("files");
            Path checkpoints = work.resolve("checkpoints");
            List<JvmResult> runs = new ArrayList<>();
            JvmResult plain = Scenario.uninterrupted(Program.of(ExitHooks.class, work.resolve("plain").toString()),
                    direction.from());
            runs.add(plain);
            Scenario.expectExit(plain, 0, runs);
            if (!plain.stdout().contains("hook: total 385 after 10 steps")) {
                fail("the uninterrupted run should print its totals from its hook" + Scenario.describe(runs));
            }

            Program program = Program.of(ExitHooks.class, files.toString());
            JvmResult stopped = JvmRun.withAgent("checkpoint", direction.from(), program,
                    "dir=" + checkpoints + ",exit=true").run(work);
            runs.add(stopped);
            Scenario.expectExit(stopped, 0, runs);
            Scenario.expectNoTrace(stopped, runs);
            if (stopped.stdout().contains("hook:") || Files.exists(files.resolve(ExitHooks.MARKER))
                    || !Files.exists(files.resolve(ExitHooks.SCRATCH))) {
                fail("the JVM that exits after the checkpoint should neither run the program's hooks nor delete its"
                        + " scratch file" + Scenario.describe(runs));
            }

            JvmResult restored = JvmRun.restore("restore", direction.to(), checkpoints).run(work);
            runs.add(restored);
            Scenario.expectExit(restored, 0, runs);
            Scenario.expectNoTrace(restored, runs);
            Scenario.expectJoined(stopped.stdout() + restored.stdout(), plain, runs);
            if (!Files.exists(files.resolve(ExitHooks.MARKER)) || Files.exists(files.resolve(ExitHooks.SCRATCH))) {
                fail("the restored JVM should run the marker hook and delete the scratch file when the program ends"
                        + Scenario.describe(runs));
            }
        }));
    }
}

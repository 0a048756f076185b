package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import e2e.api.ExitStatus;
import e2e.methods.StaticAndInstance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The agent's options as users write them after {@code -javaagent:stasis-agent.jar=}. */
class AgentOptionsTest {

    @TestFactory
    Stream<DynamicTest> badOptionsStopTheJvmWithOneLine() {
        Program program = Program.of(ExitStatus.class);
        return Jdks.installed().stream().flatMap(jdk -> Stream.of("colour=blue", "exit=maybe").map(options ->
                Scenario.named(options + " on JDK " + jdk.label(), () -> {
                    Path work = Artifacts.workDir("options/" + options.replace('=', '-') + "/" + jdk.label());
                    JvmResult run = JvmRun.withAgent("bad-option", jdk, program, options).run(work);
                    List<JvmResult> runs = List.of(run);
                    assertNotEquals(0, run.exitCode(), "the JVM should fail to start" + Scenario.describe(runs));
                    assertEquals("", run.stdout(), "main should not run" + Scenario.describe(runs));
                    Scenario.expectNoTrace(run, runs);
                    assertEquals(1, run.stderr().strip().lines().count(),
                            "the JVM should stop with a one-line message" + Scenario.describe(runs));
                })));
    }

    @TestFactory
    Stream<DynamicTest> checkpointsGoToStasisCheckpointsByDefault() {
        Program program = Program.of(ExitStatus.class);
        return Jdks.installed().stream().map(jdk -> Scenario.named("exit=true only, JDK " + jdk.label(), () -> {
            Path work = Artifacts.workDir("options/default-dir/" + jdk.label());
            JvmResult run = JvmRun.withAgent("checkpoint", jdk, program, "exit=true").run(work);
            List<JvmResult> runs = List.of(run);
            Scenario.expectExit(run, 0, runs);
            Scenario.expectNoTrace(run, runs);
            assertEquals(1, Scenario.checkpointFiles(work.resolve("stasis-checkpoints")).size(),
                    "one checkpoint file should be in ./stasis-checkpoints" + Scenario.describe(runs));
        }));
    }

    @TestFactory
    Stream<DynamicTest> restoreOptionContinuesInsteadOfRunningMain() {
        Program program = Program.of(ExitStatus.class);
        return Jdks.directions().stream().map(direction -> Scenario.named("restore= " + direction, () -> {
            Path work = Artifacts.workDir("options/restore/" + direction.fileName());
            Path checkpoints = work.resolve("checkpoints");
            List<JvmResult> runs = new ArrayList<>();
            JvmResult checkpoint = JvmRun.withAgent("checkpoint", direction.from(), program,
                    "dir=" + checkpoints + ",exit=true").run(work);
            runs.add(checkpoint);
            Scenario.expectExit(checkpoint, 0, runs);
            JvmResult restored = JvmRun.withAgent("restore-option", direction.to(), program,
                    "restore=" + checkpoints).run(work);
            runs.add(restored);
            Scenario.expectExit(restored, 3, runs);
            Scenario.expectNoTrace(restored, runs);
            assertEquals("after checkpoint, exiting with 3\n", restored.stdout(),
                    "with restore=PATH the JVM should continue from the checkpoint, not run main" + Scenario.describe(runs));
        }));
    }

    @TestFactory
    Stream<DynamicTest> excludedCodeIsNotCaptured() {
        Program program = Program.of(StaticAndInstance.class);
        return Jdks.installed().stream().map(jdk -> Scenario.named("exclude=e2e.methods, JDK " + jdk.label(), () -> {
            Path work = Artifacts.workDir("options/exclude/" + jdk.label());
            Path checkpoints = work.resolve("checkpoints");
            JvmResult plain = Scenario.uninterrupted(program, jdk);
            JvmResult run = JvmRun.withAgent("excluded", jdk, program,
                    "dir=" + checkpoints + ",exit=true,exclude=e2e.methods").run(work);
            List<JvmResult> runs = List.of(plain, run);
            Scenario.expectExit(run, 0, runs);
            Scenario.expectNoTrace(run, runs);
            assertEquals(plain.stdout(), run.stdout(),
                    "a checkpoint in excluded code is not taken and the program runs on" + Scenario.describe(runs));
            assertTrue(Scenario.checkpointFiles(checkpoints).isEmpty(),
                    "no checkpoint file should be written" + Scenario.describe(runs));
        }));
    }
}

package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import e2e.api.CheckpointInForEach;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A checkpoint asked for where the stack cannot be captured (a JDK frame, here ArrayList.forEach,
 * lies between it and main) is not taken: the call returns UNAVAILABLE, stderr names the frame,
 * no checkpoint file appears, and the program goes on as without the agent, even with exit=true.
 */
class UnavailableTest {

    @TestFactory
    Stream<DynamicTest> checkpointUnderAJdkFrameIsNotTaken() {
        Program program = Program.of(CheckpointInForEach.class);
        return Jdks.installed().stream().map(jdk -> Scenario.named(
                program.label() + " on JDK " + jdk.label(), () -> {
                    Path work = Artifacts.workDir(program.fileName() + "/" + jdk.label());
                    Path checkpoints = work.resolve("checkpoints");
                    JvmResult plain = Scenario.uninterrupted(program, jdk);
                    JvmResult run = JvmRun.withAgent("agent", jdk, program, "dir=" + checkpoints + ",exit=true")
                            .run(work);
                    List<JvmResult> runs = List.of(plain, run);
                    Scenario.expectExit(run, 0, runs);
                    Scenario.expectNoTrace(run, runs);
                    assertEquals(plain.stdout(), run.stdout(),
                            "the program should run on as without the agent" + Scenario.describe(runs));
                    assertTrue(run.stdout().contains("outcome inside forEach: UNAVAILABLE"),
                            "checkpoint() should return UNAVAILABLE" + Scenario.describe(runs));
                    assertTrue(run.stderr().contains("java.util."),
                            "stderr should name the JDK frame (java.util.ArrayList.forEach) that prevented the "
                                    + "checkpoint" + Scenario.describe(runs));
                    assertEquals(List.of(), Scenario.checkpointFiles(checkpoints),
                            "no checkpoint file should be written" + Scenario.describe(runs));
                }));
    }
}

package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import e2e.recursion.DeepRecursion;
import e2e.recursion.GuardedRecursion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A stack 2,000 frames deep is captured and re-entered; so are recursions whose methods begin
 * with a guard on their parameters ({@code if (n < 2) return n;}), after which the agent puts
 * their entry test: each frame must be re-invoked with its original arguments.
 */
class RecursionTest {

    @TestFactory
    Stream<DynamicTest> checkpointTwoThousandFramesDeep() {
        return Scenario.acrossJdks(Program.of(DeepRecursion.class));
    }

    @TestFactory
    Stream<DynamicTest> resumeMethodsBehindGuardsWithTheirArguments() {
        return Scenario.acrossJdks(
                Program.of(GuardedRecursion.class, "static"),
                Program.of(GuardedRecursion.class, "virtual"),
                Program.of(GuardedRecursion.class, "widened"),
                Program.of(GuardedRecursion.class, "boxed"),
                Program.of(GuardedRecursion.class, "captured"));
    }

    /**
     * Checkpoint and go on: the base frame's unwind handler goes back to its entry test, past its
     * guard, and every frame above is re-invoked in the same JVM.
     */
    @TestFactory
    Stream<DynamicTest> goOnAfterACheckpointBehindGuards() {
        Program program = Program.of(GuardedRecursion.class, "virtual");
        return Jdks.installed().stream().map(jdk -> Scenario.named(program.label() + " continue on " + jdk,
                () -> {
                    Path work = Artifacts.workDir(program.fileName() + "/continue-" + jdk.major());
                    List<JvmResult> runs = new ArrayList<>();
                    JvmResult plain = Scenario.uninterrupted(program, jdk);
                    runs.add(plain);
                    JvmResult taken = JvmRun.withAgent("continue", jdk, program, "dir=" + work.resolve("checkpoints"))
                            .run(work);
                    runs.add(taken);
                    Scenario.expectExit(taken, 0, runs);
                    Scenario.expectNoTrace(taken, runs);
                    assertEquals(plain.stdout(), taken.stdout(),
                            "a JVM that checkpoints and goes on should print what an uninterrupted one does"
                                    + Scenario.describe(runs));
                }));
    }
}

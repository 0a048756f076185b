package dev.stasis.verification;

import e2e.recursion.DeepRecursion;
import e2e.recursion.GuardedRecursion;
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
                () -> Scenario.checkpointAndGoOn(program, jdk)));
    }
}

package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertTrue;

import e2e.recursion.DeepRecursion;
import e2e.recursion.GuardedRecursion;
import e2e.recursion.RecursionOnALargeStack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A stack 2,000 frames deep is captured and re-entered, and one 30,000 deep in a thread made with
 * a large stack, which the restored thread gets again; so are recursions whose methods begin
 * with a guard on their parameters ({@code if (n < 2) return n;}), after which the agent puts
 * their entry test: each frame must be re-invoked with its original arguments.
 */
class RecursionTest {

    @TestFactory
    Stream<DynamicTest> checkpointTwoThousandFramesDeep() {
        return Scenario.acrossJdks(Program.of(DeepRecursion.class));
    }

    /**
     * A thread made with a large stack for a recursion 30,000 deep, restored in a JVM with the
     * default stack size: the restored thread gets its own stack size back, or its frames, called
     * again interpreted, would overflow the default.
     */
    @TestFactory
    Stream<DynamicTest> aThreadGivenALargeStackGetsItBack() {
        return Scenario.acrossJdks(Program.of(RecursionOnALargeStack.class));
    }

    /**
     * The same recursion in a thread made with the JVM's stack size, checkpointed under
     * {@code -Xss256m} and restored without it: the thread overflows while its frames are called
     * again, and the restore must fail at once (status 2, a message naming the thread, the fix and
     * the intact file), not leave the main thread waiting for it forever; restored with the stack
     * it ran with, the same file goes on.
     */
    @TestFactory
    Stream<DynamicTest> aThreadThatOverflowsWhileRestoredFailsTheRestore() {
        Program program = Program.of(RecursionOnALargeStack.class, "default");
        return Jdks.installed().stream().map(jdk -> Scenario.named("stack overflow on restore, JDK " + jdk.label(), () -> {
            Path work = Artifacts.workDir(program.fileName() + "/overflow-" + jdk.major());
            Path checkpoints = work.resolve("checkpoints");
            List<JvmResult> runs = new ArrayList<>();
            JvmResult checkpoint = JvmRun.withAgent("checkpoint", jdk, program, "dir=" + checkpoints + ",exit=true",
                    List.of("-Xss256m")).run(work);
            runs.add(checkpoint);
            Scenario.expectExit(checkpoint, 0, runs);
            JvmResult small = JvmRun.withAgent("restore-default-stack", jdk, program, "restore=" + checkpoints,
                    List.of("-Xss1m")).run(work);
            runs.add(small);
            Scenario.expectExit(small, 2, runs);
            assertTrue(small.stderr().contains("the thread \"solver\" ended with an exception")
                    && small.stderr().contains("The file is intact") && small.stderr().contains("-Xss"),
                    "the failed restore should name the thread, the intact file and -Xss" + Scenario.describe(runs));
            JvmResult large = JvmRun.withAgent("restore-large-stack", jdk, program, "restore=" + checkpoints,
                    List.of("-Xss256m")).run(work);
            runs.add(large);
            Scenario.expectExit(large, 0, runs);
            Scenario.expectNoTrace(large, runs);
            assertTrue(large.stdout().contains("after the checkpoint at depth 30000") && large.stdout().contains("result "),
                    "restored with the stack it ran with, the program should go on" + Scenario.describe(runs));
        }));
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

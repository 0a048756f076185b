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
 * a large stack, which the restored thread gets again, or given by {@code -Xss}, which the restore
 * gives it on top of its own; so are recursions whose methods begin
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
     * The same recursion in a thread made with the JVM's stack size, then on the main thread,
     * checkpointed under {@code -Xss256m} and restored with the default 1 MB: the frames, called
     * again interpreted, would overflow it, so the restore gives the thread a larger stack (the
     * main thread's frames continue on a thread made with one, which the program sees as its main
     * thread) and the program goes on, and checkpoints again.
     */
    @TestFactory
    Stream<DynamicTest> aThreadDeeperThanTheRestoringStackHoldsGetsALargerOne() {
        return Stream.of("default", "main").flatMap(where -> Jdks.installed().stream().map(jdk -> Scenario.named(
                "deeper than the restoring stack, " + where + " thread, JDK " + jdk.label(), () -> {
                    Program program = Program.of(RecursionOnALargeStack.class, where);
                    Path work = Artifacts.workDir(program.fileName() + "/larger-stack-" + jdk.major());
                    Path checkpoints = work.resolve("checkpoints");
                    List<JvmResult> runs = new ArrayList<>();
                    JvmResult checkpoint = JvmRun.withAgent("checkpoint", jdk, program,
                            "dir=" + checkpoints + ",exit=true", List.of("-Xss256m")).run(work);
                    runs.add(checkpoint);
                    Scenario.expectExit(checkpoint, 0, runs);
                    JvmResult restored = JvmRun.withAgent("restore-default-stack", jdk, program,
                            "restore=" + checkpoints, List.of("-Xss1m")).run(work);
                    runs.add(restored);
                    Scenario.expectExit(restored, 0, runs);
                    Scenario.expectNoTrace(restored, runs);
                    assertTrue(restored.stdout().contains("after the checkpoint at depth 30000")
                            && restored.stdout().contains("result "),
                            "restored with the default stack, the program should go on" + Scenario.describe(runs));
                    if (where.equals("main")) {
                        assertTrue(restored.stdout().contains(" on main, threads named main: 1"),
                                "the program's main thread should still be its main thread, and the only one of that"
                                        + " name" + Scenario.describe(runs));
                        assertTrue(restored.stdout().contains("checkpoint after the restore: TAKEN"),
                                "the restored program should checkpoint again, its main thread on a thread of its"
                                        + " own and this JVM's waiting for it" + Scenario.describe(runs));
                    }
                })));
    }

    /**
     * A checkpoint-and-continue has the thread call its frames again in the stack it has: on the
     * main thread 30,000 frames deep under {@code -Xss8m}, which holds them compiled but not called
     * again, the checkpoint is not taken (a message says why and what to do) and the program goes
     * on undisturbed, instead of ending in a {@code StackOverflowError} after the checkpoint.
     */
    @TestFactory
    Stream<DynamicTest> aCheckpointTheThreadCouldNotGoOnAfterIsNotTaken() {
        Program program = Program.of(RecursionOnALargeStack.class, "main");
        return Jdks.installed().stream().map(jdk -> Scenario.named("too deep to go on, JDK " + jdk.label(), () -> {
            Path work = Artifacts.workDir(program.fileName() + "/too-deep-" + jdk.major());
            List<JvmResult> runs = new ArrayList<>();
            JvmResult run = JvmRun.withAgent("continue", jdk, program, "dir=" + work.resolve("checkpoints"),
                    List.of("-Xss8m")).run(work);
            runs.add(run);
            Scenario.expectExit(run, 0, runs);
            Scenario.expectNoTrace(run, runs);
            assertTrue(run.stderr().contains("checkpoint not taken: the thread \"main\" is ")
                    && run.stderr().contains(" frames deep") && run.stderr().contains("-Xss"),
                    "the refused checkpoint should name the thread, its depth and -Xss" + Scenario.describe(runs));
            assertTrue(run.stdout().contains("after the checkpoint at depth 30000") && run.stdout().contains("result "),
                    "the program should go on" + Scenario.describe(runs));
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

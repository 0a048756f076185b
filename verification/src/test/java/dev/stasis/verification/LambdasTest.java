package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertTrue;

import e2e.lambdas.Lambdas;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Checkpoints inside lambda bodies and method references resume through the JVM's generated
 * lambda classes, and lambda objects kept across a checkpoint still work.
 */
class LambdasTest {

    @TestFactory
    Stream<DynamicTest> checkpointInsideLambdasAndMethodReferences() {
        return Scenario.acrossJdks(
                Program.of(Lambdas.class, "function"),
                Program.of(Lambdas.class, "runnable"),
                Program.of(Lambdas.class, "custom"),
                Program.of(Lambdas.class, "methodRef"),
                Program.of(Lambdas.class, "boundRef"),
                Program.of(Lambdas.class, "unboundRef"),
                Program.of(Lambdas.class, "executorRef"));
    }

    /**
     * Checkpoint and continue through an unbound method reference: the frames re-entered after
     * the checkpoint pass the function's argument to the lambda again, which calls the method on
     * it (re-issued with nulls, as before, the program died of a NullPointerException).
     */
    @TestFactory
    Stream<DynamicTest> unboundMethodReferencesGoOnAfterTheCheckpoint() {
        return Stream.of("unboundRef", "executorRef").map(name -> Scenario.named(name + " continue", () -> {
            Program program = Program.of(Lambdas.class, name);
            Jdk jdk = Jdks.oldest();
            Path work = Artifacts.workDir(program.fileName() + "/continue");
            List<JvmResult> runs = new ArrayList<>();
            JvmResult plain = Scenario.uninterrupted(program, jdk);
            runs.add(plain);
            JvmResult run = JvmRun.withAgent("continue", jdk, program, "dir=" + work.resolve("checkpoints")).run(work);
            runs.add(run);
            Scenario.expectExit(run, 0, runs);
            Scenario.expectNoTrace(run, runs);
            Scenario.expectJoined(run.stdout(), plain, runs);
        }));
    }

    /**
     * A constructor entered through a constructor reference cannot be resumed (a resume re-enters
     * constructors through copies only rewritten code calls): the checkpoint is declined with a
     * message naming it, and the program goes on unharmed.
     */
    @Test
    void aCheckpointInsideAConstructorReachedByReferenceIsDeclined() {
        Program program = Program.of(Lambdas.class, "constructorRef");
        Jdk jdk = Jdks.oldest();
        Path work = Artifacts.workDir(program.fileName() + "/declined");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult run = JvmRun.withAgent("declined", jdk, program, "dir=" + work.resolve("checkpoints")).run(work);
        runs.add(run);
        Scenario.expectExit(run, 0, runs);
        Scenario.expectNoTrace(run, runs);
        assertTrue(run.stdout().endsWith("built after the constructor's checkpoint point\n"), Scenario.describe(runs));
        assertTrue(run.stderr().contains("constructor reference"), "the refusal should name the cause"
                + Scenario.describe(runs));
        assertTrue(Scenario.checkpointFiles(work.resolve("checkpoints")).isEmpty(), Scenario.describe(runs));
    }

    @TestFactory
    Stream<DynamicTest> lambdasKeptAcrossTheCheckpoint() {
        return Scenario.acrossJdks(Program.of(Lambdas.class, "kept"));
    }

    /** The checkpoint reaches each lambda before the object that leads back to it. */
    @TestFactory
    Stream<DynamicTest> lambdasOnCyclesComeBackWhole() {
        return Scenario.acrossJdks(Program.of(Lambdas.class, "cycles"));
    }
}

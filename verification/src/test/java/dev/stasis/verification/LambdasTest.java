package dev.stasis.verification;

import e2e.lambdas.Lambdas;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
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
                Program.of(Lambdas.class, "boundRef"));
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

package dev.stasis.verification;

import e2e.recursion.DeepRecursion;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** A stack 2,000 frames deep is captured and re-entered. */
class RecursionTest {

    @TestFactory
    Stream<DynamicTest> checkpointTwoThousandFramesDeep() {
        return Scenario.acrossJdks(Program.of(DeepRecursion.class));
    }
}

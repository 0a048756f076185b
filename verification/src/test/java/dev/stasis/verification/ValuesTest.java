package dev.stasis.verification;

import e2e.values.LocalsOfEveryType;
import e2e.values.OperandStackUnderCalls;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Locals and operand-stack values of every JVM type survive checkpoint and restore. */
class ValuesTest {

    @TestFactory
    Stream<DynamicTest> localsOfEveryType() {
        return Scenario.acrossJdks(Program.of(LocalsOfEveryType.class));
    }

    @TestFactory
    Stream<DynamicTest> operandStackUnderCalls() {
        return Scenario.acrossJdks(Program.of(OperandStackUnderCalls.class));
    }
}

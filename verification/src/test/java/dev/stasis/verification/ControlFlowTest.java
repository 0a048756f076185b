package dev.stasis.verification;

import e2e.control.Loops;
import e2e.control.Switches;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Loops and switches resume at the iteration and the case they were in. */
class ControlFlowTest {

    @TestFactory
    Stream<DynamicTest> loops() {
        return Scenario.acrossJdks(Program.of(Loops.class));
    }

    @TestFactory
    Stream<DynamicTest> switches() {
        return Scenario.acrossJdks(
                Program.of(Switches.class, "int"),
                Program.of(Switches.class, "sparse"),
                Program.of(Switches.class, "string"),
                Program.of(Switches.class, "string-first"),
                Program.of(Switches.class, "enum"),
                Program.of(Switches.class, "expression"));
    }
}

package dev.stasis.verification;

import e2e.constructors.Constructors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Constructors on the captured stack: the object under construction stays the same object once
 * {@code this} is known elsewhere, and allocations whose arguments reach a checkpoint resume.
 */
class ConstructorsTest {

    @TestFactory
    Stream<DynamicTest> constructors() {
        return Scenario.acrossJdks(
                Program.of(Constructors.class, "body"),
                Program.of(Constructors.class, "superArgs"),
                Program.of(Constructors.class, "thisArgs"),
                Program.of(Constructors.class, "newArg"),
                Program.of(Constructors.class, "baseBody"));
    }
}

package dev.stasis.verification;

import e2e.exceptions.TryCatchFinally;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checkpoints inside try, catch and finally (also with an exception pending) resume there, and no
 * application handler ever sees Stasis's unwinding.
 */
class ExceptionsTest {

    @TestFactory
    Stream<DynamicTest> tryCatchFinally() {
        return Scenario.acrossJdks(
                Program.of(TryCatchFinally.class, "inTry"),
                Program.of(TryCatchFinally.class, "inCatch"),
                Program.of(TryCatchFinally.class, "inFinally"),
                Program.of(TryCatchFinally.class, "inFinallyPending"));
    }

    @TestFactory
    Stream<DynamicTest> applicationHandlersNeverSeeTheUnwinding() {
        return Scenario.acrossJdks(Program.of(TryCatchFinally.class, "handlers"));
    }
}

package dev.stasis.verification;

import e2e.api.AnnotatedCheckpoint;
import e2e.api.ExitStatus;
import e2e.api.RequestedCheckpoint;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The other ways to ask for a checkpoint, and the restored JVM's exit status. */
class ApiTest {

    @TestFactory
    Stream<DynamicTest> checkpointAnnotationOnAMethod() {
        return Scenario.acrossJdks(Program.of(AnnotatedCheckpoint.class));
    }

    @TestFactory
    Stream<DynamicTest> requestedCheckpointTakenAtTheNextSafePoint() {
        return Scenario.acrossJdks(Program.of(RequestedCheckpoint.class));
    }

    @TestFactory
    Stream<DynamicTest> restoredJvmEndsWithTheApplicationsExitStatus() {
        return Scenario.acrossJdks(Program.of(ExitStatus.class));
    }
}

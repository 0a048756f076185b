package dev.stasis.verification;

import e2e.resources.StandardStreamWriters;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Writers and streams over System.out and System.err and a reader over System.in, kept in static
 * fields and holding unflushed output at the checkpoint: the restored program prints that output
 * once, where the uninterrupted one does, across JDKs and in continue mode.
 */
class StandardStreamsTest {

    @TestFactory
    Stream<DynamicTest> writersOverTheStandardStreamsKeepTheirUnflushedOutput() {
        Program program = Program.of(StandardStreamWriters.class);
        return Stream.concat(Scenario.acrossJdks(program), Stream.of(Scenario.named("continue on "
                + Jdks.oldest().label(), () -> Scenario.checkpointAndGoOn(program, Jdks.oldest()))));
    }
}

package dev.stasis.verification;

import e2e.monitors.Monitors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** After the restore the thread holds exactly the monitors it held at the checkpoint. */
class MonitorsTest {

    @TestFactory
    Stream<DynamicTest> synchronizedMethodsAndBlocks() {
        return Scenario.acrossJdks(
                Program.of(Monitors.class, "method"),
                Program.of(Monitors.class, "static"),
                Program.of(Monitors.class, "blocks"),
                Program.of(Monitors.class, "reentrant"));
    }
}

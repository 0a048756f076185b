package dev.stasis.verification;

import e2e.generated.CompiledAtRunTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Classes the program defines at run time with its own class loader (code it compiles, as script
 * engines do) cannot be found on the restoring JVM's class path: the checkpoint carries their
 * class files, and the restore defines them again, here with the checkpoint taken inside one.
 */
class GeneratedClassesTest {

    @TestFactory
    Stream<DynamicTest> compiledAtRunTime() {
        Program program = Program.of(CompiledAtRunTime.class);
        Jdk jdk = Jdks.oldest();
        return Stream.concat(Scenario.acrossJdks(program), Stream.of(Scenario.named(
                program.label() + " continue " + jdk.label(), () -> Scenario.checkpointAndGoOn(program, jdk))));
    }
}

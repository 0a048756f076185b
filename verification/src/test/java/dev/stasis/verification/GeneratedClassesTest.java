package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertTrue;

import e2e.generated.CompiledAtRunTime;
import e2e.generated.PluginHost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
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

    /**
     * The program's class loaders themselves, a URLClassLoader over a plugin directory and a
     * ClassLoader subclass with a cache, kept in static fields: they come back with their names,
     * URLs, parents and fields, and load the next plugin from the directory after the restore.
     * Before, any class loader in the state made the checkpoint fail.
     */
    @TestFactory
    Stream<DynamicTest> pluginHostKeepsItsClassLoaders() {
        Program program = Program.of(PluginHost.class);
        Jdk jdk = Jdks.oldest();
        return Stream.concat(Scenario.acrossJdks(program), Stream.of(Scenario.named(
                program.label() + " continue " + jdk.label(), () -> Scenario.checkpointAndGoOn(program, jdk))));
    }

    /**
     * {@code inspect} lists the carried class, and {@code verify} checks the frame inside it
     * against the class file the checkpoint carries (it is on no class path): valid, exit 0.
     */
    @Test
    void inspectAndVerifyKnowTheCarriedClass() {
        Program program = Program.of(CompiledAtRunTime.class);
        Jdk jdk = Jdks.oldest();
        Path work = Artifacts.workDir(program.fileName() + "/inspect-verify");
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult taken = JvmRun.withAgent("checkpoint", jdk, program, "dir=" + checkpoints + ",exit=true").run(work);
        runs.add(taken);
        Scenario.expectExit(taken, 0, runs);
        JvmResult inspected = JvmRun.agentCommand("inspect", jdk, "inspect", checkpoints.toString()).run(work);
        runs.add(inspected);
        Scenario.expectExit(inspected, 0, runs);
        assertTrue(inspected.stdout().contains("carried by the checkpoint (1)") && inspected.stdout().contains("gen.Accumulator"),
                "inspect lists the carried class" + Scenario.describe(runs));
        JvmResult verified = JvmRun.agentCommand("verify", jdk, "verify", checkpoints.toString()).run(work);
        runs.add(verified);
        Scenario.expectExit(verified, 0, runs);
    }
}

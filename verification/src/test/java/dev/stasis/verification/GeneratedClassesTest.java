package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import e2e.generated.CompiledAtRunTime;
import e2e.generated.DefinedInTheApplicationLoader;
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
     * A class defined in the application class loader at run time ({@code Lookup.defineClass}) is
     * carried by no checkpoint: while the program holds it, a checkpoint is refused up front with
     * a message naming the class and the fix, instead of a file whose restore would fail; once
     * the program let go of it, the next checkpoint is taken and restores on the other JDK.
     */
    @Test
    void aClassDefinedInTheApplicationLoaderIsRefusedAtTheCheckpointNotAtTheRestore() {
        Program program = Program.of(DefinedInTheApplicationLoader.class);
        Program withAsm = program.withClassPath(program.classPath() + java.io.File.pathSeparator
                + SampleApp.jarOf(org.objectweb.asm.ClassWriter.class), "with asm");
        Direction direction = Jdks.directions().get(0);
        Path work = Artifacts.workDir(program.fileName() + "/" + direction.fileName());
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(withAsm, direction.from());
        runs.add(plain);
        JvmResult taken = JvmRun.withAgent("checkpoint", direction.from(), withAsm,
                "dir=" + checkpoints + ",exit=true").run(work);
        runs.add(taken);
        Scenario.expectExit(taken, 0, runs);
        Scenario.expectNoTrace(taken, runs);
        assertTrue(taken.stderr().contains("checkpoint with the generated class in reach: UNAVAILABLE")
                && taken.stderr().contains("checkpoint not written")
                && taken.stderr().contains("the class e2e.generated.Squares was defined at run time in the application"
                        + " class loader"), "the checkpoint that would name the class should be refused, naming it"
                        + Scenario.describe(runs));
        assertEquals(1, Scenario.checkpointFiles(checkpoints).size(),
                "only the checkpoint taken once the class was out of reach should be written" + Scenario.describe(runs));
        JvmResult restored = JvmRun.restore("restore", direction.to(), checkpoints).run(work);
        runs.add(restored);
        Scenario.expectExit(restored, 0, runs);
        Scenario.expectNoTrace(restored, runs);
        Scenario.expectJoined(taken.stdout() + restored.stdout(), plain, runs);
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

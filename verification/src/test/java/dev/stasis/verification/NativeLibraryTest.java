package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.fail;

import e2e.resources.NativeLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A program whose classes loaded a JNI library (a loader class with a "loaded" flag, called from
 * the static initializer of the class with the native methods) restores and goes on calling its
 * native methods: the restored JVM loads the library again itself. Before, the restore set the
 * classes' static fields from the checkpoint without running their initializers, so the library
 * was never loaded and the first native call threw UnsatisfiedLinkError (Smile's OpenBLAS through
 * JavaCPP did). The library is compiled here with gcc; CI requires it, elsewhere its absence
 * skips these tests, saying so.
 */
class NativeLibraryTest {

    @BeforeAll
    static void compileLibrary() throws IOException, InterruptedException {
        Path classes = Paths.get(Artifacts.programClassPath());
        Path out = Files.createDirectories(classes.resolveSibling("native"))
                .resolve(System.mapLibraryName("stasise2e"));
        Path source = Artifacts.root().resolve("verification/src/test/c/stasise2e.c");
        Path include = Jdks.oldest().home().resolve("include");
        List<String> command = List.of("gcc", "-shared", "-fPIC", "-O2", "-I" + include, "-I" + include.resolve("linux"),
                "-o", out.toString(), source.toString());
        Process gcc;
        try {
            gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            String why = "gcc is needed to compile the JNI library of NativeLibraryTest and could not be run (" + e
                    + ")";
            if (Jdks.crossJdkRequired()) {
                fail(why + "; CI requires it");
            }
            Assumptions.abort(why + ": the native library tests were not run");
            return;
        }
        String output = new String(gcc.getInputStream().readAllBytes());
        if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
            fail("gcc could not compile " + source + ": " + String.join(" ", command) + "\n" + output);
        }
    }

    @TestFactory
    Stream<DynamicTest> aLoadedNativeLibraryIsLoadedAgainByTheRestoredJvm() {
        Program program = Program.of(NativeLibrary.class);
        return Stream.concat(Scenario.acrossJdks(program), Stream.of(Scenario.named("continue on "
                + Jdks.oldest().label(), () -> Scenario.checkpointAndGoOn(program, Jdks.oldest()))));
    }
}

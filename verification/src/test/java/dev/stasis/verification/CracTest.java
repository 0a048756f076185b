package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import e2e.resources.CracFailure;
import e2e.resources.CracJournal;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * An application written for CRaC, run on an ordinary JDK with the real facade jars from Maven
 * Central (org.crac:crac 1.5.0 and the older io.github.crac:org-crac 0.1.3): its Resource is told
 * beforeCheckpoint and afterRestore by Stasis, and {@code Core.checkpointRestore()} takes a Stasis
 * checkpoint, restored on the other JDK in both directions, or goes on in the same JVM.
 */
class CracTest {

    private static final String BEFORE = "wrote entry 1\nwrote entry 2\nbeforeCheckpoint: journal closed\n";
    private static final String AFTER = "afterRestore: journal reopened\ncheckpointRestore returned\n"
            + "wrote entry 3\nwrote entry 4\nentry 1\nentry 2\nentry 3\nentry 4\n";

    @TestFactory
    Stream<DynamicTest> resourceClosedBeforeAndReopenedAfterARestoreOnTheOtherJdk() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String facade : List.of("stasis.verification.crac", "stasis.verification.crac.old")) {
            for (Direction direction : Jdks.directions()) {
                Path jar = facadeJar(facade);
                tests.add(Scenario.named(jar.getFileName() + " " + direction, () -> checkpointAndRestore(jar, direction)));
            }
        }
        return tests.stream();
    }

    @Test
    void checkpointRestoreGoesOnInTheSameJvmWithoutExit() {
        Path work = Artifacts.workDir("crac/continue");
        Program program = program(facadeJar("stasis.verification.crac"), work);
        List<JvmResult> runs = new ArrayList<>();
        JvmResult run = JvmRun.withAgent("continue", Jdks.oldest(), program, "dir=" + work.resolve("checkpoints"))
                .run(work);
        runs.add(run);
        Scenario.expectExit(run, 0, runs);
        Scenario.expectNoTrace(run, runs);
        assertEquals(BEFORE + AFTER, run.stdout(), "the resource should be notified around the checkpoint"
                + Scenario.describe(runs));
        assertEquals(1, Scenario.checkpointFiles(work.resolve("checkpoints")).size(),
                "Core.checkpointRestore() should write one checkpoint" + Scenario.describe(runs));
    }

    @Test
    void aRefusingResourceCancelsTheCheckpointWithCheckpointException() {
        Path work = Artifacts.workDir("crac/refused");
        Path jar = facadeJar("stasis.verification.crac");
        Program program = Program.of(CracFailure.class)
                .withClassPath(Artifacts.programClassPath() + File.pathSeparator + jar, jar.getFileName().toString());
        List<JvmResult> runs = new ArrayList<>();
        JvmResult run = JvmRun.withAgent("refused", Jdks.oldest(), program, "dir=" + work.resolve("checkpoints")
                + ",exit=true").run(work);
        runs.add(run);
        Scenario.expectExit(run, 0, runs);
        Scenario.expectNoTrace(run, runs);
        assertEquals("beforeCheckpoint second\nbeforeCheckpoint first\nafterRestore first\nafterRestore second\n"
                + "CheckpointException: second is busy\n", run.stdout(), "CRaC's order and failure rules"
                + Scenario.describe(runs));
        assertEquals(List.of(), Scenario.checkpointFiles(work.resolve("checkpoints")), "no checkpoint"
                + Scenario.describe(runs));
    }

    private static void checkpointAndRestore(Path facadeJar, Direction direction) {
        Path work = Artifacts.workDir("crac/" + facadeJar.getFileName() + "/" + direction.fileName());
        Path checkpoints = work.resolve("checkpoints");
        Program program = program(facadeJar, work);
        List<JvmResult> runs = new ArrayList<>();
        JvmResult checkpoint = JvmRun.withAgent("checkpoint", direction.from(), program,
                "dir=" + checkpoints + ",exit=true").run(work);
        runs.add(checkpoint);
        Scenario.expectExit(checkpoint, 0, runs);
        Scenario.expectNoTrace(checkpoint, runs);
        assertEquals(BEFORE, checkpoint.stdout(), "the checkpoint run" + Scenario.describe(runs));

        JvmResult restored = JvmRun.restore("restore", direction.to(), checkpoints).run(work);
        runs.add(restored);
        Scenario.expectExit(restored, 0, runs);
        Scenario.expectNoTrace(restored, runs);
        assertEquals(AFTER, restored.stdout(), "the restored run should reopen the journal and append to it"
                + Scenario.describe(runs));
    }

    private static Program program(Path facadeJar, Path work) {
        return Program.of(CracJournal.class, work.resolve("journal.txt").toString())
                .withClassPath(Artifacts.programClassPath() + File.pathSeparator + facadeJar, facadeJar.getFileName().toString());
    }

    private static Path facadeJar(String property) {
        Path jar = Paths.get(System.getProperty(property, "missing-" + property));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the CRaC facade jar " + jar + " is missing: run the tests through Maven,"
                    + " which fetches it from Maven Central");
        }
        return jar;
    }
}

package dev.stasis.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stasis.internal.config.OptionException;
import dev.stasis.internal.format.CheckpointFileException;
import dev.stasis.internal.format.CheckpointHeader;
import dev.stasis.internal.format.CheckpointSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestoreCommandTest {

    private static final Path JAVA_HOME = Path.of("/opt/jdk");
    private static final Path AGENT = Path.of("/opt/stasis/stasis-agent.jar");

    @Test
    void startsTheRecordedMainClassWithTheAgentAndTheRecordedClassPath() throws Exception {
        CheckpointSummary s = Summaries.acme();
        List<String> command = RestoreCommand.command(JAVA_HOME, AGENT, s, null, List.of(), List.of());
        String restore = s.file().toAbsolutePath().toString();
        assertEquals(List.of(JAVA_HOME.resolve("bin").resolve("java").toString(),
                "-javaagent:" + AGENT + "=dir=ckpt,exit=true,restore=" + restore + ",keep=3,timeout=30s,log=quiet",
                "-cp", "app.jar", "com.acme.Main"), command);
    }

    @Test
    void overridesClassPathOptionsAndJvmArguments() throws Exception {
        List<String> command = RestoreCommand.command(JAVA_HOME, AGENT, Summaries.acme(), "new.jar",
                List.of("keep=9", "exit=false"), List.of("-Xmx2g", "-Dx=y"));
        assertEquals("-Xmx2g", command.get(1));
        assertEquals("-Dx=y", command.get(2));
        assertTrue(command.get(3).matches("-javaagent:.*=dir=ckpt,exit=false,restore=.*,keep=9,timeout=30s,log=quiet"),
                command.get(3));
        assertEquals(List.of("-cp", "new.jar", "com.acme.Main"), command.subList(4, 7));
    }

    @Test
    void theRecordedAtIsDroppedAndAnAtGivenToTheRestoreCountsFromIt() throws Exception {
        CheckpointSummary s = Summaries.withOptions("dir=ckpt,exit=true,at=500");
        List<String> plain = RestoreCommand.command(JAVA_HOME, AGENT, s, null, List.of(), List.of());
        assertTrue(plain.get(1).matches("-javaagent:.*=dir=ckpt,exit=true,restore=[^,]*,keep=3,timeout=30s,log=quiet"),
                plain.get(1));
        List<String> chained = RestoreCommand.command(JAVA_HOME, AGENT, s, null, List.of("at=20"), List.of());
        assertTrue(chained.get(1).contains(",at=20"), chained.get(1));
    }

    @Test
    void badOverrideIsRefusedBeforeAnythingStarts() {
        OptionException e = assertThrows(OptionException.class, () -> RestoreCommand.command(JAVA_HOME, AGENT,
                Summaries.acme(), null, List.of("kep=2"), List.of()));
        assertTrue(e.getMessage().contains("unknown option 'kep'"), e.getMessage());
    }

    @Test
    void optionsOfANewerStasisAreExplained() {
        CheckpointSummary acme = Summaries.acme();
        CheckpointHeader h = acme.header();
        CheckpointSummary newer = new CheckpointSummary(acme.file(), acme.size(), 1, "9.0.0",
                new CheckpointHeader(h.jdkVendor, h.jdkVersion, h.os, h.arch, h.timeMillis, h.mainClass, h.classPath,
                        "dir=ckpt,replicate=3"),
                acme.methods(), acme.initializedClasses(), acme.threads(), acme.statics(), acme.histogram(), 0, 0, Map.of(),
                Map.of());
        CheckpointFileException e = assertThrows(CheckpointFileException.class,
                () -> RestoreCommand.command(JAVA_HOME, AGENT, newer, null, List.of(), List.of()));
        assertTrue(e.getMessage().contains("unknown option 'replicate'"), e.getMessage());
        assertTrue(e.getMessage().contains("written by Stasis 9.0.0"), e.getMessage());
    }

    @Test
    void aCheckpointWithoutMainClassCannotBeRestoredFromTheCommandLine() {
        CheckpointSummary acme = Summaries.acme();
        CheckpointHeader h = acme.header();
        CheckpointSummary noMain = new CheckpointSummary(acme.file(), acme.size(), 1, "0.1.0",
                new CheckpointHeader(h.jdkVendor, h.jdkVersion, h.os, h.arch, h.timeMillis,
                        null, h.classPath, h.agentOptions),
                acme.methods(), acme.initializedClasses(), acme.threads(), acme.statics(), acme.histogram(), 0, 0, Map.of(),
                Map.of());
        CheckpointFileException e = assertThrows(CheckpointFileException.class,
                () -> RestoreCommand.command(JAVA_HOME, AGENT, noMain, null, List.of(), List.of()));
        assertTrue(e.getMessage().contains("main class"), e.getMessage());
    }
}

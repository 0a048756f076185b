package dev.stasis.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Command-line parsing and exit statuses that need no running agent. */
class StasisCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return StasisCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
    }

    /** A user error: exit 2, one line on stderr naming the problem, nothing on stdout, no stack trace. */
    private void assertUnusable(String expected, String... args) {
        assertEquals(2, run(args), err.toString());
        String e = err.toString();
        assertTrue(e.contains(expected), e);
        assertTrue(e.startsWith("stasis: "), e);
        assertEquals(1, e.strip().lines().count(), e);
        assertFalse(e.contains("Exception") || e.contains("\tat "), e);
        assertEquals("", out.toString());
    }

    @Test
    void helpListsTheCommands() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("restore"), out.toString());
        assertTrue(out.toString().contains("inspect"));
        assertTrue(out.toString().contains("verify"));
        assertTrue(out.toString().contains("checkpoint"));
        assertTrue(out.toString().contains("Exit status"));
        assertEquals("", err.toString());
    }

    @Test
    void subcommandHelp() {
        assertEquals(0, run("restore", "--help"));
        assertTrue(out.toString().contains("--jvm-arg"), out.toString());
    }

    @Test
    void version() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("Stasis "), out.toString());
        assertTrue(out.toString().contains("checkpoint format version 8"), out.toString());
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals(2, run());
        assertTrue(err.toString().contains("Missing command"), err.toString());
        assertTrue(err.toString().contains("Usage"), err.toString());
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertEquals(2, run("frobnicate", "x"));
        assertTrue(err.toString().contains("frobnicate"), err.toString());
        assertTrue(err.toString().contains("Usage"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(2, run("inspect", "--colour", "x"));
        assertTrue(err.toString().contains("--colour"), err.toString());
    }

    @Test
    void missingPathOperandIsAUsageError() {
        assertEquals(2, run("restore"));
        assertTrue(err.toString().contains("PATH"), err.toString());
    }

    @Test
    void checkpointOfAMissingProcess() {
        long pid = ProcessHandle.current().pid();
        while (ProcessHandle.of(pid).isPresent()) {
            pid += 7919;
        }
        assertUnusable("there is no process with id " + pid, "checkpoint", Long.toString(pid));
    }

    @Test
    void checkpointOfAProcessThatCannotBeAttachedToFailsWithOneLine() {
        String self = Long.toString(ProcessHandle.current().pid());
        assertUnusable("cannot ask process " + self + " for a checkpoint: attaching failed", "checkpoint", self);
    }

    @ParameterizedTest
    @ValueSource(strings = {"restore", "inspect", "verify"})
    void missingPath(String command) {
        assertUnusable("no such file or directory", command, dir.resolve("nowhere").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"restore", "inspect", "verify"})
    void emptyDirectory(String command) {
        assertUnusable("holds no checkpoint", command, dir.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"restore", "inspect", "verify"})
    void damagedFile(String command) throws Exception {
        byte[] junk = new byte[3000];
        new Random(1).nextBytes(junk);
        Path file = Files.write(dir.resolve("checkpoint-20251126-000000-000-000001.stasis"), junk);
        assertUnusable("is not a Stasis checkpoint", command, file.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"restore", "inspect", "verify"})
    void emptyFile(String command) throws Exception {
        Path file = Files.write(dir.resolve("x.stasis"), new byte[0]);
        assertUnusable("empty", command, file.toString());
    }

    @Test
    void directoryWithOnlyDamagedCheckpointsReportsEach() throws Exception {
        Files.write(dir.resolve("checkpoint-20251126-000000-000-000001.stasis"), "STASIS\r\n".getBytes());
        Files.write(dir.resolve("checkpoint-20251126-000001-000-000002.stasis"), new byte[0]);
        assertEquals(2, run("restore", dir.toString()));
        String e = err.toString();
        assertEquals(3, e.strip().lines().count(), e);
        assertTrue(e.contains("skipping") && e.contains("000002.stasis") && e.contains("none of the 2"), e);
    }
}

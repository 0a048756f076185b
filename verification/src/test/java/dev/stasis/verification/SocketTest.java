package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import e2e.resources.OpenSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An open server socket reachable from a captured frame, with no listener to close it: the
 * checkpoint is not written, the message names the path from the frame to the socket field by
 * field, and the program goes on.
 */
class SocketTest {

    @Test
    void checkpointFailsNamingThePathToTheSocket() {
        Path work = Artifacts.workDir("socket");
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult run = JvmRun.withAgent("checkpoint", Jdks.oldest(), Program.of(OpenSocket.class),
                "dir=" + checkpoints + ",exit=true").run(work);
        runs.add(run);
        Scenario.expectExit(run, 0, runs);
        Scenario.expectNoTrace(run, runs);
        assertEquals("listening\nstill listening: true\n", run.stdout(), "the program goes on" + Scenario.describe(runs));
        assertTrue(run.stderr().contains("stasis: checkpoint not written: Cannot checkpoint an object of class"
                + " java.net.ServerSocket, reached from root[0] (locals and operand stack of"
                + " e2e.resources.OpenSocket.main(...) in thread \"main\") [0] -> e2e.resources.OpenSocket$Server"
                + " .listener -> e2e.resources.OpenSocket$Listener .socket -> java.net.ServerSocket: open sockets"),
                "the message should name the path to the socket" + Scenario.describe(runs));
        assertTrue(Scenario.checkpointFiles(checkpoints).isEmpty(), "no checkpoint file" + Scenario.describe(runs));
    }
}

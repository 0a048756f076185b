package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.fail;

import e2e.crash.HeapChurn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code key=FILE}: a run signs its checkpoints, restore with the key continues the program (and
 * the restored JVM signs what it writes), and a wrong key, no key, or a checkpoint changed after
 * it was written is refused before anything runs, with one paragraph and exit status 2, by the
 * launcher and by the agent's own {@code restore=}.
 */
class SigningTest {

    private static final Program CHURN = Program.of(HeapChurn.class, "8", "120", "2000", "0");

    @Test
    void signedCheckpointsRestoreWithTheirKeyOnly() throws IOException {
        Jdk jdk = Jdks.newest();
        Path work = Artifacts.workDir("signing/" + jdk.label());
        Path checkpoints = work.resolve("checkpoints");
        Path key = Files.writeString(work.resolve("stasis.key"), "a secret of some thirty bytes!");
        Path wrongKey = Files.writeString(work.resolve("wrong.key"), "another secret, just as long!");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(CHURN, jdk);
        runs.add(plain);

        JvmResult signing = JvmRun.withAgent("signing", jdk, CHURN,
                "dir=" + checkpoints + ",interval=250ms,keep=20", List.of("-Dstasis.key=" + key)).run(work);
        runs.add(signing);
        Scenario.expectExit(signing, 0, runs);
        Scenario.expectJoined(signing.stdout(), plain, runs);
        List<Path> files = Scenario.checkpointFiles(checkpoints);
        if (files.size() < 2) {
            fail("the run should have written several signed checkpoints: " + files + Scenario.describe(runs));
        }
        Path first = files.get(0);
        if (new String(Files.readAllBytes(first), StandardCharsets.ISO_8859_1).contains("a secret of some")) {
            fail("the key's secret must not be written into the checkpoint" + Scenario.describe(runs));
        }

        refused(runs, JvmRun.restore("restore-without-key", jdk, first).run(work), "this checkpoint is signed; give"
                + " the key with key=FILE");
        refused(runs, JvmRun.restore("restore-wrong-key", jdk, first, "--key", wrongKey.toString()).run(work),
                "signature does not match the signing key " + wrongKey);
        refused(runs, JvmRun.agentCommand("verify-wrong-key", jdk, "verify", "--key", wrongKey.toString(),
                first.toString()).run(work), "signature does not match");
        refused(runs, JvmRun.withAgent("agent-restore-wrong-key", jdk, CHURN,
                "restore=" + first + ",key=" + wrongKey).run(work), "signature does not match");

        byte[] changed = Files.readAllBytes(first);
        changed[changed.length / 2] ^= 0x01;
        Path forged = Files.write(work.resolve("changed.stasis"), changed);
        refused(runs, JvmRun.restore("restore-changed", jdk, forged, "--key", key.toString()).run(work),
                "signature does not match");

        JvmResult restored = JvmRun.restore("restore-with-key", jdk, first, "--key", key.toString()).run(work);
        runs.add(restored);
        Scenario.expectExit(restored, 0, runs);
        Scenario.expectNoTrace(restored, runs);
        Scenario.expectSuffix(plain, restored, runs);

        Path newest = Scenario.checkpointFiles(checkpoints).get(Scenario.checkpointFiles(checkpoints).size() - 1);
        JvmResult verified = JvmRun.agentCommand("verify-restored-run", jdk, "verify", "--key", key.toString(),
                newest.toString()).run(work);
        runs.add(verified);
        Scenario.expectExit(verified, 0, runs);
        refused(runs, JvmRun.agentCommand("verify-restored-run-without-key", jdk, "verify", newest.toString())
                .run(work), "this checkpoint is signed");
    }

    @Test
    void aMissingKeyFileStopsTheAgentAtStart() {
        Jdk jdk = Jdks.newest();
        Path work = Artifacts.workDir("signing/missing-key-" + jdk.label());
        List<JvmResult> runs = new ArrayList<>();
        JvmResult run = JvmRun.withAgent("missing-key", jdk, CHURN, "key=" + work.resolve("nope.key")).run(work);
        refused(runs, run, "the signing key file (key=) does not exist");
        if (!run.stdout().isEmpty()) {
            fail("the application must not run without its key" + Scenario.describe(runs));
        }
    }

    /** Exit status 2, one paragraph on stderr containing {@code expected}, no trace, no program output. */
    private static void refused(List<JvmResult> runs, JvmResult run, String expected) {
        runs.add(run);
        Scenario.expectExit(run, 2, runs);
        Scenario.expectNoTrace(run, runs);
        String err = run.stderr().strip();
        if (!err.contains(expected) || err.lines().count() != 1 || !run.stdout().isEmpty()) {
            fail("the " + run.name() + " run should refuse with one paragraph saying \"" + expected + "\""
                    + Scenario.describe(runs));
        }
    }
}

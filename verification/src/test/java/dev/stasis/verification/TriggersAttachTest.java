package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.fail;

import e2e.triggers.BlockedInForEach;
import e2e.triggers.Ticker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar stasis-agent.jar checkpoint PID [--exit]}: an operator makes a running JVM that
 * has the agent checkpoint now. The command prints the file written; the program goes on (or, with
 * --exit, stops and is restored on the other JDK). When the program cannot be checkpointed in time,
 * or does not run the agent, the command fails with the reason and the program is not disturbed.
 */
class TriggersAttachTest {

    /** About four seconds without the agent, longer with it: time to attach. */
    private static final Program TICKER = Program.of(Ticker.class, "80", "50");

    @Test
    void checkpointPidWritesAFileAndTheProgramGoesOn() {
        Direction direction = Jdks.directions().get(0);
        Path work = Artifacts.workDir("triggers/checkpoint-pid/" + direction.fileName());
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(TICKER, direction.from());
        runs.add(plain);

        JvmRun.Running app = JvmRun.withAgent("app", direction.from(), TICKER, "dir=" + checkpoints).start(work);
        app.awaitStdoutLines(3, Duration.ofSeconds(30));
        JvmResult command = JvmRun.agentCommand("checkpoint-pid", direction.from(), "checkpoint",
                Long.toString(app.pid())).run(work);
        runs.add(command);
        JvmResult goesOn = app.finish();
        runs.add(goesOn);

        Scenario.expectExit(command, 0, runs);
        Path written = writtenFile(command, work, runs);
        Scenario.expectExit(goesOn, 0, runs);
        Scenario.expectNoTrace(goesOn, runs);
        Scenario.expectJoined(goesOn.stdout(), plain, runs);
        if (!Scenario.checkpointFiles(checkpoints).stream().map(TriggersAttachTest::real).toList()
                .equals(List.of(real(written)))) {
            fail("the only checkpoint in " + checkpoints + " should be the one the command printed, "
                    + written + ", not " + Scenario.checkpointFiles(checkpoints) + Scenario.describe(runs));
        }
    }

    @Test
    void checkpointPidExitStopsTheProgramAndItFinishesOnTheOtherJdk() {
        List<Direction> directions = Jdks.directions();
        Direction direction = directions.get(directions.size() - 1);
        Path work = Artifacts.workDir("triggers/checkpoint-pid-exit/" + direction.fileName());
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(TICKER, direction.from());
        runs.add(plain);

        JvmRun.Running app = JvmRun.withAgent("app", direction.from(), TICKER, "dir=" + checkpoints).start(work);
        app.awaitStdoutLines(3, Duration.ofSeconds(30));
        JvmResult command = JvmRun.agentCommand("checkpoint-pid-exit", direction.from(), "checkpoint",
                Long.toString(app.pid()), "--exit").run(work);
        runs.add(command);
        JvmResult stopped = app.finish();
        runs.add(stopped);

        Scenario.expectExit(command, 0, runs);
        Path written = writtenFile(command, work, runs);
        Scenario.expectExit(stopped, 0, runs);
        Scenario.expectNoTrace(stopped, runs);
        if (stopped.stdout().equals(plain.stdout())) {
            fail("with --exit the program should stop at the checkpoint, not run to its end" + Scenario.describe(runs));
        }

        JvmResult restored = JvmRun.restore("restore", direction.to(), written).run(work);
        runs.add(restored);
        Scenario.expectExit(restored, 0, runs);
        Scenario.expectNoTrace(restored, runs);
        Scenario.expectJoined(stopped.stdout() + restored.stdout(), plain, runs);
    }

    /**
     * The command must not load an agent into the running JVM: from JDK 21 on that prints a warning
     * on the application's stderr (JEP 451) and a future JDK refuses it by default. The JVM already
     * runs the agent, so asking it needs no new one.
     */
    @Test
    void checkpointPidNeedsNoDynamicAgentLoading() {
        Jdk jdk = Jdks.newest();
        Path work = Artifacts.workDir("triggers/checkpoint-pid-no-dynamic-agent/" + jdk.label());
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        Program program = Program.of(Ticker.class, "30", "50");
        JvmRun.Running app = JvmRun.withAgent("app", jdk, program, "dir=" + checkpoints).start(work);
        app.awaitStdoutLines(3, Duration.ofSeconds(30));
        JvmResult command = JvmRun.agentCommand("checkpoint-pid", jdk, "checkpoint", Long.toString(app.pid())).run(work);
        runs.add(command);
        JvmResult goesOn = app.finish();
        runs.add(goesOn);
        Scenario.expectExit(command, 0, runs);
        Scenario.expectExit(goesOn, 0, runs);
        if (goesOn.stderr().contains("loaded dynamically")) {
            fail("checkpoint PID made JDK " + jdk.version() + " warn on the application's stderr that an agent was loaded "
                    + "dynamically" + Scenario.describe(runs));
        }
    }

    @Test
    void checkpointPidOfAJvmWithoutTheAgentFailsClearly() {
        Jdk jdk = Jdks.oldest();
        Path work = Artifacts.workDir("triggers/checkpoint-pid-no-agent/" + jdk.label());
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(TICKER, jdk);
        runs.add(plain);

        JvmRun.Running app = JvmRun.plain("app-without-agent", jdk, TICKER).start(work);
        app.awaitStdoutLines(3, Duration.ofSeconds(30));
        JvmResult command = JvmRun.agentCommand("checkpoint-pid", jdk, "checkpoint", Long.toString(app.pid()))
                .timeout(Duration.ofSeconds(30)).run(work);
        runs.add(command);
        JvmResult undisturbed = app.finish();
        runs.add(undisturbed);

        if (command.timedOut() || command.exitCode() == 0) {
            fail("checkpoint PID of a JVM without the agent should fail with a non-zero status" + Scenario.describe(runs));
        }
        Scenario.expectNoTrace(command, runs);
        if (!command.stderr().contains(Long.toString(app.pid())) || !command.stderr().contains("agent")) {
            fail("the failure should name the process and say that it does not run the agent" + Scenario.describe(runs));
        }
        if (!command.stdout().isEmpty()) {
            fail("a failed checkpoint PID should print nothing on stdout, where a file name would be" + Scenario.describe(runs));
        }
        Scenario.expectExit(undisturbed, 0, runs);
        Scenario.expectJoined(undisturbed.stdout(), plain, runs);
    }

    @Test
    void checkpointPidThatCannotBeHonouredInTimeSaysWhy() {
        Program program = Program.of(BlockedInForEach.class, "wait");
        Jdk jdk = Jdks.newest();
        Path work = Artifacts.workDir("triggers/checkpoint-pid-timeout/" + jdk.label());
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(program, jdk);
        runs.add(plain);

        JvmRun.Running app = JvmRun.withAgent("app", jdk, program, "dir=" + checkpoints + ",timeout=1s").start(work);
        app.awaitStdoutLines(1, Duration.ofSeconds(30));
        JvmResult command = JvmRun.agentCommand("checkpoint-pid", jdk, "checkpoint", Long.toString(app.pid()))
                .timeout(Duration.ofSeconds(30)).run(work);
        runs.add(command);
        JvmResult undisturbed = app.finish();
        runs.add(undisturbed);

        if (command.timedOut() || command.exitCode() == 0) {
            fail("checkpoint PID should fail when the program stays where it cannot be captured past its timeout"
                    + Scenario.describe(runs));
        }
        Scenario.expectNoTrace(command, runs);
        if (!command.stderr().contains("forEach") || !command.stdout().isEmpty()) {
            fail("the command should say why on stderr, naming the frame that blocked the checkpoint (ArrayList.forEach),"
                    + " and print no file name" + Scenario.describe(runs));
        }
        Scenario.expectExit(undisturbed, 0, runs);
        Scenario.expectNoTrace(undisturbed, runs);
        Scenario.expectJoined(undisturbed.stdout(), plain, runs);
        if (!Scenario.checkpointFiles(checkpoints).isEmpty()) {
            fail("no checkpoint should be written: " + Scenario.checkpointFiles(checkpoints) + Scenario.describe(runs));
        }
    }

    /** The file the command printed: one line on stdout, naming an existing checkpoint. */
    private static Path writtenFile(JvmResult command, Path work, List<JvmResult> runs) {
        List<String> lines = command.stdout().lines().toList();
        if (lines.size() != 1) {
            fail("the checkpoint command should print one line, the file written" + Scenario.describe(runs));
        }
        Path file = work.resolve(lines.get(0).strip());
        if (!Files.isRegularFile(file)) {
            fail("the checkpoint command printed " + lines.get(0) + ", which is not a file" + Scenario.describe(runs));
        }
        return file;
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.fail;

import e2e.triggers.BlockedInForEach;
import e2e.triggers.ForEachThenLoop;
import e2e.triggers.HeldForAMoment;
import e2e.triggers.RequestFromTimer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Asynchronous requests: {@code Stasis.requestCheckpoint()} from another thread is honoured on
 * main at its next safe point; a request made while the stack cannot be captured waits for the
 * next safe point where it can; one that cannot be honoured within {@code timeout=} is abandoned
 * with a message naming the thread and the frame, and the program is not disturbed. A request
 * whose checkpoint fails on an object a frame holds is tried again a few times, so an object held
 * only for a moment does not cost the checkpoint.
 */
class TriggersRequestTest {

    @TestFactory
    Stream<DynamicTest> requestFromATimerThreadIsTakenOnMain() {
        return Scenario.acrossJdks(Program.of(RequestFromTimer.class, "60", "400"));
    }

    @Test
    void requestUnderAJdkFrameIsHonouredAtTheNextCapturableSafePoint() {
        List<Direction> directions = Jdks.directions();
        checkpointThenRestore(Program.of(ForEachThenLoop.class), directions.get(directions.size() - 1),
                "triggers/request-waits/", (stopped, checkpoints, runs) -> {
                    if (Scenario.checkpointFiles(checkpoints).size() != 1) {
                        fail("the request should be honoured once, after the forEach: "
                                + Scenario.checkpointFiles(checkpoints) + Scenario.describe(runs));
                    }
                    if (!stopped.stdout().contains(ForEachThenLoop.PHASE_ONE_DONE + "\n")) {
                        fail("the checkpoint should wait until the stack can be captured, after the forEach"
                                + Scenario.describe(runs));
                    }
                    if (stopped.stderr().contains("abandoned")) {
                        fail("a request that could wait should not be abandoned" + Scenario.describe(runs));
                    }
                });
    }

    /** What a test expects of the run that wrote its checkpoint and exited. */
    private interface StoppedRunCheck {
        void check(JvmResult stopped, Path checkpoints, List<JvmResult> runs);
    }

    /**
     * Runs {@code program} with {@code exit=true} on the first JDK of {@code direction}, checks that
     * run with {@code check}, restores it on the second and expects the joined output of the
     * uninterrupted run.
     */
    private static void checkpointThenRestore(Program program, Direction direction, String workDir,
            StoppedRunCheck check) {
        Path work = Artifacts.workDir(workDir + direction.fileName());
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(program, direction.from());
        runs.add(plain);

        JvmResult stopped = JvmRun.withAgent("checkpoint", direction.from(), program,
                "dir=" + checkpoints + ",exit=true").run(work);
        runs.add(stopped);
        Scenario.expectExit(stopped, 0, runs);
        Scenario.expectNoTrace(stopped, runs);
        check.check(stopped, checkpoints, runs);

        JvmResult restored = JvmRun.restore("restore", direction.to(), checkpoints).run(work);
        runs.add(restored);
        Scenario.expectExit(restored, 0, runs);
        Scenario.expectNoTrace(restored, runs);
        Scenario.expectJoined(stopped.stdout() + restored.stdout(), plain, runs);
    }

    @Test
    void requestThatCannotBeHonouredInTimeIsAbandonedAndTheProgramGoesOn() {
        Path checkpoints = Artifacts.workDir("triggers/request-timeout/" + Jdks.oldest().label())
                .resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult run = goesOnUndisturbed(Program.of(BlockedInForEach.class, "request"), "timeout", checkpoints,
                ",timeout=1s", runs);
        if (!Scenario.checkpointFiles(checkpoints).isEmpty()) {
            fail("an abandoned request should write nothing: " + Scenario.checkpointFiles(checkpoints)
                    + Scenario.describe(runs));
        }
        String message = run.stderr().lines().filter(l -> l.contains("abandoned")).findFirst().orElse("");
        if (!message.contains("\"main\"") || !message.contains("forEach")) {
            fail("stderr should say the request was abandoned, naming the thread (\"main\") and the frame that blocked "
                    + "it (ArrayList.forEach)" + Scenario.describe(runs));
        }
    }

    @Test
    void requestThatMeetsAnObjectHeldForAMomentIsTriedAgain() {
        checkpointThenRestore(Program.of(HeldForAMoment.class, "40", "400"), Jdks.directions().get(0),
                "triggers/request-retried/", (stopped, checkpoints, runs) -> {
                    if (stopped.stderr().contains("not written") || Scenario.checkpointFiles(checkpoints).size() != 1) {
                        fail("the request should be tried again until the lookup is released, and then written once: "
                                + Scenario.checkpointFiles(checkpoints) + Scenario.describe(runs));
                    }
                    if (!stopped.stdout().contains("released\n")) {
                        fail("the checkpoint can only be written once the lookup is released" + Scenario.describe(runs));
                    }
                });
    }

    @Test
    void requestThatMeetsAnObjectHeldForGoodFailsAfterAFewAttempts() {
        Path checkpoints = Artifacts.workDir("triggers/request-retries-fail/" + Jdks.oldest().label())
                .resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult run = goesOnUndisturbed(Program.of(HeldForAMoment.class, "1500", "10"), "held", checkpoints,
                "", runs);
        if (!Scenario.checkpointFiles(checkpoints).isEmpty()) {
            fail("nothing should be written while the lookup is held: " + Scenario.checkpointFiles(checkpoints)
                    + Scenario.describe(runs));
        }
        List<String> reports = run.stderr().lines().filter(l -> l.contains("not written")).toList();
        if (reports.size() != 1 || !reports.get(0).contains("tried 6 times")
                || !reports.get(0).contains("MethodHandles$Lookup")) {
            fail("stderr should report the failure once, after six attempts, naming the lookup" + Scenario.describe(runs));
        }
    }

    /**
     * Interval requests every 100 ms while the lookup is held for 1.5 s: once a request has been
     * given up after its attempts, the later ones that fail at once on an object held by a frame of
     * the same method are not tried again (each attempt walks the heap); once the lookup is
     * released, the next interval checkpoint is written.
     */
    @Test
    void requestsThatMeetTheSameHolderAgainAreNotTriedAgain() {
        Path checkpoints = Artifacts.workDir("triggers/request-held-for-good/" + Jdks.oldest().label())
                .resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult run = goesOnUndisturbed(Program.of(HeldForAMoment.class, "1500", "300"), "held", checkpoints,
                ",interval=100ms", runs);
        List<String> reports = run.stderr().lines().filter(l -> l.contains("not written")).toList();
        long retried = reports.stream().filter(l -> l.contains(" times over ")).count();
        long notRetried = reports.stream().filter(l -> l.contains("(not tried again: a frame of "
                + "e2e.triggers.HeldForAMoment.holding held such an object")).count();
        // The program's own request and the first interval request may both be in flight when
        // the first of them gives up.
        if (retried < 1 || retried > 2 || notRetried < 2 || retried + notRetried != reports.size()) {
            fail("the requests in flight when the first gave up should be tried six times, the later ones while the"
                    + " lookup is held once each" + Scenario.describe(runs));
        }
        if (Scenario.checkpointFiles(checkpoints).isEmpty()) {
            fail("an interval checkpoint should be written once the lookup is released" + Scenario.describe(runs));
        }
    }

    /**
     * Runs {@code program} under the agent on the oldest JDK, with its checkpoints in {@code
     * checkpoints} and {@code options} (each starting with a comma): it must exit 0 without an
     * exception trace and print what an uninterrupted run prints. {@code runs} receives both runs,
     * for failure messages.
     */
    private static JvmResult goesOnUndisturbed(Program program, String name, Path checkpoints, String options,
            List<JvmResult> runs) {
        Jdk jdk = Jdks.oldest();
        JvmResult plain = Scenario.uninterrupted(program, jdk);
        runs.add(plain);
        JvmResult run = JvmRun.withAgent(name, jdk, program, "dir=" + checkpoints + options)
                .run(checkpoints.getParent());
        runs.add(run);
        Scenario.expectExit(run, 0, runs);
        Scenario.expectNoTrace(run, runs);
        Scenario.expectJoined(run.stdout(), plain, runs);
        return run;
    }
}

package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Preemption without warning: the program runs with periodic checkpoints ({@code interval=}) and
 * is killed with SIGKILL at a random moment; it is restarted from the newest checkpoint
 * ({@code restore DIR}, on the other JDK each time), killed again, and so on until a generation
 * reaches the end. A generation killed before its first checkpoint starts over from the previous
 * one (or from the beginning).
 *
 * <p>The output of a killed generation may run past its newest checkpoint, so generations overlap:
 * each generation's output must be a piece of the uninterrupted output starting at a line no later
 * than where the output so far ended (nothing skipped), and the last must end it, with the same
 * exit status.
 */
final class KillScenario {

    private static final int MAX_GENERATIONS = 12;

    private KillScenario() {
    }

    static void run(Program program, Direction direction, long seed, Duration interval, String workName) {
        Path work = Artifacts.workDir(workName + "/kill-" + direction.fileName() + "-" + seed);
        Path checkpoints = work.resolve("checkpoints");
        Random random = new Random(seed);
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(program, direction.from());
        runs.add(plain);
        String all = plain.stdout();
        int covered = 0;
        int kills = 0;
        for (int g = 0; g < MAX_GENERATIONS; g++) {
            Jdk jdk = g % 2 == 0 ? direction.from() : direction.to();
            boolean resume = !Scenario.checkpointFiles(checkpoints).isEmpty();
            JvmRun run = resume
                    ? JvmRun.restore("generation-" + g, jdk, checkpoints)
                    : JvmRun.withAgent("generation-" + g, jdk, program,
                            "dir=" + checkpoints + ",keep=2,interval=" + interval.toMillis() + "ms");
            JvmRun.Running running = run.start(work);
            // The last generations are left alone so that the program always gets to its end.
            boolean killThisOne = g < MAX_GENERATIONS - 2;
            long killAfter = interval.toMillis() + random.nextInt((int) (3 * interval.toMillis()));
            boolean killed = killThisOne && sleepWhileAlive(running, killAfter);
            if (killed) {
                running.kill();
                kills++;
            }
            JvmResult result = running.finish();
            runs.add(result);
            Scenario.expectNoTrace(result, runs);
            covered = placeAfter(all, result, covered, resume, runs);
            if (!killed) {
                Scenario.expectExit(result, plain.exitCode(), runs);
                if (covered != all.length()) {
                    fail("the generation that ran to the end should print the uninterrupted output to its end"
                            + Scenario.describe(runs));
                }
                if (kills == 0) {
                    fail("the program ended before it could be killed once: give it a longer run" + Scenario.describe(runs));
                }
                return;
            }
        }
        fail("the program did not reach its end in " + MAX_GENERATIONS + " generations" + Scenario.describe(runs));
    }

    /**
     * Where {@code run}'s output lies in the uninterrupted output {@code all}: it must start at the
     * beginning of a line at or before {@code covered} (at 0 for a fresh start) and continue the
     * uninterrupted output from there. Returns the new end of what is covered.
     */
    private static int placeAfter(String all, JvmResult run, int covered, boolean resumed, List<JvmResult> runs) {
        String out = run.stdout();
        if (out.isEmpty()) {
            return covered;
        }
        for (int start = resumed ? covered : 0; start >= 0; start--) {
            boolean lineStart = start == 0 || all.charAt(start - 1) == '\n';
            if (lineStart && all.startsWith(out, start)) {
                return Math.max(covered, start + out.length());
            }
            if (!resumed) {
                break;
            }
        }
        fail("the " + run.name() + " run's output should continue the uninterrupted output from a line at or before"
                + " the point reached so far (character " + covered + "), but does not; it starts with \""
                + out.lines().findFirst().orElse("") + "\"" + Scenario.describe(runs));
        return covered;
    }

    /** Sleeps {@code millis} unless the run ends first; true if it is still alive after that. */
    private static boolean sleepWhileAlive(JvmRun.Running running, long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        try {
            while (System.nanoTime() < until) {
                if (!running.isAlive()) {
                    return false;
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return running.isAlive();
    }
}

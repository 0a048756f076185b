package dev.stasis.verification;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A chain of generations: the program is checkpointed with {@code at=N,exit=true}, the checkpoint
 * is restored on the other JDK and checkpointed again from there ({@code --option at=M} counts
 * from the restore), and so on, the JDKs alternating; the last generation runs to the end. The
 * outputs of all generations joined must equal the uninterrupted run's, and the last must end the
 * way it did.
 */
final class ChainScenario {

    private ChainScenario() {
    }

    /**
     * Runs {@code checkpoints} generations, starting on {@code direction.from()}, then one that
     * finishes. The first stops after {@code firstStep} safe points; each later one first counts the
     * safe points left from its checkpoint (a restore with an {@code at=} it cannot reach) and stops
     * after an even share of them. A checkpoint due where the stack cannot be captured (under a
     * method left uninstrumented) is taken at the next safe point where it can be, possibly much
     * later, so fixed steps could leave too few safe points for the last generations.
     */
    static void run(Program program, Direction direction, int checkpoints, long firstStep, String workName) {
        Path work = Artifacts.workDir(workName + "/chain-" + direction.fileName());
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(program, direction.from());
        runs.add(plain);
        StringBuilder joined = new StringBuilder();

        Path dir = work.resolve("generation-0");
        JvmResult first = JvmRun.withAgent("generation-0", direction.from(), program,
                "dir=" + dir + ",exit=true,at=" + firstStep).run(work);
        runs.add(first);
        Path file = Scenario.onlyCheckpoint(first, dir, runs);
        joined.append(first.stdout());

        for (int g = 1; g <= checkpoints; g++) {
            Jdk jdk = g % 2 == 1 ? direction.to() : direction.from();
            boolean last = g == checkpoints;
            Path next = work.resolve("generation-" + g);
            long step = 0;
            if (!last) {
                JvmResult count = JvmRun.restore("count-" + g, jdk, file, "--option", "exit=false", "--option",
                        "dir=" + work.resolve("count-" + g), "--option", "at=" + Long.MAX_VALUE).run(work);
                runs.add(count);
                Scenario.expectExit(count, plain.exitCode(), runs);
                step = Math.max(1, SafePoints.passed(count) / (checkpoints - g + 2));
            }
            JvmResult run = last
                    ? JvmRun.restore("generation-" + g, jdk, file, "--option", "exit=false").run(work)
                    : JvmRun.restore("generation-" + g, jdk, file, "--option", "dir=" + next,
                            "--option", "exit=true", "--option", "at=" + step).run(work);
            runs.add(run);
            joined.append(run.stdout());
            if (last) {
                Scenario.expectExit(run, plain.exitCode(), runs);
                Scenario.expectNoTrace(run, runs);
            } else {
                file = Scenario.onlyCheckpoint(run, next, runs);
                Scenario.expectPrefix(joined.toString(), plain, runs);
            }
        }
        Scenario.expectJoined(joined.toString(), plain, runs);
    }
}

package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertTrue;

import e2e.threads.Stress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Eight threads contending for a monitor while the main thread takes 200 checkpoints in a row in
 * one JVM, going on after each: every checkpoint is taken, no update is lost, and neither the
 * number of threads nor the retained heap grows from the 20th checkpoint to the 200th (measured by
 * the program; the bound on the heap allows for noise, not for a leak per checkpoint).
 */
class ConcurrencyStressTest {

    /** Retained heap may vary by this much between two measurements of the same state. */
    private static final long HEAP_NOISE = 4L << 20;

    @Test
    void twoHundredCheckpointsWithEightThreads() {
        Program program = Program.of(Stress.class);
        Jdk jdk = Jdks.oldest();
        Path work = Artifacts.workDir(program.fileName() + "/stress");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult run = JvmRun.withAgent("stress", jdk, program, "dir=" + work.resolve("checkpoints")).run(work);
        runs.add(run);
        Scenario.expectExit(run, 0, runs);
        Scenario.expectNoTrace(run, runs);
        String out = run.stdout();
        assertTrue(out.contains("taken " + Stress.CYCLES + " of " + Stress.CYCLES), "every checkpoint should be taken"
                + Scenario.describe(runs));
        assertTrue(out.contains("lost updates 0"), "no update may be lost" + Scenario.describe(runs));
        long[] threads = numbers(out, "threads after 20 (\\d+), after \\d+ (\\d+)", runs);
        // fewer is fine: Stasis's heap set-up thread, started ahead of the first checkpoints, may still run at the 20th
        assertTrue(threads[1] <= threads[0], "the number of threads should not grow: " + threads[0] + " -> " + threads[1]
                + Scenario.describe(runs));
        long[] heap = numbers(out, "retained heap after 20 (\\d+), after \\d+ (\\d+)", runs);
        assertTrue(heap[1] - heap[0] < HEAP_NOISE, "the retained heap should not grow with checkpoints: "
                + heap[0] + " -> " + heap[1] + Scenario.describe(runs));
    }

    private static long[] numbers(String out, String regex, List<JvmResult> runs) {
        Matcher m = Pattern.compile(regex).matcher(out);
        assertTrue(m.find(), "the program should print a line matching " + regex + Scenario.describe(runs));
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }
}

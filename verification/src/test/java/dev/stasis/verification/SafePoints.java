package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many safe points a deterministic program passes under the agent, and the {@code at=N}
 * points a sweep takes. One run with an {@code at=} the program never reaches tells: the agent
 * then says on stderr how many safe points it passed.
 */
final class SafePoints {

    private static final Pattern PASSED = Pattern.compile("the program ended after passing (\\d+) safe points");
    private static final Map<String, Long> COUNTS = new ConcurrentHashMap<>();

    private SafePoints() {
    }

    /** The number of safe points {@code program} passes on {@code jdk}, counted once per program and JDK. */
    static long count(Program program, Jdk jdk) {
        String key = jdk.home() + "|" + program.classPath() + "|" + program.mainClass() + "|" + program.args();
        return COUNTS.computeIfAbsent(key, k -> {
            Path work = Artifacts.workDir(program.fileName() + "/count-" + jdk.label());
            JvmResult run = JvmRun.withAgent("count", jdk, program,
                    "dir=" + work.resolve("checkpoints") + ",at=" + Long.MAX_VALUE).run(work);
            List<JvmResult> runs = List.of(run);
            Scenario.expectExit(run, 0, runs);
            Scenario.expectNoTrace(run, runs);
            long passed = passed(run);
            if (passed < 2) {
                fail("the program passed " + passed + " safe points under the agent: too few to sweep" + run.describe());
            }
            return passed;
        });
    }

    /** How many safe points a run with an {@code at=} it could not reach says it passed. */
    static long passed(JvmResult run) {
        Matcher m = PASSED.matcher(run.stderr());
        if (!m.find()) {
            fail("a run with an at= it cannot reach should say how many safe points it passed" + run.describe());
        }
        return Long.parseLong(m.group(1));
    }

    /**
     * The points of a sweep over {@code total} safe points: the first and the last always, the
     * middle; in a full sweep also the powers of 4, seven evenly spaced points and the one before
     * the last.
     */
    static List<Long> sweep(long total, boolean full) {
        TreeSet<Long> points = new TreeSet<>(List.of(1L, Math.max(1, total / 2), total));
        if (full) {
            for (long p = 4; p < total; p *= 4) {
                points.add(p);
            }
            for (int k = 1; k < 8; k++) {
                points.add(Math.max(1, total * k / 8));
            }
            points.add(Math.max(1, total - 1));
        }
        return List.copyOf(points);
    }
}

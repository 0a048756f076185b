package dev.stasis.verification;

import dev.stasis.verification.GeneratedFailure.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;

/**
 * Sweeps one compiled generated program: uninterrupted runs on both JDKs (equal, or the generator
 * is at fault), probes with {@code at=N,exit=true} for N = 1, 8, 64... on the oldest JDK until a
 * run passes fewer than N safe points (that run, which took no checkpoint, must print what the
 * plain run printed), a few bisection steps towards the last safe point, then checkpoints at the
 * first, the last found and spread safe points, each restored on the other JDK, directions
 * alternating. A probe's checkpoint is restored rather than taken again when the direction starts
 * on the probing JDK. The first failure ends the sweep.
 */
final class GeneratedSweep {

    /** Generated programs run well under a second; a JVM still running after this is hung. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final long LIMIT = 1L << 24;
    private static final int GROWTH = 8;

    private final Program program;
    private final Path work;
    private final Map<Jdk, JvmResult> plain = new LinkedHashMap<>();
    /** The probes that wrote a checkpoint, by N: taken on the oldest JDK, reusable for its directions. */
    private final Map<Long, JvmResult> probeHits = new LinkedHashMap<>();

    GeneratedSweep(GeneratedProgram generated, Path classes, Path work) {
        this.program = new Program(generated.mainClass(), List.of(), classes.toString(), generated.simpleName());
        this.work = work;
    }

    /** The whole sweep; empty when every run matched. */
    Optional<GeneratedFailure> sweep(int points, int bisectSteps, Random random) {
        Optional<GeneratedFailure> failure = plainRuns();
        if (failure.isPresent()) {
            return failure;
        }
        Jdk probing = Jdks.oldest();
        long lastHit = 0;
        long firstMiss = 1;
        while (true) {
            Probe probe = probe(firstMiss, probing);
            if (probe.failure != null) {
                return Optional.of(probe.failure);
            }
            if (!probe.hit && firstMiss == 1) {
                return Optional.of(new GeneratedFailure(Kind.CHECKPOINT, 1, null,
                        "at=1,exit=true wrote no checkpoint and said nothing: main's entry should be a safe point "
                                + "(with log=debug the agent names the methods it left uninstrumented)",
                        Scenario.describe(List.of(plain.get(probing), probe.run))));
            }
            if (!probe.hit) {
                break;
            }
            lastHit = firstMiss;
            firstMiss *= GROWTH;
            if (firstMiss > LIMIT) {
                return Optional.of(new GeneratedFailure(Kind.GENERATOR, LIMIT, null,
                        "at=" + LIMIT + " still checkpoints: the program runs far longer than the generator means it to", ""));
            }
        }
        for (int step = 0; step < bisectSteps && firstMiss - lastHit > 1; step++) {
            long mid = lastHit + (firstMiss - lastHit) / 2;
            Probe probe = probe(mid, probing);
            if (probe.failure != null) {
                return Optional.of(probe.failure);
            }
            if (probe.hit) {
                lastHit = mid;
            } else {
                firstMiss = mid;
            }
        }
        List<Direction> directions = Jdks.directions();
        int i = 0;
        for (long n : choosePoints(lastHit, points, random)) {
            failure = checkAt(n, directions.get(i++ % directions.size()));
            if (failure.isPresent()) {
                return failure;
            }
        }
        return Optional.empty();
    }

    /** The first and last safe points known to checkpoint, and the rest spread at random between. */
    static List<Long> choosePoints(long last, int points, Random random) {
        TreeSet<Long> chosen = new TreeSet<>();
        chosen.add(1L);
        chosen.add(last);
        while (chosen.size() < Math.min(points, last)) {
            chosen.add(1 + (long) (random.nextDouble() * last));
        }
        return List.copyOf(chosen);
    }

    /** The uninterrupted runs on the oldest and newest JDK: each ends well, and they print the same. */
    Optional<GeneratedFailure> plainRuns() {
        for (Jdk jdk : List.of(Jdks.oldest(), Jdks.newest())) {
            Optional<GeneratedFailure> failure = plainRun(jdk);
            if (failure.isPresent()) {
                return failure;
            }
        }
        JvmResult first = plain.get(Jdks.oldest());
        JvmResult last = plain.get(Jdks.newest());
        if (!first.stdout().equals(last.stdout())) {
            return Optional.of(new GeneratedFailure(Kind.GENERATOR, 0, null,
                    "the program prints differently on JDK " + Jdks.oldest().label() + " and " + Jdks.newest().label()
                            + " without the agent\n" + Scenario.firstDifference(first.stdout(), last.stdout()),
                    Scenario.describe(List.of(first, last))));
        }
        return Optional.empty();
    }

    /** The uninterrupted run on {@code jdk} (made once): it must end well and print something. */
    private Optional<GeneratedFailure> plainRun(Jdk jdk) {
        if (plain.containsKey(jdk)) {
            return Optional.empty();
        }
        JvmResult r = JvmRun.plain("plain-" + jdk.label(), jdk, program).timeout(TIMEOUT).run(work);
        if (r.timedOut() || r.exitCode() != 0 || r.exceptionTrace().isPresent() || r.stdout().isEmpty()) {
            return Optional.of(new GeneratedFailure(Kind.GENERATOR, 0, null,
                    "the program without the agent on JDK " + jdk.label() + " " + outcome(r)
                            + r.exceptionTrace().map(t -> " after printing an exception trace (" + t + ")").orElse(""),
                    r.describe()));
        }
        plain.put(jdk, r);
        return Optional.empty();
    }

    /**
     * {@code at=n,exit=true} on {@code jdk}: a hit writes one checkpoint after printing the start of
     * the plain output; a miss (fewer than n safe points) runs to the end and prints all of it.
     */
    Probe probe(long n, Jdk jdk) {
        Path dir = subDir("probe-at-" + n);
        Path checkpoints = dir.resolve("checkpoints");
        JvmResult expected = plain.get(jdk);
        JvmResult run = JvmRun.withAgent("probe", jdk, program, "dir=" + checkpoints + ",exit=true,at=" + n)
                .timeout(TIMEOUT).run(dir);
        List<JvmResult> runs = List.of(expected, run);
        int files = Scenario.checkpointFiles(checkpoints).size();
        if (files == 0) {
            if (run.timedOut() || run.exitCode() != 0 || run.exceptionTrace().isPresent()
                    || !run.stdout().equals(expected.stdout())) {
                return new Probe(false, run, new GeneratedFailure(Kind.AGENT_RUN, n, null,
                        "under the agent on JDK " + jdk.label() + " with at=" + n + " (more than the program's safe points, "
                                + "so no checkpoint): " + outcome(run) + "\n" + Scenario.firstDifference(expected.stdout(), run.stdout()),
                        Scenario.describe(runs)));
            }
            return new Probe(false, run, null);
        }
        Optional<GeneratedFailure> bad = checkpointRunFailure(run, files, n, new Direction(jdk, jdk), expected, runs);
        if (bad.isEmpty() && jdk.equals(Jdks.oldest())) {
            probeHits.put(n, run);
        }
        return new Probe(true, run, bad.orElse(null));
    }

    /** at=n,exit=true on the direction's first JDK, restored on its second; empty when the joined output is right. */
    Optional<GeneratedFailure> checkAt(long n, Direction direction) {
        Optional<GeneratedFailure> plainFailure = plainRun(direction.from());
        if (plainFailure.isPresent()) {
            return plainFailure;
        }
        Path dir = subDir("at-" + n + "/" + direction.fileName());
        JvmResult expected = plain.get(direction.from());
        List<JvmResult> runs = new ArrayList<>(List.of(expected));
        JvmResult stopped = direction.from().equals(Jdks.oldest()) ? probeHits.get(n) : null;
        if (stopped == null) {
            stopped = JvmRun.withAgent("checkpoint", direction.from(), program,
                    "dir=" + dir.resolve("checkpoints") + ",exit=true,at=" + n).timeout(TIMEOUT).run(dir);
        }
        runs.add(stopped);
        List<Path> files = Scenario.checkpointFiles(stopped.stdoutFile().getParent().resolve("checkpoints"));
        Optional<GeneratedFailure> bad = checkpointRunFailure(stopped, files.size(), n, direction, expected, runs);
        if (bad.isPresent()) {
            return bad;
        }
        JvmResult restored = JvmRun.restore("restore", direction.to(), files.get(0), "--option", "exit=false")
                .timeout(TIMEOUT).run(dir);
        runs.add(restored);
        if (restored.timedOut() || restored.exitCode() != 0) {
            return Optional.of(new GeneratedFailure(Kind.RESTORE, n, direction,
                    "the restore on JDK " + direction.to().label() + " " + outcome(restored) + firstStderrLine(restored),
                    Scenario.describe(runs)));
        }
        if (restored.exceptionTrace().isPresent()) {
            return Optional.of(new GeneratedFailure(Kind.RESTORE_TRACE, n, direction,
                    "the restored JVM printed an exception trace on stderr (" + restored.exceptionTrace().get() + ")",
                    Scenario.describe(runs)));
        }
        String joined = stopped.stdout() + restored.stdout();
        if (!joined.equals(expected.stdout())) {
            return Optional.of(new GeneratedFailure(Kind.WRONG_OUTPUT, n, direction,
                    "the output before the checkpoint and the restored output joined differ from the uninterrupted run\n"
                            + Scenario.firstDifference(expected.stdout(), joined),
                    Scenario.describe(runs)));
        }
        return Optional.empty();
    }

    /** Probes with at=n and no checkpoint expected: the agent alone must not change the output. */
    Optional<GeneratedFailure> agentRunAt(long n) {
        Optional<GeneratedFailure> plainFailure = plainRun(Jdks.oldest());
        if (plainFailure.isPresent()) {
            return plainFailure;
        }
        Probe probe = probe(n, Jdks.oldest());
        return Optional.ofNullable(probe.failure);
    }

    private Optional<GeneratedFailure> checkpointRunFailure(JvmResult run, int files, long n, Direction direction,
                                                            JvmResult expected, List<JvmResult> runs) {
        String problem = null;
        if (run.timedOut() || run.exitCode() != 0) {
            problem = outcome(run) + firstStderrLine(run);
        } else if (run.exceptionTrace().isPresent()) {
            problem = "printed an exception trace on stderr (" + run.exceptionTrace().get() + ")";
        } else if (files != 1) {
            problem = "left " + files + " checkpoint files instead of one";
        } else if (!expected.stdout().startsWith(run.stdout())) {
            problem = "printed what the uninterrupted run does not\n" + Scenario.firstDifference(expected.stdout(), run.stdout());
        }
        if (problem == null) {
            return Optional.empty();
        }
        return Optional.of(new GeneratedFailure(Kind.CHECKPOINT, n, direction,
                "the at=" + n + ",exit=true run on JDK " + direction.from().label() + " " + problem, Scenario.describe(runs)));
    }

    private static String outcome(JvmResult run) {
        return run.timedOut() ? "timed out" : "exited with status " + run.exitCode();
    }

    private static String firstStderrLine(JvmResult run) {
        return run.stderr().lines().filter(l -> !l.isBlank()).findFirst().map(l -> ": " + l.strip()).orElse("");
    }

    /** A fresh directory below this program's work directory (Artifacts resolves an absolute name as itself). */
    private Path subDir(String name) {
        return Artifacts.workDir(work.resolve(name).toString());
    }

    /** The outcome of one at=N probe: whether it wrote a checkpoint, its run, what went wrong if anything. */
    record Probe(boolean hit, JvmResult run, GeneratedFailure failure) {
    }
}

package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;

/**
 * The end-to-end check every construct gets: run the program uninterrupted for the expected
 * output; run it under the agent with {@code exit=true} on one JDK until it checkpoints and exits;
 * restore the checkpoint with the launcher on another JDK. The two partial outputs joined must
 * equal the uninterrupted run, the restored JVM must end the way the uninterrupted one did, and no
 * run may print an exception trace.
 */
final class Scenario {

    private static final Map<String, JvmResult> UNINTERRUPTED = new ConcurrentHashMap<>();

    private Scenario() {
    }

    /** One named test per program and direction ("TryCatchFinally inCatch 17->25"). */
    static Stream<DynamicTest> acrossJdks(Program... programs) {
        return Arrays.stream(programs).flatMap(program -> Jdks.directions().stream()
                .map(direction -> named(program.label() + " " + direction,
                        () -> checkpointExitRestore(program, direction))));
    }

    /**
     * A dynamic test whose failure message starts with its name: Surefire's summary shows dynamic
     * tests by index only.
     */
    static DynamicTest named(String name, Executable body) {
        return DynamicTest.dynamicTest(name, () -> {
            try {
                body.execute();
            } catch (AssertionError e) {
                AssertionFailedError named = new AssertionFailedError("[" + name + "] " + e.getMessage());
                named.setStackTrace(e.getStackTrace());
                throw named;
            }
        });
    }

    /**
     * Checkpoint and go on in the same JVM (no {@code exit=true}): it must exit 0 without a trace
     * and print exactly what the uninterrupted run prints.
     */
    static void checkpointAndGoOn(Program program, Jdk jdk) {
        Path work = Artifacts.workDir(program.fileName() + "/continue-" + jdk.major());
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = uninterrupted(program, jdk);
        runs.add(plain);
        JvmResult taken = JvmRun.withAgent("continue", jdk, program, "dir=" + work.resolve("checkpoints")).run(work);
        runs.add(taken);
        expectExit(taken, 0, runs);
        expectNoTrace(taken, runs);
        assertEquals(plain.stdout(), taken.stdout(),
                "a JVM that checkpoints and goes on should print what an uninterrupted one does" + describe(runs));
    }

    static void checkpointExitRestore(Program program, Direction direction) {
        Path work = Artifacts.workDir(program.fileName() + "/" + direction.fileName());
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();

        JvmResult plain = uninterrupted(program, direction.from());
        runs.add(plain);
        expectNoTrace(plain, runs);

        JvmResult checkpoint = JvmRun.withAgent("checkpoint", direction.from(), program,
                "dir=" + checkpoints + ",exit=true").run(work);
        runs.add(checkpoint);
        expectExit(checkpoint, 0, runs);
        expectNoTrace(checkpoint, runs);
        List<Path> files = checkpointFiles(checkpoints);
        if (files.size() != 1) {
            fail("the run under the agent with exit=true should leave exactly one checkpoint file in "
                    + checkpoints + ", found " + files.size() + ": " + files + describe(runs));
        }
        if (!plain.stdout().startsWith(checkpoint.stdout())) {
            fail("before the checkpoint the program should print the start of the uninterrupted output"
                    + describe(runs));
        }

        JvmResult restore = JvmRun.restore("restore", direction.to(), checkpoints).run(work);
        runs.add(restore);
        expectExit(restore, plain.exitCode(), runs);
        expectNoTrace(restore, runs);
        String joined = checkpoint.stdout() + restore.stdout();
        if (!joined.equals(plain.stdout())) {
            fail("the output before the checkpoint followed by the restored output should equal the "
                    + "uninterrupted output\n" + firstDifference(plain.stdout(), joined) + describe(runs));
        }
    }

    /** Fails unless {@code joined}, the stdout of a chain of runs in order, equals the uninterrupted run's. */
    static void expectJoined(String joined, JvmResult plain, List<JvmResult> runs) {
        if (!joined.equals(plain.stdout())) {
            fail("the outputs of the runs joined in order should equal the uninterrupted output\n"
                    + firstDifference(plain.stdout(), joined) + describe(runs));
        }
    }

    /** Fails unless {@code partial}, the stdout of runs that stopped early, is a start of the uninterrupted output. */
    static void expectPrefix(String partial, JvmResult plain, List<JvmResult> runs) {
        if (!plain.stdout().startsWith(partial)) {
            fail("the runs that stopped early should have printed the start of the uninterrupted output\n"
                    + firstDifference(plain.stdout(), partial) + describe(runs));
        }
    }

    /**
     * Fails unless {@code restored} printed the uninterrupted output from some point on (a
     * checkpoint taken in a JVM that went on can be restored from there) down to its end. The point
     * may be inside a line: a program that prints a line in pieces (LuaJ's print writes each value,
     * then the line's end) can be checkpointed between them.
     */
    static void expectSuffix(JvmResult plain, JvmResult restored, List<JvmResult> runs) {
        String all = plain.stdout();
        String tail = restored.stdout();
        if (tail.isEmpty() || !all.endsWith(tail)) {
            String[] lines = tail.split("\n", -1);
            fail("the " + restored.name() + " run should print the uninterrupted output from some point on, to the end; "
                    + "its first line is \"" + lines[0] + "\"\n" + firstDifference(lastLines(all, lines.length), tail)
                    + describe(runs));
        }
    }

    private static String lastLines(String text, int count) {
        String[] lines = text.split("\n", -1);
        return String.join("\n", Arrays.asList(lines).subList(Math.max(0, lines.length - count), lines.length));
    }

    /** The uninterrupted run on {@code jdk}, made once per program and JDK. */
    static JvmResult uninterrupted(Program program, Jdk jdk) {
        String key = jdk.home() + "|" + program.classPath() + "|" + program.mainClass() + "|" + program.args();
        return UNINTERRUPTED.computeIfAbsent(key, k -> {
            Path work = Artifacts.workDir(program.fileName() + "/uninterrupted-" + jdk.label());
            JvmResult r = JvmRun.plain("uninterrupted", jdk, program.withApiJar()).run(work);
            if (r.timedOut()) {
                fail("the uninterrupted run timed out" + r.describe());
            }
            return r;
        });
    }

    /** The regular files a checkpoint run left, wherever the agent put them below {@code dir}. */
    static List<Path> checkpointFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void expectExit(JvmResult run, int expected, List<JvmResult> context) {
        if (run.timedOut()) {
            fail("the " + run.name() + " run did not finish within its timeout" + describe(context));
        }
        if (run.exitCode() != expected) {
            fail("the " + run.name() + " run should exit with status " + expected + ", not " + run.exitCode()
                    + describe(context));
        }
    }

    static void expectNoTrace(JvmResult run, List<JvmResult> context) {
        run.exceptionTrace().ifPresent(line -> fail("the " + run.name()
                + " run printed an exception trace on stderr (" + line + ")" + describe(context)));
    }

    static String describe(List<JvmResult> runs) {
        return runs.stream().map(JvmResult::describe).collect(Collectors.joining());
    }

    /** Where two outputs first part, line by line, so a wrong value is visible at a glance. */
    static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String el = i < e.length ? e[i] : "<end of output>";
            String al = i < a.length ? a[i] : "<end of output>";
            if (!el.equals(al)) {
                return "first difference at line " + (i + 1) + ":\n  expected: " + el + "\n  actual:   " + al;
            }
        }
        return "outputs differ";
    }

    /**
     * Runs the program with {@code at=N,exit=true} on the direction's first JDK (one checkpoint
     * file, exit 0), restores that file on the other JDK and expects the joined output of an
     * uninterrupted run. The restore passes exit=false: a restored JVM keeps the original options.
     */
    static void checkpointAtAndRestore(Program program, long n, Direction direction, String workName) {
        Path work = Artifacts.workDir(workName + "/at-" + n + "/" + direction.fileName());
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = uninterrupted(program, direction.from());
        runs.add(plain);
        JvmResult stopped = JvmRun.withAgent("checkpoint", direction.from(), program,
                "dir=" + checkpoints + ",exit=true,at=" + n).run(work);
        runs.add(stopped);
        expectExit(stopped, 0, runs);
        expectNoTrace(stopped, runs);
        List<Path> files = checkpointFiles(checkpoints);
        if (files.size() != 1) {
            fail("at=" + n + ",exit=true should write one checkpoint (the run must pass more than " + n
                    + " safe points): " + files + describe(runs));
        }
        JvmResult restored = JvmRun.restore("restore", direction.to(), files.get(0), "--option", "exit=false").run(work);
        runs.add(restored);
        expectExit(restored, 0, runs);
        expectNoTrace(restored, runs);
        expectJoined(stopped.stdout() + restored.stdout(), plain, runs);
    }

    /**
     * The one checkpoint a run with {@code at=N,exit=true} must have left in {@code dir}, after it
     * exited 0 without an exception trace.
     */
    static Path onlyCheckpoint(JvmResult run, Path dir, List<JvmResult> runs) {
        expectExit(run, 0, runs);
        expectNoTrace(run, runs);
        List<Path> files = checkpointFiles(dir);
        if (files.size() != 1) {
            fail("the " + run.name() + " run, with at= and exit=true, should leave one checkpoint in " + dir
                    + ", found " + files + describe(runs));
        }
        return files.get(0);
    }

    /**
     * Runs the program with {@code at=N} and without {@code exit=}: the JVM writes one checkpoint,
     * re-enters its frames and goes on, printing exactly what the uninterrupted run prints.
     */
    static void checkpointAtAndContinue(Program program, long n, Jdk jdk, String workName) {
        Path work = Artifacts.workDir(workName);
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = uninterrupted(program, jdk);
        runs.add(plain);
        JvmResult run = JvmRun.withAgent("continue", jdk, program, "dir=" + checkpoints + ",at=" + n).run(work);
        runs.add(run);
        expectExit(run, plain.exitCode(), runs);
        expectNoTrace(run, runs);
        expectJoined(run.stdout(), plain, runs);
        if (checkpointFiles(checkpoints).size() != 1) {
            fail("at=" + n + " should write one checkpoint: " + checkpointFiles(checkpoints) + describe(runs));
        }
    }
}

package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Random programs from {@link ProgramGenerator}, one dynamic test per seed: compiled in-process,
 * run without the agent on both JDKs, then checkpointed at a few of their safe points and restored
 * on the other JDK ({@link GeneratedSweep}). A failure names the seed, the safe point and the
 * direction, the first difference, and the smallest variant of the program that still fails the
 * same way ({@link ProgramMinimizer}), also written next to the original's source.
 *
 * <p>Properties: {@code stasis.generated.count} programs (8) from {@code stasis.generated.seed}
 * (1), {@code stasis.generated.points} checkpoints each (3), {@code stasis.generated.bisect} steps
 * towards the last safe point (2), {@code stasis.generated.without} constructs to leave out
 * (comma-separated, see {@link ProgramGenerator#CONSTRUCTS}), {@code stasis.generated.minimize.seconds}
 * (180), and {@code stasis.generated.validate}: how many programs the in-process check of the
 * generator itself compiles and runs (30).
 */
class GeneratedProgramsTest {

    private static final long SEED = Long.getLong("stasis.generated.seed", 1);
    private static final long COUNT = Long.getLong("stasis.generated.count", 8);
    private static final int POINTS = Integer.getInteger("stasis.generated.points", 3);
    private static final int BISECT = Integer.getInteger("stasis.generated.bisect", 2);
    private static final long VALIDATE = Long.getLong("stasis.generated.validate", 30);
    private static final Duration MINIMIZE = Duration.ofSeconds(Long.getLong("stasis.generated.minimize.seconds", 180));
    private static final Set<String> WITHOUT = ProgramGenerator.parseWithout(System.getProperty("stasis.generated.without", ""));

    /** What the generator promises the sweep: a plain run well under this, printing tens of lines. */
    private static final Duration QUICK = Duration.ofSeconds(1);

    @TestFactory
    Stream<DynamicTest> generatedProgramsRestoreAtTheirSafePointsOnTheOtherJdk() {
        return LongStream.range(SEED, SEED + COUNT)
                .mapToObj(seed -> Scenario.named("seed " + seed, () -> sweep(seed)));
    }

    /**
     * The generator's own promises, checked in this JVM without the agent (cheap, so for more seeds):
     * every program compiles, ends within a second without an exception, prints tens of lines and
     * prints the same when run again.
     */
    @TestFactory
    Stream<DynamicTest> generatedProgramsCompileAndRunQuicklyAndDeterministically() {
        return LongStream.range(SEED, SEED + VALIDATE)
                .mapToObj(seed -> Scenario.named("seed " + seed + " is a valid program", () -> validate(seed)));
    }

    private static void sweep(long seed) {
        GeneratedProgram program = ProgramGenerator.generate(seed, WITHOUT);
        Path work = Artifacts.workDir("generated/" + program.simpleName());
        Path classes = compileOrFail(program, work);
        Optional<GeneratedFailure> failure = new GeneratedSweep(program, classes, work).sweep(POINTS, BISECT, new Random(seed));
        if (failure.isEmpty()) {
            // Thousands of programs are swept in one run: keep only the failures' files.
            delete(work);
            return;
        }
        fail(report(program, failure.get(), work));
    }

    private static String report(GeneratedProgram program, GeneratedFailure failure, Path work) {
        StringBuilder sb = new StringBuilder();
        sb.append("seed ").append(program.seed()).append(": ").append(failure.where()).append(": ")
                .append(failure.kind().meaning()).append('\n').append(failure.summary()).append('\n');
        sb.append("replay: mvn -B -pl verification -am verify -Dtest=GeneratedProgramsTest -Dstasis.generated.seed=")
                .append(program.seed()).append(" -Dstasis.generated.count=1 -Dstasis.generated.validate=0");
        if (!WITHOUT.isEmpty()) {
            sb.append(" -Dstasis.generated.without=").append(String.join(",", WITHOUT));
        }
        sb.append(" -Dsurefire.failIfNoSpecifiedTests=false\n");
        sb.append("program: ").append(sourceFile(work, program)).append(" (").append(program.lineCount()).append(" lines)\n");
        if (failure.kind() != GeneratedFailure.Kind.GENERATOR) {
            ProgramMinimizer.Result min = ProgramMinimizer.minimize(program, failure,
                    candidate -> reproduce(candidate, failure, work.resolve("minimizing")), MINIMIZE);
            delete(work.resolve("minimizing"));
            Path minimizedDir = Artifacts.workDir(work.resolve("minimized").toString());
            Optional<GeneratedFailure> again = reproduce(min.program(), failure, minimizedDir);
            GeneratedFailure shown = again.orElse(min.failure());
            sb.append("minimized: ").append(sourceFile(minimizedDir, min.program())).append(" (")
                    .append(min.program().lineCount()).append(" lines; ").append(min.kept()).append(" of ")
                    .append(min.attempts()).append(" removals kept in ").append(min.took().toSeconds()).append(" s)")
                    .append(again.isPresent() ? "" : "; NOTE: it did not fail again when rerun, the failure may be flaky")
                    .append("\nthe minimized program fails as ").append(shown.where()).append(": ").append(shown.summary())
                    .append("\n----- minimized program -----\n").append(min.program().source());
        }
        sb.append("----- runs of the failure -----").append(failure.details());
        return sb.toString();
    }

    /** Compiles and checks a candidate the way the failure was found (same safe point and direction). */
    private static Optional<GeneratedFailure> reproduce(GeneratedProgram candidate, GeneratedFailure failure, Path dir) {
        Path work = Artifacts.workDir(dir.toString());
        Optional<Path> classes = GeneratedCompiler.compile(candidate, work, new StringBuilder());
        if (classes.isEmpty()) {
            return Optional.empty();
        }
        GeneratedSweep sweep = new GeneratedSweep(candidate, classes.get(), work);
        if (failure.kind() == GeneratedFailure.Kind.AGENT_RUN) {
            return sweep.agentRunAt(failure.n());
        }
        return sweep.checkAt(failure.n(), failure.direction() != null ? failure.direction() : Jdks.directions().get(0));
    }

    private static void validate(long seed) throws Exception {
        GeneratedProgram program = ProgramGenerator.generate(seed, WITHOUT);
        Path work = Artifacts.workDir("generated/validate/" + program.simpleName());
        Path classes = compileOrFail(program, work);
        String first = runInThisJvm(program, classes);
        String second = runInThisJvm(program, classes);
        if (!first.equals(second)) {
            fail("seed " + seed + " prints differently when run twice in one JVM: the generator made a "
                    + "non-deterministic program\n" + Scenario.firstDifference(first, second) + "\nsource: "
                    + sourceFile(work, program));
        }
        long lines = first.lines().count();
        if (lines < 8 || lines > 200) {
            fail("seed " + seed + " prints " + lines + " lines; the generator should make programs that print tens of "
                    + "lines\nsource: " + sourceFile(work, program));
        }
        delete(work);
    }

    /** Runs main in a fresh class loader with stdout captured; fails when it throws or outlives {@link #QUICK}. */
    private static String runInThisJvm(GeneratedProgram program, Path classes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        PrintStream original = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                GeneratedProgramsTest.class.getClassLoader().getParent())) {
            Thread main = new Thread(() -> {
                try {
                    loader.loadClass(program.mainClass()).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
                } catch (InvocationTargetException e) {
                    thrown.set(e.getCause());
                } catch (ReflectiveOperationException e) {
                    thrown.set(e);
                }
            }, "generated-main");
            main.setDaemon(true);
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            try {
                main.start();
                main.join(QUICK.toMillis() * 5);
            } finally {
                System.setOut(original);
            }
            if (main.isAlive()) {
                fail("seed " + program.seed() + " was still running after " + QUICK.toSeconds() * 5
                        + " s in this JVM: generated programs must end within a second");
            }
        }
        if (thrown.get() != null) {
            throw new AssertionError("seed " + program.seed() + " threw out of main: " + thrown.get(), thrown.get());
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Path compileOrFail(GeneratedProgram program, Path work) {
        StringBuilder errors = new StringBuilder();
        Optional<Path> classes = GeneratedCompiler.compile(program, work, errors);
        if (classes.isEmpty()) {
            fail("seed " + program.seed() + ": the generated program does not compile (a generator bug)\n" + errors
                    + "\nsource: " + sourceFile(work, program));
        }
        return classes.get();
    }

    private static Path sourceFile(Path work, GeneratedProgram program) {
        return work.resolve("gen").resolve(program.simpleName() + ".java");
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.cache.LoadingCache;
import com.google.common.util.concurrent.internal.InternalFutureFailureAccess;
import com.carrotsearch.hppc.ObjectIntHashMap;
import e2e.thirdparty.ClojureProgram;
import e2e.thirdparty.ConstraintSolver;
import e2e.thirdparty.GeneticAlgorithm;
import e2e.thirdparty.GeometryAndDocuments;
import e2e.thirdparty.CollectionLibraries;
import e2e.thirdparty.GroovyScript;
import e2e.thirdparty.JavaScriptEngine;
import e2e.thirdparty.JsonAndCaches;
import e2e.thirdparty.LuaInterpreter;
import e2e.thirdparty.NeuralNetworkTraining;
import e2e.thirdparty.OldLibraryConstants;
import e2e.thirdparty.SatSolver;
import e2e.thirdparty.TemplateReports;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import org.apache.commons.collections4.map.ReferenceMap;
import org.eclipse.collections.api.list.MutableList;
import org.eclipse.collections.impl.map.mutable.UnifiedMap;
import org.jgrapht.graph.DefaultDirectedWeightedGraph;
import org.jheaps.tree.FibonacciHeap;
import org.apache.commons.math3.ode.FirstOrderIntegrator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import samples.LorenzEnsemble;

/**
 * An unmodified application whose time goes into a real third-party library (Apache Commons Math's
 * ODE integrator and solver, from Maven Central), checkpointed by {@code interval=} alone: going on
 * after each checkpoint it prints what it prints without the agent, and a checkpoint from the
 * middle of the run, taken with library frames on the stack, finishes on the other JDK with the
 * same results and checksum. A short run of it is also swept with {@code at=N}, spread over all its
 * safe points (the library's two largest methods are not instrumented: rewritten, they would pass
 * HotSpot's HugeMethodLimit and never be compiled).
 */
class ThirdPartyTest {

    @Test
    void libraryCodeOnTheStackCheckpointedByIntervalRestoresOnTheOtherJdk() {
        Program program = withLibrary(Program.sample(LorenzEnsemble.class, "60", "80"));
        Direction direction = Jdks.directions().get(0);
        Path work = Artifacts.workDir("third-party/" + direction.fileName());
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(program, direction.from());
        runs.add(plain);

        JvmResult periodic = JvmRun.withAgent("interval", direction.from(), program,
                "dir=" + checkpoints + ",interval=250ms,keep=50").run(work);
        runs.add(periodic);
        Scenario.expectExit(periodic, 0, runs);
        Scenario.expectNoTrace(periodic, runs);
        Scenario.expectJoined(periodic.stdout(), plain, runs);
        List<Path> files = Scenario.checkpointFiles(checkpoints);
        if (files.size() < 3) {
            fail("the run should write several checkpoints at interval=250ms, found " + files + Scenario.describe(runs));
        }

        Path middle = middleWhose(files, direction.from(), work, runs, stack -> stack.contains("at org.apache.commons.math3."),
                "has a frame of the library on its stack; inspect shows them all in the application");
        finishesOn(direction.to(), "restore-middle", middle, work, runs);
    }

    /** A short run checkpointed with at=N at a few points, each restored on the other JDK. */
    @TestFactory
    Stream<DynamicTest> atNInsideTheLibraryRestoresOnTheOtherJdk() {
        Program program = withLibrary(Program.sample(LorenzEnsemble.class, "2", "1"));
        List<Direction> directions = Jdks.directions();
        // Every other point of a full sweep, and the last safe point of the run.
        List<Long> points = SafePoints.sweep(SafePoints.count(program, Jdks.oldest()), true);
        return IntStream.range(0, points.size()).filter(i -> i % 2 == 0 || i == points.size() - 1).mapToObj(i -> {
            long n = points.get(i);
            Direction direction = directions.get(i % directions.size());
            return Scenario.named("LorenzEnsemble at=" + n + " " + direction,
                    () -> Scenario.checkpointAtAndRestore(program, n, direction, "third-party"));
        });
    }

    /**
     * Jackson and Guava, unmodified, checkpointed by {@code interval=} on each JDK: every
     * checkpoint of the run is written (their caches, locks, date formats and buffers, weak and
     * soft references with their queues, immutable maps are state Stasis carries), the run prints
     * what it prints without the agent, and a checkpoint from the
     * middle finishes on the other JDK with the same checksums (the immutable map and the weak-keyed
     * cache find their enum and identity-hashed keys again); except from Java 21 or later to an
     * older JDK, where Jackson's type cache holds a JDK class the older one lacks: that restore
     * must say so plainly (and the same file restores on the JDK it was written on).
     */
    @TestFactory
    Stream<DynamicTest> jsonAndCacheLibrariesCheckpointedByIntervalRestoreOnTheOtherJdk() {
        Program withLibraries = withJarsOf(Program.of(JsonAndCaches.class, "30", "1500"), "with Jackson and Guava",
                ObjectMapper.class, JsonFactory.class, JsonProperty.class, LoadingCache.class,
                InternalFutureFailureAccess.class);
        return Jdks.directions().stream().map(direction -> Scenario.named("JsonAndCaches interval " + direction, () -> {
            Path work = Artifacts.workDir("third-party-json/" + direction.fileName());
            List<JvmResult> runs = new ArrayList<>();
            Path middle = middleOfEveryIntervalCheckpoint(withLibraries, direction.from(), work, runs);
            if (direction.to().major() < 21 && direction.from().major() >= 21) {
                // Jackson's type cache holds java.util.SequencedCollection (Java 21 and later), a
                // supertype of the item's List field: this state cannot exist on the older JDK
                JvmResult refused = JvmRun.restore("restore-middle-older", direction.to(), middle).run(work);
                runs.add(refused);
                Scenario.expectExit(refused, 2, runs);
                if (!refused.stderr().contains("java.util.SequencedCollection, which this Java runtime")
                        || refused.stderr().contains("damaged")) {
                    fail("a restore on a JDK without a class the state holds should say so, not call the file damaged"
                            + Scenario.describe(runs));
                }
                finishesOn(direction.from(), "restore-middle-same-jdk", middle, work, runs);
                return;
            }
            finishesOn(direction.to(), "restore-middle", middle, work, runs);
        }));
    }

    /**
     * fastutil, HPPC, Eclipse Collections, Commons Collections and JGraphT, unmodified: every
     * interval checkpoint is written (a ReferenceMap's soft references once were refused) and a
     * checkpoint from the middle finishes on the other JDK with the same checksums (their own hash
     * tables keyed by enum constants and by objects without hashCode once lost their keys there:
     * Eclipse Collections' UnifiedMap.get returned null).
     */
    @TestFactory
    Stream<DynamicTest> collectionLibrariesCheckpointedByIntervalRestoreOnTheOtherJdk() {
        Program withLibraries = withJarsOf(Program.of(CollectionLibraries.class, "12"), "with collection libraries",
                Object2IntOpenHashMap.class, ObjectIntHashMap.class, UnifiedMap.class, MutableList.class,
                ReferenceMap.class, DefaultDirectedWeightedGraph.class, FibonacciHeap.class);
        return middleFinishesOnTheOtherJdk("CollectionLibraries", "third-party-collections", withLibraries, null);
    }

    /**
     * Rhino, unmodified, running a JavaScript program in each of its modes: interpreted (the
     * checkpoint lands in Rhino's interpreter loop) and compiled to classes Rhino defines at run
     * time, which the checkpoint must carry. Every interval checkpoint is written and one from the
     * middle finishes on the other JDK. Before, a class of Rhino did not load under the agent
     * (VerifyError), the restore failed in Rhino's configuration initializer, a for-of loop found
     * no Symbol.iterator (its property maps hash symbols by identity), and the compiled script's
     * classes were missing.
     */
    @TestFactory
    Stream<DynamicTest> javaScriptEngineCheckpointedByIntervalRestoresOnTheOtherJdk() {
        return Stream.of("interpreted 3000", "compiled 12000").flatMap(mode -> {
            String[] words = mode.split(" ");
            Program withRhino = withJarsOf(Program.of(JavaScriptEngine.class, words[1], words[0]), "with rhino",
                    org.mozilla.javascript.Context.class);
            // not one taken while Rhino compiles the script: see LIMITATIONS (classes of the program's loaders)
            return middleFinishesOnTheOtherJdk("JavaScriptEngine " + words[0], "third-party-rhino/" + words[0],
                    withRhino, stack -> !stack.contains("at org.mozilla.javascript.Context.compile"));
        });
    }

    /**
     * sat4j, unmodified and compiled for Java 1.4, searching random 3-SAT instances: every interval
     * checkpoint is written (each solver's Timer for its time limit was refused) and one from the
     * middle, taken inside the solver's propagation, finishes on the other JDK with the same answers.
     */
    @TestFactory
    Stream<DynamicTest> satSolverCheckpointedByIntervalRestoresOnTheOtherJdk() {
        Program withSat4j = withJarsOf(Program.of(SatSolver.class, "205", "10"), "with sat4j",
                org.sat4j.specs.ISolver.class);
        return middleFinishesOnTheOtherJdk("SatSolver", "third-party-sat4j", withSat4j, null);
    }

    /**
     * JTS and jsoup, unmodified: every interval checkpoint is written, and one from the middle,
     * taken inside JTS's overlay or jsoup's parser, finishes on the other JDK with the same areas,
     * to the bit, and the same checksums of what was parsed.
     */
    @TestFactory
    Stream<DynamicTest> geometryAndHtmlLibrariesCheckpointedByIntervalRestoreOnTheOtherJdk() {
        Program withLibraries = withJarsOf(Program.of(GeometryAndDocuments.class, "12", "40"), "with jts and jsoup",
                org.locationtech.jts.geom.Geometry.class, org.jsoup.Jsoup.class);
        return middleFinishesOnTheOtherJdk("GeometryAndDocuments", "third-party-jts-jsoup", withLibraries, null);
    }

    /**
     * Apache Velocity 1.5, compiled for Java 1.3: class files without stack map frames, some
     * finally blocks as jsr/ret subroutines (which the rewriter inlines), and pooled parsers that
     * keep the closed reader of the last template they read (refused, before, as unreadable).
     * Every interval checkpoint is written, and one from the middle, taken inside Velocity's
     * renderer, finishes on a JDK as new with the same reports. Not on an older one: Velocity's
     * introspector caches every public method of the classes a template calls, and on JDK 21 and
     * later ArrayList's include {@code getLast()}, which JDK 17 does not have. That restore is
     * refused naming the method (LIMITATIONS), and the same file then finishes on its own JDK.
     */
    @TestFactory
    Stream<DynamicTest> templateEngineCompiledForJava13CheckpointedByIntervalRestoresOnANewerJdk() {
        Program withVelocity = withJarsOf(Program.of(TemplateReports.class, "8000", "60"), "with velocity 1.5",
                org.apache.velocity.app.VelocityEngine.class, org.apache.commons.lang.ObjectUtils.class,
                org.apache.commons.collections.Transformer.class);
        return Jdks.directions().stream().map(direction -> Scenario.named("TemplateReports interval " + direction, () -> {
            Path work = Artifacts.workDir("third-party-velocity/" + direction.fileName());
            List<JvmResult> runs = new ArrayList<>();
            middleOfEveryIntervalCheckpoint(withVelocity, direction.from(), work, runs);
            Path middle = middleWhose(Scenario.checkpointFiles(work.resolve("checkpoints")), direction.from(), work,
                    runs, stack -> stack.contains("at org.apache.velocity."), "taken inside Velocity");
            if (direction.to().major() >= direction.from().major()) {
                finishesOn(direction.to(), "restore-middle", middle, work, runs);
                return;
            }
            JvmResult older = JvmRun.restore("restore-older", direction.to(), middle).run(work);
            runs.add(older);
            Scenario.expectExit(older, 2, runs);
            assertTrue(older.stderr().contains("java.util.ArrayList.getLast()")
                    && older.stderr().contains("does not have"), "the refusal names the method JDK "
                    + direction.to().major() + " does not have" + Scenario.describe(runs));
            finishesOn(direction.from(), "restore-same-jdk", middle, work, runs);
        }));
    }

    /**
     * Commons Lang 2 and Commons Collections 3, compiled before Java 5 (whose class files cannot
     * name a class constant, so their initializers are hooked differently): their singletons,
     * compared by {@code ==}, are the restored heap's own after a restore on either JDK.
     */
    @TestFactory
    Stream<DynamicTest> librariesCompiledBeforeJava5KeepTheirSingletons() {
        return Scenario.acrossJdks(withJarsOf(Program.of(OldLibraryConstants.class), "with commons-lang 2 and"
                + " commons-collections 3", org.apache.commons.lang.ObjectUtils.class,
                org.apache.commons.collections.Transformer.class));
    }

    /**
     * Choco, unmodified, minimizing a Golomb ruler: every interval checkpoint is written, and one
     * from the middle, taken inside its propagation engine or its branch and bound, finishes on
     * the other JDK with the same rulers and the same node and fail counts.
     */
    @TestFactory
    Stream<DynamicTest> constraintSolverCheckpointedByIntervalRestoresOnTheOtherJdk() {
        Program withChoco = withJarsOf(Program.of(ConstraintSolver.class, "10"), "with choco",
                org.chocosolver.solver.Model.class, gnu.trove.map.hash.TIntIntHashMap.class);
        return middleFinishesOnTheOtherJdk("ConstraintSolver", "third-party-choco", withChoco, null);
    }

    /**
     * LuaJ, unmodified, running a recursive Lua program: its dispatch method is too large to
     * instrument at every call (instrumented in part, see SiteSelection), and every frame of the
     * Lua program is one of its frames. Every interval checkpoint is written and one from the
     * middle, taken inside the interpreter, finishes on the other JDK. Before, that method was
     * left out whole, so no checkpoint could be taken while a Lua function ran, and the waiting
     * requests made the interpreter several times slower.
     */
    @TestFactory
    Stream<DynamicTest> luaInterpreterCheckpointedByIntervalRestoresOnTheOtherJdk() {
        Program withLuaj = withJarsOf(Program.of(LuaInterpreter.class, "24", "26"), "with luaj",
                org.luaj.vm2.Globals.class);
        return middleFinishesOnTheOtherJdk("LuaInterpreter", "third-party-luaj", withLuaj,
                stack -> stack.contains("at org.luaj.vm2.LuaClosure.execute"));
    }

    /**
     * Smile training a neural network, unmodified: its matrix code calls OpenBLAS, a native library
     * JavaCPP extracts for this CPU and loads from a static initializer. Every interval checkpoint
     * is written and the middle one finishes on the other JDK with the same figures. Before, the
     * restored JVM never loaded the library (the initializer that loads it was skipped, the loader's
     * table said it was loaded) and the first native call threw UnsatisfiedLinkError.
     */
    @TestFactory
    Stream<DynamicTest> trainingOverANativeLibraryRestoresOnTheOtherJdk() {
        Program program = Program.of(NeuralNetworkTraining.class, "6000", "400");
        Program withSmile = program.withClassPath(program.classPath() + File.pathSeparator
                + testClassPathJars("smile-", "javacpp-", "openblas-", "slf4j-api-"), "with smile");
        return middleFinishesOnTheOtherJdk("NeuralNetworkTraining", "third-party-smile", withSmile, null);
    }

    /**
     * Jenetics, unmodified, evolving a knapsack solution generation by generation: every interval
     * checkpoint is written and the middle one finishes on the other JDK with the same answers.
     * Before, its random registry's generator and factory (java.util.random, whose classes are in
     * another module on Java 17 than on 25), its engine's clock (a subclass of java.time.Clock),
     * the common fork/join pool and its completed futures were refused, and a checkpoint taken
     * where a functional interface's argument becomes a method reference's receiver made the run
     * that went on after it fail (the re-issued call passed null).
     */
    @TestFactory
    Stream<DynamicTest> geneticAlgorithmRestoresOnTheOtherJdk() {
        Program withJenetics = withJarsOf(Program.of(GeneticAlgorithm.class, "6000"), "with jenetics",
                io.jenetics.engine.Engine.class);
        return middleFinishesOnTheOtherJdk("GeneticAlgorithm", "third-party-jenetics", withJenetics, null);
    }

    /**
     * Groovy, unmodified, running a script it compiles at run time: every interval checkpoint is
     * written and the middle one finishes on the JDK that wrote it. Before, Groovy's per-class
     * metadata (a ClassValue) could not be checkpointed and was computed afresh after a restore,
     * without the extension methods Groovy registers at start: {@code Integer.plus} was missing.
     * Not on the other JDK: Groovy's metadata holds every method of the JDK classes it used,
     * private ones included, which differ between JDK versions (see LIMITATIONS).
     */
    @TestFactory
    Stream<DynamicTest> groovyScriptRestoresOnTheSameJdk() {
        Program withGroovy = withJarsOf(Program.of(GroovyScript.class, "3000"), "with groovy",
                groovy.lang.GroovyShell.class);
        return middleFinishesOnTheSameJdk("GroovyScript", "third-party-groovy", withGroovy);
    }

    /**
     * Clojure, unmodified, running a program it compiles at run time, whose summary prints seqs
     * through the print-method multimethod: the program's four checkpoints are written and the
     * third finishes on the JDK that wrote it. Before, printing failed after a restore ("Multiple methods
     * in multimethod 'print-method' match"): its tables keyed by classes lost the classes' identity
     * hash codes. Not on the other JDK: the JVM hashes many JDK classes while it starts, before the
     * agent runs, so those keep another code (see LIMITATIONS).
     */
    @TestFactory
    Stream<DynamicTest> clojureProgramRestoresOnTheSameJdk() {
        Program program = Program.of(ClojureProgram.class, "3000");
        Program withClojure = program.withClassPath(program.classPath() + File.pathSeparator
                + testClassPathJars("clojure-", "spec.alpha-", "core.specs.alpha-"), "with clojure");
        return Stream.of(Jdks.oldest(), Jdks.newest()).distinct().map(jdk -> Scenario.named("ClojureProgram on "
                + jdk.major(), () -> {
            Path work = Artifacts.workDir("third-party-clojure/" + jdk.major());
            Path checkpoints = work.resolve("checkpoints");
            List<JvmResult> runs = new ArrayList<>();
            JvmResult plain = Scenario.uninterrupted(withClojure, jdk);
            runs.add(plain);
            JvmResult run = JvmRun.withAgent("checkpoints", jdk, withClojure, "dir=" + checkpoints + ",keep=50").run(work);
            runs.add(run);
            Scenario.expectExit(run, 0, runs);
            Scenario.expectNoTrace(run, runs);
            Scenario.expectJoined(run.stdout(), plain, runs);
            List<Path> files = Scenario.checkpointFiles(checkpoints);
            if (files.size() != 4) {
                fail("the run should write its four checkpoints, found " + files + Scenario.describe(runs));
            }
            finishesOn(jdk, "restore-third", files.get(2), work, runs);
        }));
    }

    /**
     * Per JDK installed: every interval checkpoint of {@code program} is written and the middle one
     * finishes on that JDK.
     */
    private static Stream<DynamicTest> middleFinishesOnTheSameJdk(String label, String workDir, Program program) {
        return Stream.of(Jdks.oldest(), Jdks.newest()).distinct().map(jdk -> Scenario.named(label + " interval on "
                + jdk.major(), () -> {
            Path work = Artifacts.workDir(workDir + "/" + jdk.major());
            List<JvmResult> runs = new ArrayList<>();
            Path middle = middleOfEveryIntervalCheckpoint(program, jdk, work, runs);
            finishesOn(jdk, "restore-middle", middle, work, runs);
        }));
    }

    /**
     * The jars of this test's class path (Maven puts the provided dependencies there) whose file
     * names start with one of {@code prefixes}: for jars that hold no class to find them by, such
     * as those with a library's native code for each platform.
     */
    private static String testClassPathJars(String... prefixes) {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> Stream.of(prefixes).anyMatch(Path.of(entry).getFileName().toString()::startsWith))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * Per direction between the JDKs: every interval checkpoint of {@code program} on the first JDK
     * is written ({@link #middleOfEveryIntervalCheckpoint}) and the middle one (of those whose
     * stack passes {@code stack}, unless it is null: {@link #middleWhose}) finishes on the second
     * ({@link #finishesOn}).
     */
    private static Stream<DynamicTest> middleFinishesOnTheOtherJdk(String label, String workDir, Program program,
            Predicate<String> stack) {
        return Jdks.directions().stream().map(direction -> Scenario.named(label + " interval " + direction, () -> {
            Path work = Artifacts.workDir(workDir + "/" + direction.fileName());
            List<JvmResult> runs = new ArrayList<>();
            Path middle = middleOfEveryIntervalCheckpoint(program, direction.from(), work, runs);
            if (stack != null) {
                middle = middleWhose(Scenario.checkpointFiles(work.resolve("checkpoints")), direction.from(), work,
                        runs, stack, "passes the test of its stack");
            }
            finishesOn(direction.to(), "restore-middle", middle, work, runs);
        }));
    }

    /** {@code program} with the jars that hold {@code classes} added to its class path. */
    private static Program withJarsOf(Program program, String description, Class<?>... classes) {
        String jars = Stream.of(classes).map(c -> SampleApp.jarOf(c).toString())
                .collect(Collectors.joining(File.pathSeparator));
        return program.withClassPath(program.classPath() + File.pathSeparator + jars, description);
    }

    /**
     * Runs {@code program} on {@code jdk} without the agent (the first of {@code runs}) and with
     * {@code interval=200ms}: the output must not change, every checkpoint must be written (their
     * state is all Stasis carries), and there must be several. Returns the middle one.
     */
    private static Path middleOfEveryIntervalCheckpoint(Program program, Jdk jdk, Path work, List<JvmResult> runs) {
        Path checkpoints = work.resolve("checkpoints");
        JvmResult plain = Scenario.uninterrupted(program, jdk);
        runs.add(plain);
        JvmResult periodic = JvmRun.withAgent("interval", jdk, program, "dir=" + checkpoints + ",interval=200ms,keep=50")
                .run(work);
        runs.add(periodic);
        Scenario.expectExit(periodic, 0, runs);
        Scenario.expectNoTrace(periodic, runs);
        Scenario.expectJoined(periodic.stdout(), plain, runs);
        if (periodic.stderr().contains("checkpoint not written")) {
            fail("every checkpoint of the run should be written" + Scenario.describe(runs));
        }
        List<Path> files = Scenario.checkpointFiles(checkpoints);
        if (files.size() < 3) {
            fail("the run should write several checkpoints at interval=200ms, found " + files + Scenario.describe(runs));
        }
        return files.get(files.size() / 2);
    }

    /**
     * Restores {@code file} on {@code jdk}: it must exit 0 without a trace and print the rest of
     * the uninterrupted run, the first of {@code runs}.
     */
    private static void finishesOn(Jdk jdk, String name, Path file, Path work, List<JvmResult> runs) {
        JvmResult restored = JvmRun.restore(name, jdk, file).run(work);
        runs.add(restored);
        Scenario.expectExit(restored, 0, runs);
        Scenario.expectNoTrace(restored, runs);
        Scenario.expectSuffix(runs.get(0), restored, runs);
    }

    private static Program withLibrary(Program program) {
        return withJarsOf(program, "with commons-math3", FirstOrderIntegrator.class);
    }

    /**
     * The checkpoint nearest the middle of the run whose stack, as {@code inspect} shows it,
     * passes {@code stack}: for LorenzEnsemble one with frames of the library (nearly all the run's
     * safe points are in it, so this is usually the middle one itself), for Rhino's compiled mode
     * one not taken while the script compiles (see LIMITATIONS, classes of the program's loaders).
     */
    private static Path middleWhose(List<Path> files, Jdk jdk, Path work, List<JvmResult> runs,
            Predicate<String> stack, String wanted) {
        int middle = files.size() / 2;
        for (int offset = 0; offset < files.size(); offset++) {
            int i = middle + (offset % 2 == 0 ? offset / 2 : -(offset + 1) / 2);
            if (i < 0 || i >= files.size()) {
                continue;
            }
            JvmResult inspect = JvmRun.agentCommand("inspect-" + i, jdk, "inspect", files.get(i).toString()).run(work);
            Scenario.expectExit(inspect, 0, List.of(inspect));
            if (stack.test(inspect.stdout())) {
                return files.get(i);
            }
            runs.add(inspect);
        }
        fail("no checkpoint of the run " + wanted + Scenario.describe(runs));
        return null;
    }
}

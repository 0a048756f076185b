package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertTrue;

import e2e.methods.ClearedThis;
import e2e.methods.HugeDispatch;
import e2e.methods.InterfaceDefault;
import e2e.methods.MergedTypes;
import e2e.methods.NestedClasses;
import e2e.methods.RestoreCopies;
import e2e.methods.StaticAndInstance;
import e2e.methods.Subroutines;
import e2e.methods.SuperCallUnderValue;
import e2e.methods.VirtualDispatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every kind of method and class can be on the captured stack. */
class MethodsTest {

    @TestFactory
    Stream<DynamicTest> staticAndInstanceMethods() {
        return Scenario.acrossJdks(Program.of(StaticAndInstance.class));
    }

    /**
     * A method that stores into local 0 (Clojure clears {@code this} before a call in tail
     * position) with the checkpoint below it: the caller's restore takes the receiver of the call
     * it re-issues from that method's record. Before, that was local 0, then null, and the restore
     * threw NullPointerException (Clojure's spec checks did, in continue mode too).
     */
    @TestFactory
    Stream<DynamicTest> aMethodThatClearsThis() {
        Program program = Program.of(ClearedThis.class);
        Program withAsm = program.withClassPath(program.classPath() + java.io.File.pathSeparator
                + SampleApp.jarOf(org.objectweb.asm.ClassWriter.class), "with asm");
        return Stream.concat(Scenario.acrossJdks(withAsm), Stream.of(Scenario.named("ClearedThis continue on "
                + Jdks.oldest().label(), () -> Scenario.checkpointAndGoOn(withAsm, Jdks.oldest()))));
    }

    /**
     * A Java 1.4 class file whose finally block is a jsr/ret subroutine, the checkpoint taken in
     * the copy the rewriter inlines on the normal path and in the one on the exception path.
     */
    @TestFactory
    Stream<DynamicTest> subroutinesOfOldClassFiles() {
        String withAsm = java.io.File.pathSeparator + SampleApp.jarOf(org.objectweb.asm.ClassWriter.class);
        Program normal = Program.of(Subroutines.class, "normal");
        Program exceptional = Program.of(Subroutines.class, "exceptional");
        return Scenario.acrossJdks(normal.withClassPath(normal.classPath() + withAsm, "with asm"),
                exceptional.withClassPath(exceptional.classPath() + withAsm, "with asm"));
    }

    @TestFactory
    Stream<DynamicTest> virtualDispatchAndAbstractClasses() {
        return Scenario.acrossJdks(Program.of(VirtualDispatch.class));
    }

    @TestFactory
    Stream<DynamicTest> interfaceDefaultMethods() {
        return Scenario.acrossJdks(Program.of(InterfaceDefault.class));
    }

    @TestFactory
    Stream<DynamicTest> superCallsWithAnotherValueUnderTheReceiver() {
        return Scenario.acrossJdks(Program.of(SuperCallUnderValue.class));
    }

    @TestFactory
    Stream<DynamicTest> localsOfATypeTheCodeMayNotName() {
        return Scenario.acrossJdks(Program.of(MergedTypes.class));
    }

    @TestFactory
    Stream<DynamicTest> innerAnonymousAndLocalClasses() {
        return Scenario.acrossJdks(Program.of(NestedClasses.class));
    }

    /**
     * A dispatch method too large to instrument at all its calls (see HugeDispatch): instrumented
     * in part, its frames three interpreters deep are captured and restored; at=N over its run
     * checkpoints at each N's next capturable safe point (after the left-out calls return).
     */
    @TestFactory
    Stream<DynamicTest> aDispatchMethodTooLargeToInstrumentWhole() {
        Program sweep = Program.of(HugeDispatch.class, "loop", "1");
        Jdk oldest = Jdks.oldest();
        JvmResult log = JvmRun.withAgent("huge-dispatch-log", oldest, sweep, "log=debug,cache=off")
                .run(Artifacts.workDir("huge-dispatch/log"));
        assertTrue(log.stderr().contains("instrumented in part: e2e/methods/HugeDispatch.run("),
                "HugeDispatch.run should be too large to instrument at every call:\n" + log.stderr());
        List<Direction> directions = Jdks.directions();
        List<DynamicTest> tests = new ArrayList<>(Scenario.acrossJdks(Program.of(HugeDispatch.class)).toList());
        int i = 0;
        for (long n : SafePoints.sweep(SafePoints.count(sweep, oldest), false)) {
            Direction direction = directions.get(i++ % directions.size());
            tests.add(Scenario.named("at=" + n + " " + direction,
                    () -> Scenario.checkpointAtAndRestore(sweep, n, direction, "huge-dispatch")));
        }
        tests.add(Scenario.named("continue on " + oldest.label(), () -> Scenario.checkpointAndGoOn(
                Program.of(HugeDispatch.class), oldest)));
        return tests.stream();
    }

    /**
     * Methods that the rewriting takes past HotSpot's inlining limit and that keep only their
     * normal path and unwind handlers, their resume code in a restore-only copy (RestoreCopies
     * has a method of every kind and return type so): resumed in their copies, captured there
     * again by later checkpoints of the restored JVM (a chain of generations), at safe points
     * swept over the run, and in a JVM that checkpoints and goes on (its frames, a thread's base
     * frame among them, resume in their copies).
     */
    @TestFactory
    Stream<DynamicTest> methodsResumedInTheirRestoreOnlyCopies() {
        Program program = Program.of(RestoreCopies.class);
        Jdk oldest = Jdks.oldest();
        JvmResult log = JvmRun.withAgent("restore-copies-log", oldest, program, "log=debug,cache=off")
                .run(Artifacts.workDir("restore-copies/log"));
        for (String method : List.of(".instanceLong(", ".synchronizedObject(", ".staticInt(", ".staticBoolean(",
                ".staticChar(", ".staticFloat(", ".sideOf(", ".throwing(", "$Shape.measure(", "$Shape.weigh(",
                "$Worker.run(")) {
            assertTrue(log.stderr().contains("restore-only copy of e2e/methods/RestoreCopies" + method),
                    "RestoreCopies" + method + "...) should have a restore-only copy:\n" + log.stderr());
        }
        List<Direction> directions = Jdks.directions();
        List<DynamicTest> tests = new ArrayList<>(Scenario.acrossJdks(program).toList());
        int i = 0;
        for (long n : SafePoints.sweep(SafePoints.count(program, oldest), false)) {
            Direction direction = directions.get(i++ % directions.size());
            tests.add(Scenario.named("at=" + n + " " + direction,
                    () -> Scenario.checkpointAtAndRestore(program, n, direction, "restore-copies")));
        }
        for (Direction direction : directions) {
            tests.add(Scenario.named("again " + direction, () -> checkpointAgainInACopy(direction)));
        }
        tests.add(Scenario.named("chain " + directions.get(0), () -> ChainScenario.run(program, directions.get(0), 3,
                SafePoints.count(program, oldest) / 4, "restore-copies")));
        tests.add(Scenario.named("continue on " + oldest.label(), () -> Scenario.checkpointAndGoOn(program, oldest)));
        return tests.stream();
    }

    /**
     * RestoreCopies with {@code again}: checkpointed with {@code exit=true}, restored on the other
     * JDK, where the second checkpoint call (an instance method resumed in its copy stands under
     * it) checkpoints and exits again, and that checkpoint is restored to the end. Were a frame
     * in a copy not capturable, the second call would return without a checkpoint and the
     * restored JVM would run to the end.
     */
    private static void checkpointAgainInACopy(Direction direction) {
        Program program = Program.of(RestoreCopies.class, "again");
        Path work = Artifacts.workDir("restore-copies/again-" + direction.fileName());
        Path checkpoints = work.resolve("checkpoints");
        List<JvmResult> runs = new ArrayList<>();
        JvmResult plain = Scenario.uninterrupted(program, direction.from());
        runs.add(plain);
        JvmResult first = JvmRun.withAgent("first", direction.from(), program, "dir=" + checkpoints + ",exit=true")
                .run(work);
        runs.add(first);
        Scenario.onlyCheckpoint(first, checkpoints, runs);
        JvmResult second = JvmRun.restore("second", direction.to(), checkpoints).run(work);
        runs.add(second);
        Scenario.expectExit(second, 0, runs);
        Scenario.expectNoTrace(second, runs);
        assertTrue(second.stderr().contains("checkpoint written"),
                "the restored JVM should checkpoint again, in the copy" + Scenario.describe(runs));
        JvmResult third = JvmRun.restore("third", direction.from(), checkpoints).run(work);
        runs.add(third);
        Scenario.expectExit(third, plain.exitCode(), runs);
        Scenario.expectNoTrace(third, runs);
        Scenario.expectJoined(first.stdout() + second.stdout() + third.stdout(), plain, runs);
    }
}

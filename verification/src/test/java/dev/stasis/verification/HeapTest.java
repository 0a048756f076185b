package dev.stasis.verification;

import e2e.heap.ClassObjects;
import e2e.heap.ClassValueCache;
import e2e.heap.CollectionViews;
import e2e.heap.EnumConstants;
import e2e.heap.ForEachIterators;
import e2e.heap.IdentityAndCycles;
import e2e.heap.InterfaceConstants;
import e2e.heap.IdentityHashKeys;
import e2e.heap.JdkCollections;
import e2e.heap.JdkValueTypes;
import e2e.heap.NoDefaultConstructor;
import e2e.heap.RandomGenerators;
import e2e.heap.StaticFields;
import e2e.heap.StaticInitializers;
import e2e.heap.StringBuilderOnStack;
import e2e.heap.SystemStreams;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The heap comes back as one graph, with the JDK's objects restored by meaning. */
class HeapTest {

    @TestFactory
    Stream<DynamicTest> identitySharingAndCycles() {
        return Scenario.acrossJdks(Program.of(IdentityAndCycles.class));
    }

    /**
     * A hash table of the program's own keyed by identity-hashed objects (its own, also of classes
     * whose hashCode is the identity hash or super.hashCode(), enum constants, a class) finds every
     * key after a restore on the other JDK and on the other CPUs, with the
     * identity hash codes the program recorded: the heap carries them and the restored JVM's
     * objects get them back.
     */
    @TestFactory
    Stream<DynamicTest> identityHashCodesOfKeysAreKept() {
        Program program = Program.of(IdentityHashKeys.class, "4");
        Stream<DynamicTest> jdks = Jdks.directions().stream().map(direction -> Scenario.named(
                program.label() + " at the middle " + direction, () -> Scenario.checkpointAtAndRestore(program,
                        Math.max(1, SafePoints.count(program, direction.from()) / 2), direction, "identity-hash")));
        Stream<DynamicTest> cpus = ForeignCpu.configured().stream().map(cpu -> Scenario.named(
                program.label() + " to " + cpu.label() + " and back", () -> {
                    AppMatrixTest.requireEmulator(cpu);
                    long n = Math.max(1, SafePoints.count(program, Jdks.oldest()) / 2);
                    CrossCpuScenario.toForeign(program, Jdks.oldest(), cpu, n, "identity-hash");
                    CrossCpuScenario.fromForeign(program, cpu, Jdks.newest(), n, "identity-hash");
                }));
        return Stream.concat(jdks, cpus);
    }

    @TestFactory
    Stream<DynamicTest> classesWithoutNoArgConstructor() {
        return Scenario.acrossJdks(Program.of(NoDefaultConstructor.class));
    }

    @TestFactory
    Stream<DynamicTest> staticFields() {
        return Scenario.acrossJdks(Program.of(StaticFields.class));
    }

    @TestFactory
    Stream<DynamicTest> staticInitializersRunOnceAndLazily() {
        return Scenario.acrossJdks(Program.of(StaticInitializers.class));
    }

    @TestFactory
    Stream<DynamicTest> interfaceConstantsKeepTheirIdentityAndState() {
        return Scenario.acrossJdks(Program.of(InterfaceConstants.class));
    }

    @TestFactory
    Stream<DynamicTest> jdkCollections() {
        return Scenario.acrossJdks(Program.of(JdkCollections.class));
    }

    @TestFactory
    Stream<DynamicTest> collectionViewsStayViews() {
        return Scenario.acrossJdks(Program.of(CollectionViews.class));
    }

    @TestFactory
    Stream<DynamicTest> checkpointInsideForEachLoops() {
        return Scenario.acrossJdks(
                Program.of(ForEachIterators.class, "list"),
                Program.of(ForEachIterators.class, "linkedList"),
                Program.of(ForEachIterators.class, "set"),
                Program.of(ForEachIterators.class, "entrySet"),
                Program.of(ForEachIterators.class, "treeMap"),
                Program.of(ForEachIterators.class, "deque"),
                Program.of(ForEachIterators.class, "immutable"),
                Program.of(ForEachIterators.class, "nested"),
                Program.of(ForEachIterators.class, "wrapped"));
    }

    /**
     * In a JVM that checkpoints and goes on, the loop goes on too: writing an iterator drains only
     * a copy of it, the iterators it wraps included (an unmodifiable view's over the program's own
     * iterator once ended the live loop there).
     */
    @TestFactory
    Stream<DynamicTest> checkpointInsideForEachLoopsAndGoOn() {
        Jdk jdk = Jdks.oldest();
        return Stream.of("entrySet", "nested", "wrapped").map(name -> Program.of(ForEachIterators.class, name))
                .map(program -> Scenario.named(program.label() + " continue " + jdk.label(),
                        () -> Scenario.checkpointAndGoOn(program, jdk)));
    }

    @TestFactory
    Stream<DynamicTest> enumConstants() {
        return Scenario.acrossJdks(Program.of(EnumConstants.class));
    }

    @TestFactory
    Stream<DynamicTest> classObjects() {
        return Scenario.acrossJdks(Program.of(ClassObjects.class));
    }

    /**
     * A ClassValue of the program's own keeps the values it computed (the same objects the
     * program holds elsewhere, not computed again) and computes the classes first asked for after
     * the checkpoint.
     */
    @TestFactory
    Stream<DynamicTest> classValues() {
        return Scenario.acrossJdks(Program.of(ClassValueCache.class, "6"));
    }

    /** The generators of java.util.random go on with their numbers on the other JDK, whose classes for them differ. */
    @TestFactory
    Stream<DynamicTest> randomGenerators() {
        return Scenario.acrossJdks(Program.of(RandomGenerators.class));
    }

    @TestFactory
    Stream<DynamicTest> systemStreams() {
        return Scenario.acrossJdks(Program.of(SystemStreams.class));
    }

    @TestFactory
    Stream<DynamicTest> stringBuilderOnTheStack() {
        return Scenario.acrossJdks(Program.of(StringBuilderOnStack.class));
    }

    @TestFactory
    Stream<DynamicTest> jdkValueTypes() {
        return Scenario.acrossJdks(Program.of(JdkValueTypes.class, "values"));
    }

    @TestFactory
    Stream<DynamicTest> identitiesTheLanguageGuarantees() {
        return Scenario.acrossJdks(Program.of(JdkValueTypes.class, "identity"));
    }

    /** Static fields that cannot be checkpointed are re-created by the class's initializer; the rest is restored. */
    @TestFactory
    Stream<DynamicTest> libraryConstantsInStaticFields() {
        return Scenario.acrossJdks(Program.of(e2e.heap.LibraryConstants.class));
    }
}

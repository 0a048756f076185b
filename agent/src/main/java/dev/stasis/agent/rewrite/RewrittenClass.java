package dev.stasis.agent.rewrite;

import dev.stasis.internal.capture.MethodTable;
import dev.stasis.internal.coordinator.Coordinator;
import dev.stasis.internal.format.MethodInfo;
import dev.stasis.internal.heap.HashCodeByIdentity;
import dev.stasis.internal.statics.EnumConstants;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything rewriting one class produced: the new class file (null when the class is left as it
 * is), what the runtime must be told about it when it is defined (the call sites of each rewritten
 * method, an enum's constant classes, a hashCode that is the identity hash), the debug lines, and the hierarchy facts the result rests
 * on. A {@link RewriteCache} keeps it between runs; {@link #apply} does the same for a rewrite
 * done now and one read back from the cache.
 */
final class RewrittenClass {

    /** One rewritten method body, as {@link MethodTable#register} takes it. */
    static final class Method {
        final String name;
        final String desc;
        final String key;
        final int[] captureBcis;
        final int[] siteWords;
        final int[] unrecordedBcis;
        /**
         * The words a resumed frame of the method may take on the stack: for each body registered
         * under {@link #key} (the method's, and its restore-only copy's, which stands above it
         * while a resumed frame runs), a frame's fixed part, its local variable and operand stack
         * slots, and the values its restore blocks bring back, each of which C1 gives a stack slot
         * (see {@code RebuildStack}).
         */
        final int rebuildWords;
        /** Null for a constructor's restore-only copy. */
        final MethodInfo info;

        Method(String name, String desc, String key, int[] captureBcis, int[] siteWords, int[] unrecordedBcis,
                int rebuildWords, MethodInfo info) {
            this.name = name;
            this.desc = desc;
            this.key = key;
            this.captureBcis = captureBcis;
            this.siteWords = siteWords;
            this.unrecordedBcis = unrecordedBcis;
            this.rebuildWords = rebuildWords;
            this.info = info;
        }
    }

    /** Internal name of the class. */
    final String name;
    /** The rewritten class file, or null when the class needs no change. */
    byte[] bytes;
    final List<Method> methods = new ArrayList<>();
    /** An enum's constants, in ordinal order, and the class each is created from; null if none recorded. */
    List<String> enumNames;
    List<String> enumClasses;
    final List<String> notes = new ArrayList<>();
    /**
     * Whether the class asks for checkpoints itself ({@code Stasis.checkpoint()} or {@code
     * requestCheckpoint()} calls, {@code @Checkpoint} methods): the program will checkpoint, so
     * the heap machinery is set up ahead and its first checkpoint does not pay for that.
     */
    boolean checkpoints;
    /**
     * What the class's own {@code hashCode()} hands out: {@link #OWN_HASH_CODE} for none of the
     * below, {@link #IDENTITY_HASH_CODE} when it calls {@code System.identityHashCode} or {@code
     * Object.hashCode()}, {@link #SUPERCLASS_HASH_CODE} when it calls its superclass's (see
     * {@link HashCodeByIdentity}).
     */
    int hashCodeKind = OWN_HASH_CODE;
    static final int OWN_HASH_CODE = 0;
    static final int IDENTITY_HASH_CODE = 1;
    static final int SUPERCLASS_HASH_CODE = 2;
    /**
     * Each class whose hierarchy facts the rewrite consulted, with {@link ClassHierarchy.Info#digest}
     * of what it found (0: not found): the rewrite gives the same result while these are the same.
     */
    final Map<String, Long> facts = new LinkedHashMap<>();

    RewrittenClass(String name) {
        this.name = name;
    }

    /**
     * Tells the runtime about the class (before it is defined), has the first checkpoint's set-up
     * done ahead if the class asks for checkpoints, and hands the notes to {@code debug}.
     */
    void apply(ClassLoader loader, Consumer<String> debug) {
        for (Method m : methods) {
            MethodTable.register(loader, name, m.name, m.desc, m.key, m.captureBcis, m.siteWords, m.unrecordedBcis,
                    m.rebuildWords, m.info);
        }
        if (enumNames != null) {
            EnumConstants.register(loader, name.replace('/', '.'), enumNames, enumClasses);
        }
        if (checkpoints) {
            Coordinator.checkpointsExpected();
        }
        if (hashCodeKind != OWN_HASH_CODE) {
            HashCodeByIdentity.register(loader, name.replace('/', '.'), hashCodeKind == SUPERCLASS_HASH_CODE);
        }
        if (debug != null) {
            for (String note : notes) {
                debug.accept(note);
            }
        }
    }
}

package dev.stasis.agent.rewrite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import dev.stasis.internal.capture.FrameRecord;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Rewrites one method so that its frame can be captured at each call that may unwind, and
 * re-entered there.
 *
 * <p>On the normal path the method gains two instructions at entry ({@code getstatic
 * SafePoint.entry; ifeq}, or where its {@link PurePrefix} ends) and, only at calls with values on
 * the operand stack below their arguments, stores and loads of those values. Everything else is
 * cold code at the end of the method:
 * <ul>
 * <li>per call site an unwind handler, the first entry of the exception table (JVMS 2.10: the
 * first matching entry wins, so no application handler, finally or synchronized cleanup sees the
 * unwind), which saves the site's locals and spilled stack values into a FrameRecord, releases the
 * monitors the frame entered, and rethrows;</li>
 * <li>a dispatch block, entered from the prologue while a thread is resuming, which takes the
 * frame's record and switches on its call-site index to a restore block that reloads the locals,
 * re-enters the monitors, rebuilds the operand stack (receiver and arguments: the callee restores
 * its own locals, but one whose entry test stands past a prefix that reads its parameters needs
 * the original ones, see {@code CallArguments}) and jumps back to the call.</li>
 * </ul>
 * Types come from an ASM analysis (JVMS 4.10.1 type inference), never guessed. {@link
 * RestoreCopy} may then move the dispatch and restore blocks into a restore-only copy.
 */
final class MethodInstrumenter implements Opcodes {

    /** Which body is produced: the method itself, or a constructor's restore-only copy. */
    enum Variant {
        ORIGINAL,
        /** {@code $stasis$init$...}: continues a constructor whose object already exists. */
        CONSTRUCTOR_RESUME
    }

    static final String RECORD = "dev/stasis/internal/capture/FrameRecord";
    static final String UNWIND = "dev/stasis/internal/capture/Unwind";
    static final String RESUME = "dev/stasis/internal/resume/Resume";
    static final String ARGUMENTS = "dev/stasis/internal/resume/CallArguments";
    static final String POINT = "dev/stasis/internal/coordinator/CheckpointPoint";
    static final String SAFE_POINT = "dev/stasis/internal/coordinator/SafePoint";
    static final String CHECKPOINT_ANNOTATION = "Ldev/stasis/Checkpoint;";
    static final String RECORD_DESC = "L" + RECORD + ";";

    /** What instrumenting a method produced. */
    static final class Result {
        final List<CallSite> sites;
        /** Labels at invoke instructions where a frame of this method can be captured, with their site. */
        final Map<LabelNode, Integer> captureLabels;
        /** Labels at the calls where this constructor's frame may stand unrecorded (no handler). */
        final List<LabelNode> unrecordedLabels;
        final boolean hasSitesAfterSuper;
        /**
         * The code only a resume runs, which {@link RestoreCopy} can move out of the method: the
         * dispatch that follows {@link #dispatchEntry} and the restore blocks (empty when the
         * method has none, as a constructor with only its super(...) call), the exception-table
         * entries inside them, and what that dispatch needs.
         */
        final Set<AbstractInsnNode> resumeCode;
        final List<TryCatchBlockNode> resumeHandlers;
        final LabelNode dispatchEntry;
        final LabelNode dispatchSwitch;
        final LabelNode start;
        final int recordLocal;
        /** Whether the method stores into local 0 of an instance method, which then may not hold {@code this}. */
        final boolean thisOverwritten;

        Result(List<CallSite> sites, Map<LabelNode, Integer> captureLabels, List<LabelNode> unrecordedLabels,
                boolean hasSitesAfterSuper) {
            this(sites, captureLabels, unrecordedLabels, hasSitesAfterSuper, Set.of(), List.of(), null, null, null, -1,
                    false);
        }

        Result(List<CallSite> sites, Map<LabelNode, Integer> captureLabels, List<LabelNode> unrecordedLabels,
                boolean hasSitesAfterSuper, Set<AbstractInsnNode> resumeCode, List<TryCatchBlockNode> resumeHandlers,
                LabelNode dispatchEntry, LabelNode dispatchSwitch, LabelNode start, int recordLocal,
                boolean thisOverwritten) {
            this.sites = sites;
            this.captureLabels = captureLabels;
            this.unrecordedLabels = unrecordedLabels;
            this.hasSitesAfterSuper = hasSitesAfterSuper;
            this.resumeCode = resumeCode;
            this.resumeHandlers = resumeHandlers;
            this.dispatchEntry = dispatchEntry;
            this.dispatchSwitch = dispatchSwitch;
            this.start = start;
            this.recordLocal = recordLocal;
            this.thisOverwritten = thisOverwritten;
        }

        /** Whether the constructor needs its restore-only copy. */
        boolean needsConstructorCopy() {
            return hasSitesAfterSuper || !unrecordedLabels.isEmpty();
        }
    }

    private final String owner;
    private final MethodNode method;
    private final ClassHierarchy hierarchy;
    /** Whether an instruction's descriptor names a class this code may not name; computed when first needed. */
    private Boolean descriptorsNameInaccessibleClass;
    private final InstrumentationScope scope;
    private final Variant variant;
    private final String key;
    private final boolean constructor;
    private final boolean allowSitesAfterSuper;
    /** The local slots of {@code this} and the parameters (JVMS 2.6.1). */
    private final int parameterSlots;
    /** The branch of the poll at method entry, if the method has one. */
    private JumpInsnNode entryPoll;
    /**
     * In an instance method that stores into local 0 (Clojure clears {@code this} before a call in
     * tail position), a local holding {@code this} as it was at entry, saved first in every record:
     * a caller re-issuing its call takes the receiver from there ({@code Resume.calleeThis}). -1
     * in other methods, whose local 0 is {@code this} throughout (JVMS 2.6.1).
     */
    private int thisCopy = -1;
    /**
     * Where the entry poll starts when it stands past the method's {@link PurePrefix}, else null.
     * Such a method saves its parameters at every call site ({@link FrameRecord#ENTRY_ARGUMENTS}):
     * a resume runs the prefix again, and whoever re-invokes the method must pass what it read.
     */
    private LabelNode entryTest;
    /**
     * A constructor's super(...)/this(...) call, when its frame may stand unrecorded between a
     * captured superclass constructor and its caller (see nothingLiveAcrossWrittenBefore); else null.
     */
    private MethodInsnNode superCall;
    /** The call sites to instrument, by their number among all the method's sites, or null for all of them. */
    private IntPredicate keptSites;

    MethodInstrumenter(String owner, MethodNode method, ClassHierarchy hierarchy, InstrumentationScope scope,
            Variant variant, String key, boolean allowSitesAfterSuper) {
        this.owner = owner;
        this.method = method;
        this.hierarchy = hierarchy;
        this.scope = scope;
        this.variant = variant;
        this.key = key;
        this.constructor = method.name.equals("<init>") || variant == Variant.CONSTRUCTOR_RESUME;
        this.allowSitesAfterSuper = allowSitesAfterSuper;
        this.parameterSlots = (Type.getArgumentsAndReturnSizes(method.desc) >> 2)
                - ((method.access & ACC_STATIC) != 0 ? 1 : 0);
    }

    /** Instruments only the call sites {@code kept} accepts (see {@link #keptSites}); returns this. */
    MethodInstrumenter onlySites(IntPredicate kept) {
        this.keptSites = kept;
        return this;
    }

    static String copyName(String owner) {
        return "$stasis$init$" + owner.replace('/', '$');
    }

    /** The method's {@code @Checkpoint} annotation (class-retained, so invisible), or null. */
    static AnnotationNode checkpointAnnotation(MethodNode m) {
        for (List<AnnotationNode> list : Arrays.asList(m.invisibleAnnotations, m.visibleAnnotations)) {
            if (list != null) {
                for (AnnotationNode a : list) {
                    if (a.desc.equals(CHECKPOINT_ANNOTATION)) {
                        return a;
                    }
                }
            }
        }
        return null;
    }

    private static <T> T annotationValue(AnnotationNode a, String name, T defaultValue) {
        if (a.values != null) {
            for (int k = 0; k + 1 < a.values.size(); k += 2) {
                if (a.values.get(k).equals(name)) {
                    @SuppressWarnings("unchecked")
                    T v = (T) a.values.get(k + 1);
                    return v;
                }
            }
        }
        return defaultValue;
    }

    /** Rewrites the method in place; null when it has no call that may unwind (left untouched). */
    Result instrument() throws AnalyzerException {
        if ((method.access & (ACC_ABSTRACT | ACC_NATIVE)) != 0 || method.name.equals("<clinit>")) {
            return null;
        }
        MethodInsnNode restoreHook = takeRestoreHook();
        BlockingCalls.redirect(method, hierarchy);
        AnnotationNode checkpoint = checkpointAnnotation(method);
        if (checkpoint != null && !method.name.equals("<init>")) {
            InsnList point = new InsnList();
            point.add(new LdcInsnNode(key));
            point.add(new LdcInsnNode(annotationValue(checkpoint, "every", 1)));
            point.add(new LdcInsnNode(annotationValue(checkpoint, "minIntervalMillis", 0L)));
            point.add(new MethodInsnNode(INVOKESTATIC, POINT, "reached", "(Ljava/lang/String;IJ)V", false));
            method.instructions.insert(point);
        }
        List<LabelNode> loopHeaders = new Loops(method).headsToPoll();
        boolean hasCalls = hasCandidate();
        if (!hasCalls && loopHeaders.isEmpty()) {
            return null;
        }
        insertSafePoints(loopHeaders, hasCalls);
        keepThisIfOverwritten();
        method.maxStack += 4;
        AllocationHoister hoister = new AllocationHoister(owner, method, this::isCandidate);
        if (constructor && hoister.superCall == null) {
            return null;
        }
        Frame<BasicValue>[] types = new Analyzer<>(new TypedInterpreter(hierarchy)).analyze(owner, method);
        ControlFlow flow = new ControlFlow(method);
        MonitorAnalysis monitors = new MonitorAnalysis(method, flow);
        Liveness liveness = new Liveness(method, flow);
        Set<AbstractInsnNode> afterSuper = constructor ? reachableAfter(hoister.superCall, flow) : Set.of();
        if (constructor && allowSitesAfterSuper && isCandidate(hoister.superCall)
                && scope.isApplicationClass(hoister.superCall.owner)
                && nothingLiveAcrossWrittenBefore(hoister.superCall, afterSuper, liveness)) {
            superCall = hoister.superCall;
        }

        List<CallSite> sites = new ArrayList<>();
        Map<CallSite, Frame<BasicValue>> siteFrames = new IdentityHashMap<>();
        InsnList insns = method.instructions;
        int line = -1;
        int ordinal = 0;
        for (int i = 0; i < insns.size(); i++) {
            AbstractInsnNode insn = insns.get(i);
            if (insn instanceof LineNumberNode) {
                line = ((LineNumberNode) insn).line;
                continue;
            }
            if (!(insn instanceof MethodInsnNode) || !isCandidate((MethodInsnNode) insn)
                    || hoister.uncapturable.contains(insn) || types[i] == null
                    || onArray((MethodInsnNode) insn, types[i])) {
                continue;
            }
            MethodInsnNode call = (MethodInsnNode) insn;
            List<Integer> held = monitors.heldAt(i);
            if (held == null) {
                continue;
            }
            CallSite.ConstructorState state = CallSite.ConstructorState.NONE;
            if (constructor) {
                if (call == hoister.superCall) {
                    // No handler can cover the super(...)/this(...) call: the verifier rejects any
                    // handler there that does not rethrow with 'this' still uninitialized
                    // (JVMS 4.10.1.9 invokespecial, 4.10.1.6), so a superclass constructor's
                    // frames are never captured while a subclass constructor waits for them.
                    continue;
                }
                if (afterSuper.contains(call)) {
                    state = CallSite.ConstructorState.AFTER_SUPER;
                    if (!allowSitesAfterSuper) {
                        continue;
                    }
                } else {
                    state = CallSite.ConstructorState.BEFORE_SUPER;
                }
            }
            CallSite site = describe(sites.size(), call, types, flow, i, state, held, line, hoister,
                    liveness.liveOut(i));
            if (site != null && keptSites != null && !keptSites.test(ordinal++)) {
                continue;
            }
            if (site != null) {
                sites.add(site);
                siteFrames.put(site, types[i]);
            }
        }
        if (sites.isEmpty() && superCall == null) {
            return null;
        }
        Result result = emit(sites, siteFrames, hoister);
        if (restoreHook != null) {
            method.instructions.insert(restoreHook);
        }
        return result;
    }

    /**
     * Removes the call a restoring JVM's {@code MainEntryHook} put first in {@code main}, to put it
     * back before the prologue and the entry poll: the restore must begin before {@code main}
     * reaches a safe point, or a checkpoint requested early in the restoring JVM (by the
     * {@code interval=} it inherits) would capture a {@code main} just entered by the launcher,
     * with no arguments, and that file would be the newest checkpoint. Null when there is none.
     */
    private MethodInsnNode takeRestoreHook() {
        AbstractInsnNode first = method.instructions.getFirst();
        while (first != null && first.getOpcode() < 0) {
            first = first.getNext();
        }
        if (first instanceof MethodInsnNode && MethodFingerprint.isRestoreHook((MethodInsnNode) first)) {
            method.instructions.remove(first);
            return (MethodInsnNode) first;
        }
        return null;
    }

    /**
     * Whether the constructor's frame, while it waits in its super(...)/this(...) call, holds
     * nothing but its parameters: no local that is read after that call was written before it.
     * (javac before Java 22 cannot write locals before super(...); the hoisted arguments are not
     * read after it.) Such a frame need not be recorded when a superclass constructor's body is
     * captured: its caller saves the constructor's arguments, and the restore-only copy is called
     * with them, continues the superclass constructor, then runs the code after super(...).
     */
    private boolean nothingLiveAcrossWrittenBefore(MethodInsnNode call, Set<AbstractInsnNode> afterSuper,
            Liveness liveness) {
        BitSet live = liveness.liveOut(method.instructions.indexOf(call));
        for (AbstractInsnNode insn : method.instructions) {
            if (afterSuper.contains(insn)) {
                continue;
            }
            int written = writtenLocal(insn);
            if (written > 0 && live.get(written)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Polls for a pending checkpoint request at the loop heads {@link Loops} asks for and, for
     * methods that make calls, at entry, or where the method's {@link PurePrefix} ends: a static
     * read and a branch on the normal path; the call to the safe point is a call site like any
     * other, so the frame can be captured there. The poll moves past the prefix only when the
     * method never writes its parameter slots, so that the values it saves at its call sites are
     * still the ones the prefix read.
     */
    private void insertSafePoints(List<LabelNode> loopHeaders, boolean atEntry) {
        for (LabelNode header : loopHeaders) {
            method.instructions.insert(header, safePoint("pending"));
        }
        if (atEntry && !constructor) {
            InsnList poll = safePoint("entry");
            entryPoll = (JumpInsnNode) poll.get(1);
            AbstractInsnNode at = parametersWritten() ? null : new PurePrefix(method).pollPosition();
            if (at != null) {
                entryTest = new LabelNode();
                poll.insert(entryTest);
                method.instructions.insertBefore(at, poll);
            } else {
                method.instructions.insert(poll);
            }
        }
    }

    /**
     * Copies {@code this} to {@link #thisCopy} when the method stores into local 0. After the entry
     * poll (where a method with no record of its own during a resume goes on from), or first when
     * the method has none (the prologue, inserted later, then comes before it).
     */
    private void keepThisIfOverwritten() {
        if ((method.access & ACC_STATIC) != 0 || constructor) {
            return;
        }
        boolean overwritten = false;
        for (AbstractInsnNode insn : method.instructions) {
            overwritten |= writtenLocal(insn) == 0;
        }
        if (!overwritten) {
            return;
        }
        thisCopy = method.maxLocals++;
        InsnList copy = new InsnList();
        copy.add(new VarInsnNode(ALOAD, 0));
        copy.add(new VarInsnNode(ASTORE, thisCopy));
        if (entryPoll != null) {
            method.instructions.insert(entryPoll.label, copy);
        } else {
            method.instructions.insert(copy);
        }
    }

    private boolean parametersWritten() {
        for (AbstractInsnNode insn : method.instructions) {
            int written = writtenLocal(insn);
            if (written >= 0 && written < parameterSlots) {
                return true;
            }
        }
        return false;
    }

    /** The local an instruction stores to (a store or iinc), or -1. */
    private static int writtenLocal(AbstractInsnNode insn) {
        if (insn instanceof IincInsnNode) {
            return ((IincInsnNode) insn).var;
        }
        int op = insn.getOpcode();
        return insn instanceof VarInsnNode && op >= ISTORE && op <= ASTORE ? ((VarInsnNode) insn).var : -1;
    }

    private static InsnList safePoint(String flag) {
        InsnList poll = new InsnList();
        LabelNode skip = new LabelNode();
        poll.add(new FieldInsnNode(GETSTATIC, SAFE_POINT, flag, "Z"));
        poll.add(new JumpInsnNode(IFEQ, skip));
        poll.add(new MethodInsnNode(INVOKESTATIC, SAFE_POINT, "reached", "()V", false));
        poll.add(skip);
        return poll;
    }

    /**
     * The method's entry test. The safe-point flag is also set while any thread resumes, so the
     * normal path pays one read and one branch for both: {@code if (pending) { if (Resume.active)
     * dispatch; poll } start:}.
     */
    private InsnList prologue(LabelNode dispatchEntry, LabelNode start) {
        InsnList p = new InsnList();
        if (variant == Variant.CONSTRUCTOR_RESUME) {
            p.add(new JumpInsnNode(GOTO, dispatchEntry));
            p.add(start);
            return p;
        }
        p.add(new FieldInsnNode(GETSTATIC, SAFE_POINT, "entry", "Z"));
        p.add(new JumpInsnNode(IFEQ, start));
        p.add(new FieldInsnNode(GETSTATIC, RESUME, "active", "Z"));
        p.add(new JumpInsnNode(IFNE, dispatchEntry));
        p.add(start);
        return p;
    }

    private boolean hasCandidate() {
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof MethodInsnNode && isCandidate((MethodInsnNode) insn)) {
                return true;
            }
        }
        return false;
    }

    private boolean isCandidate(MethodInsnNode call) {
        if (call.owner.equals(POINT) || call.owner.equals(SAFE_POINT) || call.owner.equals(BlockingCalls.WAITS)) {
            return true;
        }
        return scope.mayEnterInstrumentedCode(call.getOpcode(), call.owner, call.name, call.desc, hierarchy);
    }

    /**
     * Whether {@code call} is a virtual call on an array (Kotlin's enum {@code values()} calls
     * {@code Object.clone()} so on its array): an array's methods are the JDK's, so no frame can
     * stand there, and a restore block could not re-issue it, since {@code Object.clone} is
     * protected and its receiver would be typed {@code Object}, which the verifier refuses for a
     * protected method of another package (JVMS 4.10.1.8).
     */
    private static boolean onArray(MethodInsnNode call, Frame<BasicValue> frame) {
        if (call.getOpcode() != INVOKEVIRTUAL) {
            return false;
        }
        int receiver = frame.getStackSize() - Type.getArgumentTypes(call.desc).length - 1;
        Type t = receiver >= 0 ? frame.getStack(receiver).getType() : null;
        return t != null && t.getSort() == Type.ARRAY;
    }

    /** Instructions reachable once the super(...)/this(...) call has returned. */
    private Set<AbstractInsnNode> reachableAfter(MethodInsnNode superCall, ControlFlow flow) {
        InsnList insns = method.instructions;
        Set<AbstractInsnNode> seen = new HashSet<>();
        List<Integer> work = new ArrayList<>();
        work.add(insns.indexOf(superCall) + 1);
        while (!work.isEmpty()) {
            int i = work.remove(work.size() - 1);
            if (i >= insns.size() || !seen.add(insns.get(i))) {
                continue;
            }
            work.addAll(flow.normalSuccessors(i));
            work.addAll(flow.handlers(i));
        }
        return seen;
    }

    private CallSite describe(int index, MethodInsnNode call, Frame<BasicValue>[] types, ControlFlow flow,
            int insnIndex, CallSite.ConstructorState state, List<Integer> held, int line,
            AllocationHoister hoister, BitSet live) {
        Frame<BasicValue> f = types[insnIndex];
        boolean instance = (method.access & ACC_STATIC) == 0;
        List<CallSite.Slot> locals = new ArrayList<>();
        List<Integer> nullLocals = new ArrayList<>();
        if (thisCopy >= 0 && f.getLocal(thisCopy).getType() != null) {
            // first, so that it is the record's first reference
            locals.add(new CallSite.Slot(thisCopy, f.getLocal(thisCopy).getType()));
        }
        for (int slot = 0; slot < f.getLocals(); slot++) {
            if (slot == 0 && state == CallSite.ConstructorState.BEFORE_SUPER || slot == thisCopy) {
                continue;
            }
            Type t = f.getLocal(slot).getType();
            // Only live locals are saved, and 'this' (a re-issued call's callee-this is the first
            // saved reference). A dead local is TOP on the restore paths of other call sites, so
            // saving it anywhere would break the frames those paths meet (JVMS 4.10.1.2).
            boolean needed = live.get(slot) || (slot == 0 && instance) || held.contains(slot)
                    || entryTest != null && slot < parameterSlots;
            if (t == null || !needed) {
                continue;
            }
            if (t.equals(TypedInterpreter.NULL_TYPE)) {
                nullLocals.add(slot);
            } else {
                locals.add(new CallSite.Slot(slot, t));
            }
        }
        CallSite.Receiver receiver;
        int receiverLocal = -1;
        boolean isInit = call.getOpcode() == INVOKESPECIAL && call.name.equals("<init>");
        int nargs = Type.getArgumentTypes(call.desc).length;
        if (isInit) {
            if (!hoister.hoisted.containsKey(call)) {
                return null;
            }
            receiver = CallSite.Receiver.CONSTRUCTED;
        } else if (call.getOpcode() == INVOKESTATIC) {
            receiver = CallSite.Receiver.NONE;
        } else if (call.getOpcode() == INVOKEINTERFACE && hierarchy.isFunctionalInterface(call.owner)) {
            // Even when the receiver is a stable local: a lambda's class may pass an argument on
            // as its callee's receiver (an unbound method reference, Fit::phenotype as a
            // Function), which the callee's own entry values cannot give back, so the re-issued
            // call takes every argument from this frame's record (FrameRecord.CALL_ARGUMENTS).
            receiver = CallSite.Receiver.SPILLED;
        } else {
            receiverLocal = stableReceiverLocal(types, flow, insnIndex, nargs, locals);
            receiver = receiverLocal >= 0 ? CallSite.Receiver.LOCAL : CallSite.Receiver.CALLEE_THIS;
        }
        int consumed = nargs + (isInit ? (hoister.hoisted.get(call).superCall ? 1 : 2)
                : call.getOpcode() == INVOKESTATIC ? 0 : 1);
        int below = f.getStackSize() - consumed;
        for (int k = 0; k < f.getStackSize(); k++) {
            Type t = f.getStack(k).getType();
            if (k < below && t == null) {
                return null;
            }
        }
        CallSite site = new CallSite(index, call, receiver, state, locals, nullLocals, held, line);
        site.receiverLocal = receiverLocal;
        if (entryTest != null) {
            site.methodFlags = FrameRecord.ENTRY_ARGUMENTS | (instance ? 0 : FrameRecord.STATIC_METHOD);
        }
        return site;
    }

    /**
     * The local a virtual call's receiver was loaded from, when the frame saves that local and it
     * still holds the receiver at the call; -1 otherwise. That is the case when the receiver is
     * pushed by an {@code aload} on the same straight line of code as the call, no instruction in
     * between takes the stack down to it or reorders values under the top (JVMS 6.5 swap, dup_x),
     * and the local is not written in between. The stack heights come from the type analysis: a
     * cheap scan instead of a second, source analysis, since this runs for every class as it loads.
     */
    private int stableReceiverLocal(Frame<BasicValue>[] types, ControlFlow flow, int insnIndex, int nargs,
            List<CallSite.Slot> savedLocals) {
        InsnList insns = method.instructions;
        int depth = types[insnIndex].getStackSize() - nargs - 1;
        int load = insnIndex - 1;
        while (load >= 0
                && (insns.get(load).getOpcode() < 0 || types[load] != null && types[load].getStackSize() > depth)) {
            load--;
        }
        if (load < 0 || types[load] == null || types[load].getStackSize() != depth
                || insns.get(load).getOpcode() != ALOAD || flow.joinsBetween(load, insnIndex)) {
            return -1;
        }
        int local = ((VarInsnNode) insns.get(load)).var;
        for (int k = load + 1; k < insnIndex; k++) {
            AbstractInsnNode insn = insns.get(k);
            int op = insn.getOpcode();
            if (op < 0) {
                continue;
            }
            if (op == SWAP || op >= DUP_X1 && op <= DUP2_X2 && op != DUP2
                    || insn instanceof IincInsnNode && ((IincInsnNode) insn).var == local
                    || op >= ISTORE && op <= ASTORE && ((VarInsnNode) insn).var == local) {
                return -1;
            }
            // The lowest the stack gets while the instruction runs: its height after, less what it pushed.
            if (op != DUP && op != DUP2 && types[k + 1].getStackSize() - pushes(insn) <= depth) {
                return -1;
            }
        }
        for (CallSite.Slot s : savedLocals) {
            if (s.index == local) {
                return local;
            }
        }
        return -1;
    }

    /** How many values an instruction other than dup and swap pushes: one or none (JVMS 6.5). */
    private static int pushes(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        if (insn instanceof MethodInsnNode) {
            return Type.getReturnType(((MethodInsnNode) insn).desc) == Type.VOID_TYPE ? 0 : 1;
        }
        if (op == INVOKEDYNAMIC) {
            return Type.getReturnType(((InvokeDynamicInsnNode) insn).desc) == Type.VOID_TYPE ? 0 : 1;
        }
        boolean none = op >= ISTORE && op <= POP2 || op == IINC || op >= IFEQ && op <= RETURN || op == PUTSTATIC
                || op == PUTFIELD || op == ATHROW || op == MONITORENTER || op == MONITOREXIT || op == IFNULL
                || op == IFNONNULL || op == NOP;
        return none ? 0 : 1;
    }

    private Result emit(List<CallSite> sites, Map<CallSite, Frame<BasicValue>> frames, AllocationHoister hoister) {
        InsnList insns = method.instructions;
        int recordLocal = method.maxLocals++;
        int objectLocal = method.maxLocals++;
        LabelNode start = new LabelNode();
        LabelNode dispatchEntry = new LabelNode();
        LabelNode dispatchSwitch = new LabelNode();
        LabelNode dispatchDefault = new LabelNode();
        Map<LabelNode, Integer> captureLabels = new IdentityHashMap<>();
        List<TryCatchBlockNode> ourHandlers = new ArrayList<>();
        InsnList tail = new InsnList();
        InsnList restores = new InsnList();
        List<TryCatchBlockNode> restoreHandlers = new ArrayList<>();
        LabelNode[] restoreLabels = new LabelNode[sites.size()];
        boolean afterSuperSites = false;
        // A constructor is never a thread's base frame (that is main or a run method), so only
        // other methods need the path that continues after a checkpoint taken in this JVM.
        LabelNode resumeInPlace = constructor ? null : new LabelNode();
        // With two sites or more, the handlers share their last instructions (5 bytes a site):
        // bytecode size decides what HotSpot inlines. Not in constructors, whose handlers before
        // and after super(...) see 'this' uninitialized and initialized, frames that cannot merge
        // (JVMS 4.10.1.4).
        LabelNode handlerEnd = sites.size() > 1 && !constructor ? new LabelNode() : null;

        for (CallSite site : sites) {
            Frame<BasicValue> f = frames.get(site);
            afterSuperSites |= site.constructorState == CallSite.ConstructorState.AFTER_SUPER;
            spill(site, f, hoister);
            insns.insertBefore(site.invoke, site.invokeStart);
            insns.insert(site.invoke, site.invokeEnd);
            captureLabels.put(site.invokeStart, site.index);

            LabelNode handler = new LabelNode();
            ourHandlers.add(new TryCatchBlockNode(site.invokeStart, site.invokeEnd, handler, UNWIND));
            tail.add(handler);
            emitHandler(tail, site, resumeInPlace, handlerEnd);

            if (resumesHere(site)) {
                LabelNode restore = new LabelNode();
                restoreLabels[site.index] = restore;
                restores.add(restore);
                emitRestore(restores, site, recordLocal, objectLocal, restoreHandlers, handler, captureLabels);
            }
        }

        List<LabelNode> unrecorded = new ArrayList<>();
        if (superCall != null && variant == Variant.ORIGINAL) {
            LabelNode at = new LabelNode();
            insns.insertBefore(superCall, at);
            unrecorded.add(at);
        }
        if (sites.isEmpty() && variant == Variant.ORIGINAL) {
            // Only the super(...) call matters: the frame is never recorded, so never re-entered.
            return new Result(sites, captureLabels, unrecorded, false);
        }

        if (entryPoll != null) {
            // Resume check inside the entry poll: reached only when the flag is set.
            InsnList check = new InsnList();
            check.add(new FieldInsnNode(GETSTATIC, RESUME, "active", "Z"));
            check.add(new JumpInsnNode(IFNE, dispatchEntry));
            insns.insert(entryPoll, check);
            start = entryPoll.label;
        } else {
            insns.insert(prologue(dispatchEntry, start));
        }

        if (handlerEnd != null) {
            tail.add(handlerEnd);
            emitHandlerEnd(tail, resumeInPlace);
        }
        if (resumeInPlace != null) {
            LabelNode test = entryTest;
            if (test == null) {
                test = new LabelNode();
                insns.insert(test);
            }
            emitResumeInPlace(tail, resumeInPlace, test);
        }
        tail.add(dispatchEntry);
        int resumeStart = tail.size();
        tail.add(new LdcInsnNode(key));
        if (variant == Variant.ORIGINAL) {
            tail.add(new MethodInsnNode(INVOKESTATIC, RESUME, "enter", "(Ljava/lang/String;)" + RECORD_DESC, false));
            tail.add(new InsnNode(DUP));
            tail.add(new VarInsnNode(ASTORE, recordLocal));
            tail.add(new JumpInsnNode(IFNULL, start));
        } else if (superCall != null) {
            LabelNode unrecordedResume = new LabelNode();
            tail.add(new MethodInsnNode(INVOKESTATIC, RESUME, "enterConstructor", "(Ljava/lang/String;)" + RECORD_DESC,
                    false));
            tail.add(new InsnNode(DUP));
            tail.add(new VarInsnNode(ASTORE, recordLocal));
            tail.add(new JumpInsnNode(IFNULL, unrecordedResume));
            tail.add(new JumpInsnNode(GOTO, dispatchSwitch));
            emitUnrecordedResume(tail, unrecordedResume, unrecorded);
        } else {
            tail.add(new MethodInsnNode(INVOKESTATIC, RESUME, "enterRequired",
                    "(Ljava/lang/String;)" + RECORD_DESC, false));
            tail.add(new VarInsnNode(ASTORE, recordLocal));
        }
        tail.add(dispatchSwitch);
        if (sites.isEmpty()) {
            tail.add(new JumpInsnNode(GOTO, dispatchDefault));
        } else {
            tail.add(new VarInsnNode(ALOAD, recordLocal));
            tail.add(new MethodInsnNode(INVOKEVIRTUAL, RECORD, "site", "()I", false));
            LabelNode[] targets = new LabelNode[sites.size()];
            for (int k = 0; k < targets.length; k++) {
                targets[k] = restoreLabels[k] != null ? restoreLabels[k] : dispatchDefault;
            }
            tail.add(new TableSwitchInsnNode(0, sites.size() - 1, dispatchDefault, targets));
        }
        tail.add(dispatchDefault);
        tail.add(new VarInsnNode(ALOAD, recordLocal));
        tail.add(new MethodInsnNode(INVOKESTATIC, RESUME, "unexpectedSite", "(" + RECORD_DESC + ")Ljava/lang/RuntimeException;",
                false));
        tail.add(new InsnNode(ATHROW));
        tail.add(restores);
        Set<AbstractInsnNode> resumeCode = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int k = resumeStart; k < tail.size(); k++) {
            resumeCode.add(tail.get(k));
        }
        insns.add(tail);
        ourHandlers.addAll(restoreHandlers);
        method.tryCatchBlocks.addAll(0, ourHandlers);
        return new Result(sites, captureLabels, unrecorded, afterSuperSites, resumeCode, restoreHandlers,
                dispatchEntry, dispatchSwitch, start, recordLocal, thisCopy >= 0);
    }

    /**
     * In a constructor's restore-only copy, when this constructor's frame was not recorded (it
     * waited in super(...) while the superclass constructor's body was captured): the copy was
     * called with the original arguments, so it continues the superclass constructor through that
     * class's copy and then runs the code after super(...).
     */
    private void emitUnrecordedResume(InsnList out, LabelNode here, List<LabelNode> unrecorded) {
        LabelNode afterSuper = new LabelNode();
        method.instructions.insert(superCall, afterSuper);
        LabelNode call = new LabelNode();
        out.add(here);
        out.add(new VarInsnNode(ALOAD, 0));
        for (Type t : Type.getArgumentTypes(superCall.desc)) {
            placeholder(out, t);
        }
        out.add(call);
        out.add(new MethodInsnNode(INVOKESPECIAL, superCall.owner, copyName(superCall.owner), superCall.desc, false));
        out.add(new JumpInsnNode(GOTO, afterSuper));
        unrecorded.add(call);
    }

    private boolean resumesHere(CallSite site) {
        switch (site.constructorState) {
            case NONE:
                return true;
            case BEFORE_SUPER:
                return variant == Variant.ORIGINAL;
            case AFTER_SUPER:
                return variant == Variant.CONSTRUCTOR_RESUME;
            default:
                return true;
        }
    }

    /**
     * Parks the values the call does not consume (and, where needed, its receiver) in fresh locals
     * right before the call, so the handler can save them and a restore can put them back.
     */
    private void spill(CallSite site, Frame<BasicValue> f, AllocationHoister hoister) {
        MethodInsnNode call = site.invoke;
        Type[] args = Type.getArgumentTypes(call.desc);
        AllocationHoister.Hoisted h = hoister.hoisted.get(call);
        int consumed = args.length + (h != null ? (h.superCall ? 1 : 2) : call.getOpcode() == INVOKESTATIC ? 0 : 1);
        int below = f.getStackSize() - consumed;
        boolean spillReceiver = site.receiver == CallSite.Receiver.SPILLED;
        if (h == null && below == 0 && !spillReceiver) {
            return;
        }
        InsnList stores = new InsnList();
        InsnList loads = new InsnList();
        List<CallSite.Slot> argTemps = new ArrayList<>();
        if (h == null) {
            for (int k = args.length - 1; k >= 0; k--) {
                Type t = f.getStack(f.getStackSize() - args.length + k).getType();
                argTemps.add(0, park(stores, t, args[k]));
            }
            if (call.getOpcode() != INVOKESTATIC) {
                Type t = f.getStack(below).getType();
                CallSite.Slot r = park(stores, t, receiverType(call));
                site.receiverTemp = r == null ? -1 : r.index;
            }
        }
        List<CallSite.Slot> stackTemps = new ArrayList<>();
        for (int k = below - 1; k >= 0; k--) {
            Type t = f.getStack(k).getType();
            stackTemps.add(0, park(stores, t, t));
        }
        for (CallSite.Slot s : stackTemps) {
            unpark(loads, s);
        }
        if (h == null) {
            if (call.getOpcode() != INVOKESTATIC) {
                if (site.receiverTemp >= 0) {
                    loads.add(new VarInsnNode(ALOAD, site.receiverTemp));
                } else {
                    loads.add(new InsnNode(ACONST_NULL));
                }
            }
            for (CallSite.Slot s : argTemps) {
                unpark(loads, s);
            }
            site.argTemps = argTemps;
            site.reload = new LabelNode();
            method.instructions.insertBefore(call, stores);
            method.instructions.insertBefore(call, site.reload);
            method.instructions.insertBefore(call, loads);
        } else {
            site.argTemps = h.argTemps;
            site.reload = h.reload;
            method.instructions.insertBefore(h.reload, stores);
            method.instructions.insert(h.reload, loads);
        }
        site.stackTemps = stackTemps;
    }

    /**
     * The type a restore block gives a call's receiver: the class being rewritten for {@code
     * invokespecial} (a {@code super.m()} or {@code Iface.super.m()} call, whose receiver must be
     * the current class or a subclass of it, JVMS 4.10.1.9), the method's owner otherwise.
     */
    private Type receiverType(MethodInsnNode call) {
        return Type.getObjectType(call.getOpcode() == INVOKESPECIAL ? owner : call.owner);
    }

    /** Stores the top of the stack into a fresh local; a known-null value is popped (null returned). */
    private CallSite.Slot park(InsnList out, Type valueType, Type declared) {
        if (valueType != null && valueType.equals(TypedInterpreter.NULL_TYPE)) {
            out.add(new InsnNode(POP));
            return null;
        }
        Type t = valueType != null ? valueType : declared;
        CallSite.Slot slot = new CallSite.Slot(method.maxLocals, t);
        method.maxLocals += t.getSize();
        out.add(new VarInsnNode(t.getOpcode(ISTORE), slot.index));
        return slot;
    }

    private static void unpark(InsnList out, CallSite.Slot s) {
        if (s == null) {
            out.add(new InsnNode(ACONST_NULL));
        } else {
            out.add(new VarInsnNode(s.type.getOpcode(ILOAD), s.index));
        }
    }

    private void emitHandler(InsnList out, CallSite site, LabelNode resumeInPlace, LabelNode sharedEnd) {
        out.add(new LdcInsnNode(key));
        out.add(new LdcInsnNode(site.siteWord()));
        out.add(new MethodInsnNode(INVOKESTATIC, RECORD, "begin",
                "(L" + UNWIND + ";Ljava/lang/String;I)" + RECORD_DESC, false));
        for (CallSite.Slot s : site.locals) {
            save(out, s);
        }
        for (CallSite.Slot s : site.stackTemps) {
            if (s != null) {
                save(out, s);
            }
        }
        if (site.receiverTemp >= 0) {
            save(out, new CallSite.Slot(site.receiverTemp, TypedInterpreter.OBJECT));
        }
        if (site.receiver == CallSite.Receiver.CONSTRUCTED) {
            // The constructor's arguments: its restore-only copy may need them (see
            // nothingLiveAcrossWrittenBefore), since the constructor's own frame may be unrecorded.
            for (CallSite.Slot s : site.argTemps) {
                save(out, s);
            }
        } else if (site.receiver == CallSite.Receiver.SPILLED) {
            // A call on a functional interface: a lambda's class may pass an argument on as the
            // callee's receiver, so the re-issued call needs them all (FrameRecord.CALL_ARGUMENTS).
            for (CallSite.Slot s : site.argTemps) {
                if (s != null) {
                    save(out, s);
                }
            }
        }
        for (int k = site.monitors.size() - 1; k >= 0; k--) {
            out.add(new VarInsnNode(ALOAD, site.monitors.get(k)));
            out.add(new InsnNode(MONITOREXIT));
        }
        if (sharedEnd != null) {
            out.add(new JumpInsnNode(GOTO, sharedEnd));
        } else {
            emitHandlerEnd(out, resumeInPlace);
        }
    }

    /**
     * The end of an unwind handler, the record on the stack: completes the record and rethrows,
     * or, in the base frame of a checkpoint the thread goes on from, resumes in place.
     */
    private static void emitHandlerEnd(InsnList out, LabelNode resumeInPlace) {
        out.add(new MethodInsnNode(INVOKEVIRTUAL, RECORD, "end", "()L" + UNWIND + ";", false));
        if (resumeInPlace != null) {
            out.add(new InsnNode(DUP));
            out.add(new JumpInsnNode(IFNULL, resumeInPlace));
        }
        out.add(new InsnNode(ATHROW));
    }

    /**
     * Where a base frame's handler goes when the thread is to continue after the checkpoint: back
     * to the entry test (at the method's first instruction, or where its {@link PurePrefix} ends),
     * which sees the resume and dispatches to this frame's record. Not to the first instruction
     * when the test stands past the prefix: the prefix would run again on the locals of the call,
     * not the arguments, and might return. Going through the entry test rather than straight to
     * the dispatch switch keeps the method's control flow reducible: every cycle through an unwind
     * handler then passes the test, which dominates every call. HotSpot's C1 gives up on a method
     * whose exception handlers sit on a cycle with a second entry ("block join failed"), and such
     * a method would run interpreted until C2 compiles it.
     */
    private static void emitResumeInPlace(InsnList out, LabelNode resumeInPlace, LabelNode entryTest) {
        out.add(resumeInPlace);
        out.add(new InsnNode(POP));
        out.add(new JumpInsnNode(GOTO, entryTest));
    }

    private static void save(InsnList out, CallSite.Slot s) {
        out.add(new VarInsnNode(s.type.getOpcode(ILOAD), s.index));
        String name;
        String desc;
        switch (s.type.getSort()) {
            case Type.LONG:
                name = "j";
                desc = "J";
                break;
            case Type.FLOAT:
                name = "f";
                desc = "F";
                break;
            case Type.DOUBLE:
                name = "d";
                desc = "D";
                break;
            case Type.OBJECT:
            case Type.ARRAY:
                name = "a";
                desc = "Ljava/lang/Object;";
                break;
            default:
                name = "i";
                desc = "I";
                break;
        }
        out.add(new MethodInsnNode(INVOKEVIRTUAL, RECORD, name, "(" + desc + ")" + RECORD_DESC, false));
    }

    private void load(InsnList out, CallSite.Slot s, int recordLocal) {
        out.add(new VarInsnNode(ALOAD, recordLocal));
        switch (s.type.getSort()) {
            case Type.LONG:
                out.add(new MethodInsnNode(INVOKEVIRTUAL, RECORD, "nextLong", "()J", false));
                break;
            case Type.FLOAT:
                out.add(new MethodInsnNode(INVOKEVIRTUAL, RECORD, "nextFloat", "()F", false));
                break;
            case Type.DOUBLE:
                out.add(new MethodInsnNode(INVOKEVIRTUAL, RECORD, "nextDouble", "()D", false));
                break;
            case Type.OBJECT:
            case Type.ARRAY:
                out.add(new MethodInsnNode(INVOKEVIRTUAL, RECORD, "nextObject", "()Ljava/lang/Object;", false));
                Type cast = castType(s.type);
                if (!cast.equals(TypedInterpreter.OBJECT)) {
                    out.add(new TypeInsnNode(CHECKCAST, cast.getInternalName()));
                }
                break;
            default:
                out.add(new MethodInsnNode(INVOKEVIRTUAL, RECORD, "nextInt", "()I", false));
                break;
        }
        out.add(new VarInsnNode(s.type.getOpcode(ISTORE), s.index));
    }

    /** Pushes a zero or null of type {@code t}: an argument nobody reads. */
    static void placeholder(InsnList out, Type t) {
        switch (t.getSort()) {
            case Type.LONG:
                out.add(new InsnNode(LCONST_0));
                break;
            case Type.FLOAT:
                out.add(new InsnNode(FCONST_0));
                break;
            case Type.DOUBLE:
                out.add(new InsnNode(DCONST_0));
                break;
            case Type.OBJECT:
            case Type.ARRAY:
                out.add(new InsnNode(ACONST_NULL));
                break;
            default:
                out.add(new InsnNode(ICONST_0));
                break;
        }
    }

    /**
     * The type a restore block casts a saved reference to: the type the analysis inferred, or,
     * when that is a class this code may not name (the package-private superclass two branches
     * merge to; see {@link ClassHierarchy#accessibleType}), its nearest superclass it may name,
     * which satisfies every use of the value unless the method passes it where a descriptor names
     * an inaccessible class. Such a method keeps the inferred type: its frames could not verify
     * otherwise.
     */
    private Type castType(Type inferred) {
        Type cast = hierarchy.accessibleType(inferred, owner);
        if (cast.equals(inferred)) {
            return inferred;
        }
        if (descriptorsNameInaccessibleClass == null) {
            descriptorsNameInaccessibleClass = descriptorsNameInaccessibleClass();
        }
        return descriptorsNameInaccessibleClass ? inferred : cast;
    }

    private boolean descriptorsNameInaccessibleClass() {
        for (AbstractInsnNode insn : method.instructions) {
            String desc = insn instanceof MethodInsnNode ? ((MethodInsnNode) insn).desc
                    : insn instanceof FieldInsnNode ? ((FieldInsnNode) insn).desc
                    : insn instanceof InvokeDynamicInsnNode ? ((InvokeDynamicInsnNode) insn).desc : null;
            if (desc == null) {
                continue;
            }
            Type t = Type.getType(desc);
            List<Type> types = new ArrayList<>();
            if (t.getSort() == Type.METHOD) {
                types.addAll(Arrays.asList(t.getArgumentTypes()));
                types.add(t.getReturnType());
            } else {
                types.add(t);
            }
            for (Type named : types) {
                Type element = named.getSort() == Type.ARRAY ? named.getElementType() : named;
                if (element.getSort() == Type.OBJECT && !hierarchy.mayName(element.getInternalName(), owner)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Pushes an argument of a call being re-issued: the callee's entry value {@code fromEnd}
     * places from the end of its arguments ({@code CallArguments}), converted to the call's type,
     * or, when {@code savedIn} is the local of a record that holds the call's arguments ({@code
     * FrameRecord.CALL_ARGUMENTS}), the next value of that record. Stasis's own calls (safe
     * points, checkpoint points, waits) get a placeholder.
     */
    private void argument(InsnList out, MethodInsnNode call, Type t, int fromEnd, int savedIn) {
        if (call.owner.startsWith("dev/stasis/")) {
            placeholder(out, t);
            return;
        }
        String record = "";
        if (savedIn >= 0) {
            out.add(new VarInsnNode(ALOAD, savedIn));
            record = RECORD_DESC;
        }
        out.add(fromEnd <= 5 ? new InsnNode(ICONST_0 + fromEnd) : new IntInsnNode(SIPUSH, fromEnd));
        switch (t.getSort()) {
            case Type.LONG:
                out.add(new MethodInsnNode(INVOKESTATIC, ARGUMENTS, "j", "(" + record + "I)J", false));
                return;
            case Type.FLOAT:
                out.add(new MethodInsnNode(INVOKESTATIC, ARGUMENTS, "f", "(" + record + "I)F", false));
                return;
            case Type.DOUBLE:
                out.add(new MethodInsnNode(INVOKESTATIC, ARGUMENTS, "d", "(" + record + "I)D", false));
                return;
            case Type.OBJECT:
            case Type.ARRAY:
                break;
            default:
                // boolean, char, byte, short and int are all ints on the operand stack (JVMS 2.11.1)
                out.add(new MethodInsnNode(INVOKESTATIC, ARGUMENTS, "i", "(" + record + "I)I", false));
                return;
        }
        char box = boxedPrimitive(t);
        if (box != 0) {
            out.add(new IntInsnNode(BIPUSH, box));
            out.add(new MethodInsnNode(INVOKESTATIC, ARGUMENTS, "boxed", "(" + record + "IC)Ljava/lang/Object;", false));
        } else {
            out.add(new MethodInsnNode(INVOKESTATIC, ARGUMENTS, "a", "(" + record + "I)Ljava/lang/Object;", false));
        }
        if (!hierarchy.accessibleType(t, owner).equals(t)) {
            // a parameter of a class this code may not name (JVMS 5.4.4) cannot be cast to: null is
            // assignable to it, and a callee that restores its own locals does not read it
            out.add(new InsnNode(POP));
            out.add(new InsnNode(ACONST_NULL));
            return;
        }
        if (!t.equals(TypedInterpreter.OBJECT)) {
            out.add(new TypeInsnNode(CHECKCAST, t.getInternalName()));
        }
    }

    /** The descriptor letter of the primitive a box class holds, or 0 for other types. */
    private static char boxedPrimitive(Type t) {
        switch (t.getDescriptor()) {
            case "Ljava/lang/Boolean;":
                return 'Z';
            case "Ljava/lang/Character;":
                return 'C';
            case "Ljava/lang/Byte;":
                return 'B';
            case "Ljava/lang/Short;":
                return 'S';
            case "Ljava/lang/Integer;":
                return 'I';
            case "Ljava/lang/Long;":
                return 'J';
            case "Ljava/lang/Float;":
                return 'F';
            case "Ljava/lang/Double;":
                return 'D';
            default:
                return 0;
        }
    }

    private void emitRestore(InsnList out, CallSite site, int recordLocal, int objectLocal,
            List<TryCatchBlockNode> restoreHandlers, LabelNode handler, Map<LabelNode, Integer> captureLabels) {
        for (CallSite.Slot s : site.locals) {
            load(out, s, recordLocal);
        }
        for (int slot : site.nullLocals) {
            out.add(new InsnNode(ACONST_NULL));
            out.add(new VarInsnNode(ASTORE, slot));
        }
        for (CallSite.Slot s : site.stackTemps) {
            if (s != null) {
                load(out, s, recordLocal);
            }
        }
        if (site.receiverTemp >= 0) {
            load(out, new CallSite.Slot(site.receiverTemp, receiverType(site.invoke)), recordLocal);
        }
        for (int m : site.monitors) {
            out.add(new VarInsnNode(ALOAD, m));
            out.add(new InsnNode(MONITORENTER));
        }
        MethodInsnNode call = site.invoke;
        Type[] args = Type.getArgumentTypes(call.desc);
        if (site.receiver == CallSite.Receiver.CONSTRUCTED) {
            for (CallSite.Slot s : site.argTemps) {
                load(out, s, recordLocal);
            }
            LabelNode fresh = new LabelNode();
            out.add(new MethodInsnNode(INVOKESTATIC, RESUME, "constructedObject", "()Ljava/lang/Object;", false));
            out.add(new InsnNode(DUP));
            out.add(new VarInsnNode(ASTORE, objectLocal));
            out.add(new JumpInsnNode(IFNULL, fresh));
            for (CallSite.Slot s : site.stackTemps) {
                unpark(out, s);
            }
            out.add(new VarInsnNode(ALOAD, objectLocal));
            out.add(new TypeInsnNode(CHECKCAST, call.owner));
            out.add(new InsnNode(DUP));
            for (CallSite.Slot s : site.argTemps) {
                unpark(out, s);
            }
            LabelNode callStart = new LabelNode();
            LabelNode callEnd = new LabelNode();
            out.add(callStart);
            out.add(new MethodInsnNode(INVOKEVIRTUAL, call.owner, copyName(call.owner), call.desc, false));
            out.add(callEnd);
            out.add(new JumpInsnNode(GOTO, site.invokeEnd));
            restoreHandlers.add(new TryCatchBlockNode(callStart, callEnd, handler, UNWIND));
            captureLabels.put(callStart, site.index);
            out.add(fresh);
            out.add(new JumpInsnNode(GOTO, site.reload));
            return;
        }
        if (site.reload != null) {
            int savedIn = site.receiver == CallSite.Receiver.SPILLED ? recordLocal : -1;
            for (int k = 0; k < args.length; k++) {
                CallSite.Slot s = site.argTemps.get(k);
                if (s != null) {
                    argument(out, call, s.type, args.length - k, savedIn);
                    out.add(new VarInsnNode(s.type.getOpcode(ISTORE), s.index));
                }
            }
            out.add(new JumpInsnNode(GOTO, site.reload));
            return;
        }
        switch (site.receiver) {
            case LOCAL:
                out.add(new VarInsnNode(ALOAD, site.receiverLocal));
                break;
            case CALLEE_THIS:
                out.add(new MethodInsnNode(INVOKESTATIC, RESUME, "calleeThis", "()Ljava/lang/Object;", false));
                out.add(new TypeInsnNode(CHECKCAST, receiverType(call).getInternalName()));
                break;
            default:
                break;
        }
        for (int k = 0; k < args.length; k++) {
            argument(out, call, args[k], args.length - k, -1);
        }
        out.add(new JumpInsnNode(GOTO, site.invokeStart));
    }
}

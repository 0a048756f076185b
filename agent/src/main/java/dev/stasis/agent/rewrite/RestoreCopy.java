package dev.stasis.agent.rewrite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Moves the code only a resume runs (a rewritten method's dispatch and restore blocks, about half
 * of what the rewriting adds) out of a rewritten method, into a restore-only copy. The method
 * keeps its normal path and its unwind handlers, so it is captured as before and runs as fast as
 * before, in less code: a method that the rewriting pushed past HotSpot's {@code FreqInlineSize}
 * (325 bytes, above which C2 never inlines a callee, however hot) often fits under it again.
 *
 * <p>Every method with resume code is split, not only those: the restore blocks jump into the
 * middle of the method, before each call site, and at each such join HotSpot's C1 compiler makes
 * a new value of every local live there, which, living across the call, gets a stack slot of its
 * own in the frame (C1 does not share spill slots). C1-compiled frames of rewritten methods were
 * 2 to 2.5 times those of the original method: 224 bytes against 112 for a two-argument
 * recursive method, 1008 against 448 for one of a dozen locals, whose recursion overflowed the
 * default stack at half the depth it reached without the agent (1 071 calls against 2 184, once
 * C1 had compiled it). Split, the method's frame is the original's again (464 bytes); the
 * restore-only copy, run only while a frame is resumed, has the large frame.
 *
 * <p>The copy is the whole instrumented method: a private synthetic method of the same class and
 * kind (static or instance), named for the method ({@code walk$resumed}: stack traces taken in a
 * resumed frame show it above the method), whose descriptor is the method's own with the frame's
 * record as one more parameter. The method calls it on {@code
 * this} (so one that stores into local 0 is not split), and no parameter type is added but
 * Stasis's record: frameworks that look at every declared method's parameter types (Groovy's
 * metaclasses) see nothing of the class's own. It is entered at its dispatch switch, and every
 * restore block reloads what the frame holds, so the method passes placeholders for its
 * parameters: its locals may hold other types than its parameters by the time a checkpoint it
 * continues after re-enters it (JVMS 4.10.1.4). It registers under the method's key, so its
 * records are the method's, and a resumed frame that is captured again in the copy is resumed in
 * the copy again. While it runs, the method's frame waits below it at the call, unrecorded: a
 * resumed thread has one more frame for each method resumed in a copy, until that method returns.
 */
final class RestoreCopy implements Opcodes {

    /**
     * What the copy's name adds to the method's. Not the method's own name: frameworks that look at
     * every declared method compare those of the same name by their parameter types, and Groovy,
     * meeting a closure class, resolves each such type first, a closure type included, whose
     * methods it then compares: with a copy beside each method of {@code groovy.lang.Closure}, such
     * as {@code leftShift(Closure)}, it recursed on {@code Closure} until the stack overflowed.
     */
    static final String COPY_SUFFIX = "$resumed";

    /** A method split from its restore-only copy. */
    record Split(MethodNode method, MethodInstrumenter.Result methodResult, MethodNode copy,
            MethodInstrumenter.Result copyResult) {
    }

    private RestoreCopy() {
    }

    /**
     * Splits {@code work}, which {@code result} describes; null when it has no resume code, stores
     * into {@code this}, or the copy's name and descriptor are {@code taken} (a method of the same
     * name with the same parameters and a record after them). {@code work} becomes the copy.
     */
    static Split of(String owner, boolean isInterface, String key, MethodNode work, MethodInstrumenter.Result result,
            Set<String> taken) {
        if (result.dispatchEntry == null || result.resumeCode.isEmpty() || result.thisOverwritten) {
            return null;
        }
        boolean instance = (work.access & ACC_STATIC) == 0;
        Type type = Type.getMethodType(work.desc);
        String copyDesc = "(" + work.desc.substring(1, work.desc.indexOf(')')) + MethodInstrumenter.RECORD_DESC
                + ")" + type.getReturnType().getDescriptor();
        String copyName = work.name + COPY_SUFFIX;
        if (taken.contains(copyName + copyDesc)) {
            return null;
        }
        Map<LabelNode, LabelNode> labels = new HashMap<>();
        MethodNode method = MethodCopy.of(work, labels);
        LabelNode call = shrink(work, method, labels, result, key, owner, isInterface, copyName, copyDesc, instance,
                type);
        taken.add(copyName + copyDesc);
        Map<LabelNode, Integer> captureLabels = new IdentityHashMap<>();
        for (Map.Entry<LabelNode, Integer> e : result.captureLabels.entrySet()) {
            if (!result.resumeCode.contains(e.getKey())) {
                captureLabels.put(labels.get(e.getKey()), e.getValue());
            }
        }
        List<LabelNode> unrecorded = new ArrayList<>();
        unrecorded.add(call);
        MethodInstrumenter.Result methodResult = new MethodInstrumenter.Result(result.sites, captureLabels,
                unrecorded, false);
        becomeCopy(work, result, copyName, copyDesc,
                (Type.getArgumentsAndReturnSizes(work.desc) >> 2) - (instance ? 0 : 1));
        return new Split(method, methodResult, work, result);
    }

    /**
     * Takes the resume code out of {@code method}, a copy of {@code work} made with {@code labels},
     * and puts in its place the call to the copy: {@code record = Resume.enter(key); if (record ==
     * null) goto start; return this.copy(placeholders, record)}. Returns the label of that call.
     */
    private static LabelNode shrink(MethodNode work, MethodNode method, Map<LabelNode, LabelNode> labels,
            MethodInstrumenter.Result result, String key, String owner, boolean isInterface, String copyName,
            String copyDesc, boolean instance, Type type) {
        AbstractInsnNode[] from = work.instructions.toArray();
        AbstractInsnNode[] to = method.instructions.toArray();
        int firstLine = -1;
        for (int k = 0; k < from.length; k++) {
            if (firstLine < 0 && to[k] instanceof LineNumberNode) {
                firstLine = ((LineNumberNode) to[k]).line;
            }
            if (result.resumeCode.contains(from[k])) {
                method.instructions.remove(to[k]);
            }
        }
        for (int k = work.tryCatchBlocks.size() - 1; k >= 0; k--) {
            if (result.resumeHandlers.contains(work.tryCatchBlocks.get(k))) {
                method.tryCatchBlocks.remove(k);
            }
        }
        InsnList dispatch = new InsnList();
        if (firstLine >= 0) {
            // The method's frame below the copy's: shown in stack traces at the method's first line.
            LabelNode line = new LabelNode();
            dispatch.add(line);
            dispatch.add(new LineNumberNode(firstLine, line));
        }
        dispatch.add(new LdcInsnNode(key));
        dispatch.add(new MethodInsnNode(INVOKESTATIC, MethodInstrumenter.RESUME, "enter",
                "(Ljava/lang/String;)" + MethodInstrumenter.RECORD_DESC, false));
        dispatch.add(new InsnNode(DUP));
        dispatch.add(new VarInsnNode(ASTORE, result.recordLocal));
        dispatch.add(new JumpInsnNode(IFNULL, labels.get(result.start)));
        if (instance) {
            // local 0 is never written in this method, so it holds 'this' on every path (JVMS 2.6.1)
            dispatch.add(new VarInsnNode(ALOAD, 0));
        }
        for (Type t : type.getArgumentTypes()) {
            MethodInstrumenter.placeholder(dispatch, t);
        }
        dispatch.add(new VarInsnNode(ALOAD, result.recordLocal));
        LabelNode call = new LabelNode();
        dispatch.add(call);
        dispatch.add(new MethodInsnNode(instance ? INVOKESPECIAL : INVOKESTATIC, owner, copyName, copyDesc,
                isInterface));
        dispatch.add(new InsnNode(type.getReturnType().getOpcode(IRETURN)));
        method.instructions.insert(labels.get(result.dispatchEntry), dispatch);
        return call;
    }

    /**
     * Makes {@code work} the copy: entered at its dispatch switch with the record passed in slot
     * {@code recordParameter}, with nothing a reflective caller or a framework could take for the
     * method (no annotations, signature, parameter names or thrown types).
     */
    private static void becomeCopy(MethodNode work, MethodInstrumenter.Result result, String copyName,
            String copyDesc, int recordParameter) {
        InsnList entry = new InsnList();
        entry.add(new VarInsnNode(ALOAD, recordParameter));
        entry.add(new VarInsnNode(ASTORE, result.recordLocal));
        entry.add(new JumpInsnNode(GOTO, result.dispatchSwitch));
        work.instructions.insert(entry);
        work.access = ACC_PRIVATE | ACC_SYNTHETIC | (work.access & (ACC_STATIC | ACC_STRICT));
        work.name = copyName;
        work.desc = copyDesc;
        work.signature = null;
        work.exceptions = new ArrayList<>();
        work.parameters = null;
        work.localVariables = null;
        work.visibleAnnotations = null;
        work.invisibleAnnotations = null;
        work.visibleTypeAnnotations = null;
        work.invisibleTypeAnnotations = null;
        work.visibleParameterAnnotations = null;
        work.invisibleParameterAnnotations = null;
        work.visibleAnnotableParameterCount = 0;
        work.invisibleAnnotableParameterCount = 0;
        work.visibleLocalVariableAnnotations = null;
        work.invisibleLocalVariableAnnotations = null;
        work.annotationDefault = null;
        work.attrs = null;
        work.maxLocals = Math.max(work.maxLocals, recordParameter + 1);
    }
}

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
 * of what the rewriting adds) out of a method that it pushed past HotSpot's {@code
 * FreqInlineSize} (325 bytes, above which C2 never inlines a callee, however hot), into a
 * restore-only copy, when what is left fits under that size again. The method keeps its normal
 * path and its unwind handlers, so it is captured as before and runs as fast as before.
 *
 * <p>The copy is the whole instrumented method: a private synthetic method of the same class,
 * name and kind (static or instance), so stack traces name the method, whose descriptor is the
 * method's own with the frame's record as one more parameter. The method calls it on {@code
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

    /** HotSpot's {@code FreqInlineSize} on x86-64 and AArch64: C2 inlines no larger callee. */
    static final int FREQ_INLINE_SIZE = 325;

    /** A method split from its restore-only copy. */
    record Split(MethodNode method, MethodInstrumenter.Result methodResult, MethodNode copy,
            MethodInstrumenter.Result copyResult) {
    }

    private RestoreCopy() {
    }

    /**
     * Splits {@code work}, which {@code result} describes, when it is over {@link
     * #FREQ_INLINE_SIZE} and would be under it without its resume code; null otherwise, or when
     * the copy's name and descriptor are {@code taken} (a method of the same name with the same
     * parameters and a record after them). {@code work} becomes the copy. Most rewritten methods
     * are small: the cheap bound on their length settles them without writing them out.
     */
    static Split of(String owner, boolean isInterface, String key, MethodNode work, MethodInstrumenter.Result result,
            Set<String> taken) {
        if (result.dispatchEntry == null || result.resumeCode.isEmpty() || result.thisOverwritten
                || CodeSize.upperBound(work) <= FREQ_INLINE_SIZE || CodeSize.of(work) <= FREQ_INLINE_SIZE) {
            return null;
        }
        boolean instance = (work.access & ACC_STATIC) == 0;
        Type type = Type.getMethodType(work.desc);
        String copyDesc = "(" + work.desc.substring(1, work.desc.indexOf(')')) + MethodInstrumenter.RECORD_DESC
                + ")" + type.getReturnType().getDescriptor();
        if (taken.contains(work.name + copyDesc)) {
            return null;
        }
        Map<LabelNode, LabelNode> labels = new HashMap<>();
        MethodNode method = MethodCopy.of(work, labels);
        LabelNode call = shrink(work, method, labels, result, key, owner, isInterface, copyDesc, instance, type);
        if (CodeSize.of(method) > FREQ_INLINE_SIZE) {
            return null;
        }
        taken.add(work.name + copyDesc);
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
        becomeCopy(work, result, copyDesc, (Type.getArgumentsAndReturnSizes(work.desc) >> 2) - (instance ? 0 : 1));
        return new Split(method, methodResult, work, result);
    }

    /**
     * Takes the resume code out of {@code method}, a copy of {@code work} made with {@code labels},
     * and puts in its place the call to the copy: {@code record = Resume.enter(key); if (record ==
     * null) goto start; return this.copy(placeholders, record)}. Returns the label of that call.
     */
    private static LabelNode shrink(MethodNode work, MethodNode method, Map<LabelNode, LabelNode> labels,
            MethodInstrumenter.Result result, String key, String owner, boolean isInterface, String copyDesc,
            boolean instance, Type type) {
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
        dispatch.add(new MethodInsnNode(instance ? INVOKESPECIAL : INVOKESTATIC, owner, work.name, copyDesc,
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
    private static void becomeCopy(MethodNode work, MethodInstrumenter.Result result, String copyDesc,
            int recordParameter) {
        InsnList entry = new InsnList();
        entry.add(new VarInsnNode(ALOAD, recordParameter));
        entry.add(new VarInsnNode(ASTORE, result.recordLocal));
        entry.add(new JumpInsnNode(GOTO, result.dispatchSwitch));
        work.instructions.insert(entry);
        work.access = ACC_PRIVATE | ACC_SYNTHETIC | (work.access & (ACC_STATIC | ACC_STRICT));
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

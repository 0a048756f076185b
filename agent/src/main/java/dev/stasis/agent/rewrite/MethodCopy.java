package dev.stasis.agent.rewrite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * A deep copy of a method with fresh labels. Instrumentation works on a copy so a method that
 * cannot be analysed stays exactly as it was, and a constructor's restore-only copy must not
 * share labels with the constructor (a label has one offset, in one method).
 */
final class MethodCopy {

    private MethodCopy() {
    }

    static MethodNode of(MethodNode m) {
        return of(m, new HashMap<>());
    }

    /**
     * The copy; {@code labels} receives each label of {@code m} with its copy. The copy's
     * instructions and exception-table entries stand in the same order as the method's.
     */
    static MethodNode of(MethodNode m, Map<LabelNode, LabelNode> labels) {
        MethodNode c = new MethodNode(m.access, m.name, m.desc, m.signature,
                m.exceptions == null ? null : m.exceptions.toArray(new String[0]));
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof LabelNode) {
                labels.put((LabelNode) insn, new LabelNode());
            }
        }
        for (AbstractInsnNode insn : m.instructions) {
            c.instructions.add(insn.clone(labels));
        }
        c.tryCatchBlocks = new ArrayList<>();
        for (TryCatchBlockNode t : m.tryCatchBlocks) {
            TryCatchBlockNode n = new TryCatchBlockNode(labels.get(t.start), labels.get(t.end), labels.get(t.handler),
                    t.type);
            n.visibleTypeAnnotations = t.visibleTypeAnnotations;
            n.invisibleTypeAnnotations = t.invisibleTypeAnnotations;
            c.tryCatchBlocks.add(n);
        }
        if (m.localVariables != null) {
            c.localVariables = new ArrayList<>();
            for (LocalVariableNode v : m.localVariables) {
                c.localVariables.add(new LocalVariableNode(v.name, v.desc, v.signature, labels.get(v.start),
                        labels.get(v.end), v.index));
            }
        }
        c.parameters = m.parameters;
        c.visibleAnnotations = m.visibleAnnotations;
        c.invisibleAnnotations = m.invisibleAnnotations;
        c.visibleParameterAnnotations = m.visibleParameterAnnotations;
        c.invisibleParameterAnnotations = m.invisibleParameterAnnotations;
        c.visibleAnnotableParameterCount = m.visibleAnnotableParameterCount;
        c.invisibleAnnotableParameterCount = m.invisibleAnnotableParameterCount;
        c.visibleTypeAnnotations = m.visibleTypeAnnotations;
        c.invisibleTypeAnnotations = m.invisibleTypeAnnotations;
        c.annotationDefault = m.annotationDefault;
        c.attrs = m.attrs;
        c.maxLocals = m.maxLocals;
        c.maxStack = m.maxStack;
        return c;
    }
}

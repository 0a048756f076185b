package dev.stasis.agent.rewrite;

import java.util.BitSet;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Which locals are live (may be read before being written) after each instruction: a frame only
 * needs to save those. A classic backward data-flow over the instructions, with exception edges
 * from every instruction in a try range to its handler.
 */
final class Liveness implements Opcodes {

    private final BitSet[] liveIn;
    private final ControlFlow flow;

    Liveness(MethodNode method, ControlFlow flow) {
        InsnList insns = method.instructions;
        int n = insns.size();
        this.flow = flow;
        liveIn = new BitSet[n];
        for (int i = 0; i < n; i++) {
            liveIn[i] = new BitSet();
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = n - 1; i >= 0; i--) {
                BitSet in = liveOut(i);
                AbstractInsnNode insn = insns.get(i);
                if (insn instanceof VarInsnNode) {
                    int var = ((VarInsnNode) insn).var;
                    int op = insn.getOpcode();
                    if (op >= ISTORE && op <= ASTORE) {
                        in.clear(var);
                    } else {
                        in.set(var);
                    }
                } else if (insn instanceof IincInsnNode) {
                    in.set(((IincInsnNode) insn).var);
                }
                if (!in.equals(liveIn[i])) {
                    liveIn[i] = in;
                    changed = true;
                }
            }
        }
    }

    /** The locals live right after instruction {@code index} executes normally or throws. */
    BitSet liveOut(int index) {
        BitSet out = new BitSet();
        for (int s : flow.normalSuccessors(index)) {
            out.or(liveIn[s]);
        }
        for (int h : flow.handlers(index)) {
            out.or(liveIn[h]);
        }
        return out;
    }
}

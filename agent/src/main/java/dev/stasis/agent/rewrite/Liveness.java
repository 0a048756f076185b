package dev.stasis.agent.rewrite;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Which locals are live (may be read before being written) after each instruction: a frame only
 * needs to save those. A classic backward data-flow over the instructions, with exception edges
 * from every instruction in a try range to its handler.
 */
final class Liveness implements Opcodes {

    private final BitSet[] liveIn;
    private final List<List<Integer>> successors;

    Liveness(MethodNode method) {
        InsnList insns = method.instructions;
        int n = insns.size();
        liveIn = new BitSet[n];
        successors = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            liveIn[i] = new BitSet();
            successors.add(new ArrayList<>(2));
        }
        for (int i = 0; i < n; i++) {
            AbstractInsnNode insn = insns.get(i);
            List<Integer> succ = successors.get(i);
            int op = insn.getOpcode();
            if (insn instanceof JumpInsnNode) {
                succ.add(insns.indexOf(((JumpInsnNode) insn).label));
                if (op != GOTO) {
                    succ.add(i + 1);
                }
            } else if (insn instanceof TableSwitchInsnNode) {
                succ.add(insns.indexOf(((TableSwitchInsnNode) insn).dflt));
                for (LabelNode l : ((TableSwitchInsnNode) insn).labels) {
                    succ.add(insns.indexOf(l));
                }
            } else if (insn instanceof LookupSwitchInsnNode) {
                succ.add(insns.indexOf(((LookupSwitchInsnNode) insn).dflt));
                for (LabelNode l : ((LookupSwitchInsnNode) insn).labels) {
                    succ.add(insns.indexOf(l));
                }
            } else if (!(op == ATHROW || (op >= IRETURN && op <= RETURN)) && i + 1 < n) {
                succ.add(i + 1);
            }
        }
        for (TryCatchBlockNode tcb : method.tryCatchBlocks) {
            int handler = insns.indexOf(tcb.handler);
            for (int i = insns.indexOf(tcb.start); i < insns.indexOf(tcb.end); i++) {
                successors.get(i).add(handler);
            }
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
        for (int s : successors.get(index)) {
            if (s >= 0 && s < liveIn.length) {
                out.or(liveIn[s]);
            }
        }
        return out;
    }
}

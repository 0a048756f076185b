package dev.stasis.agent.rewrite;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * A method's control-flow graph over instruction indexes: where each instruction goes when it
 * completes normally, and which exception handlers cover it (JVMS 2.10). Shared by the analyses
 * the rewriter runs on one method (liveness, monitors, the code after super(...)).
 */
final class ControlFlow implements Opcodes {

    private final List<List<Integer>> normal;
    private final List<List<Integer>> handlers;
    /** Instructions reached other than by falling through: jump and switch targets, handlers. */
    private final BitSet joins = new BitSet();

    ControlFlow(MethodNode method) {
        InsnList insns = method.instructions;
        int n = insns.size();
        normal = new ArrayList<>(n);
        handlers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            normal.add(next(insns, insns.get(i), i));
            handlers.add(new ArrayList<>(1));
        }
        for (int i = 0; i < n; i++) {
            for (int s : normal.get(i)) {
                if (s != i + 1) {
                    joins.set(s);
                }
            }
        }
        for (TryCatchBlockNode tcb : method.tryCatchBlocks) {
            int handler = insns.indexOf(tcb.handler);
            joins.set(handler);
            for (int i = insns.indexOf(tcb.start); i < insns.indexOf(tcb.end); i++) {
                handlers.get(i).add(handler);
            }
        }
    }

    int size() {
        return normal.size();
    }

    /** Where instruction {@code i} may go when it completes normally. */
    List<Integer> normalSuccessors(int i) {
        return normal.get(i);
    }

    /**
     * Whether a jump, a switch or an exception handler enters the code after {@code from} and up
     * to {@code to}: then values there may have come from elsewhere.
     */
    boolean joinsBetween(int from, int to) {
        int next = joins.nextSetBit(from + 1);
        return next >= 0 && next <= to;
    }

    /** The handlers an exception thrown by instruction {@code i} may go to. */
    List<Integer> handlers(int i) {
        return handlers.get(i);
    }

    private static List<Integer> next(InsnList insns, AbstractInsnNode insn, int i) {
        List<Integer> out = new ArrayList<>(2);
        int op = insn.getOpcode();
        if (insn instanceof JumpInsnNode) {
            out.add(insns.indexOf(((JumpInsnNode) insn).label));
            if (op != GOTO) {
                out.add(i + 1);
            }
        } else if (insn instanceof TableSwitchInsnNode) {
            out.add(insns.indexOf(((TableSwitchInsnNode) insn).dflt));
            for (LabelNode l : ((TableSwitchInsnNode) insn).labels) {
                out.add(insns.indexOf(l));
            }
        } else if (insn instanceof LookupSwitchInsnNode) {
            out.add(insns.indexOf(((LookupSwitchInsnNode) insn).dflt));
            for (LabelNode l : ((LookupSwitchInsnNode) insn).labels) {
                out.add(insns.indexOf(l));
            }
        } else if (!(op == ATHROW || (op >= IRETURN && op <= RETURN) || op == RET) && i + 1 < insns.size()) {
            out.add(i + 1);
        }
        return out;
    }
}

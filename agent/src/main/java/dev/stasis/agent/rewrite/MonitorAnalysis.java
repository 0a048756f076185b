package dev.stasis.agent.rewrite;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Which monitors a frame holds at each instruction, as the locals that hold the locked objects.
 * Compilers lock through a local ({@code dup; astore m; monitorenter} and unlock with
 * {@code aload m; monitorexit}); knowing the local lets the unwind handler release the monitor
 * and the restore block take it again (JVMS 2.11.10: monitors entered by monitorenter are not
 * released by the JVM when a frame completes abruptly unless the code does it).
 * An instruction reached with different monitor states, or a monitorenter whose object is not in
 * a local, is marked unknown: no capture is allowed there.
 */
final class MonitorAnalysis implements Opcodes {

    private static final List<Integer> UNKNOWN = List.of(-1);

    private final List<Integer>[] before;

    @SuppressWarnings("unchecked")
    MonitorAnalysis(MethodNode method, ControlFlow flow) {
        InsnList insns = method.instructions;
        before = new List[insns.size()];
        boolean anyMonitor = false;
        for (AbstractInsnNode insn : insns) {
            if (insn.getOpcode() == MONITORENTER) {
                anyMonitor = true;
                break;
            }
        }
        if (!anyMonitor) {
            return;
        }
        Deque<Integer> work = new ArrayDeque<>();
        flow(0, List.of(), work);
        while (!work.isEmpty()) {
            int i = work.pop();
            List<Integer> state = before[i];
            AbstractInsnNode insn = insns.get(i);
            for (int handler : flow.handlers(i)) {
                flow(handler, state, work);
            }
            List<Integer> after = state;
            if (state != UNKNOWN) {
                if (insn.getOpcode() == MONITORENTER) {
                    int local = lockedLocal(insn);
                    if (local < 0) {
                        after = UNKNOWN;
                    } else {
                        after = new ArrayList<>(state);
                        after.add(local);
                    }
                } else if (insn.getOpcode() == MONITOREXIT) {
                    int local = lockedLocal(insn);
                    after = new ArrayList<>(state);
                    if (local < 0 || !after.remove(Integer.valueOf(local))) {
                        after = UNKNOWN;
                    }
                }
            }
            for (int succ : flow.normalSuccessors(i)) {
                flow(succ, after, work);
            }
        }
    }

    private void flow(int index, List<Integer> state, Deque<Integer> work) {
        if (index < 0 || index >= before.length) {
            return;
        }
        List<Integer> old = before[index];
        if (old == null) {
            before[index] = state;
            work.push(index);
        } else if (old != UNKNOWN && !old.equals(state)) {
            before[index] = UNKNOWN;
            work.push(index);
        }
    }

    /** The local holding the object a monitorenter/monitorexit operates on, or -1. */
    private static int lockedLocal(AbstractInsnNode insn) {
        AbstractInsnNode prev = previousReal(insn);
        if (prev instanceof VarInsnNode && (prev.getOpcode() == ALOAD || prev.getOpcode() == ASTORE)) {
            if (prev.getOpcode() == ASTORE) {
                AbstractInsnNode dup = previousReal(prev);
                if (dup == null || dup.getOpcode() != DUP) {
                    return -1;
                }
            }
            return ((VarInsnNode) prev).var;
        }
        return -1;
    }

    static AbstractInsnNode previousReal(AbstractInsnNode insn) {
        AbstractInsnNode p = insn.getPrevious();
        while (p != null && p.getOpcode() < 0) {
            p = p.getPrevious();
        }
        return p;
    }

    static AbstractInsnNode nextReal(AbstractInsnNode insn) {
        AbstractInsnNode p = insn.getNext();
        while (p != null && p.getOpcode() < 0) {
            p = p.getNext();
        }
        return p;
    }

    /** The monitor locals held before instruction {@code index} in acquisition order, or null if unknown. */
    List<Integer> heldAt(int index) {
        List<Integer> state = before.length == 0 || before[index] == null ? List.of() : before[index];
        return state == UNKNOWN ? null : state;
    }
}

package dev.stasis.agent.rewrite;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * The code a method runs from its entry before anything another thread or a later call could
 * observe or change: loads of the parameters, arithmetic on them and on constants, and forward
 * branches on them, such as the {@code n < 2} test at the top of a recursive {@code fib}. The rewriter puts
 * the method's entry poll, which is also its resume test, where that code ends rather than at the
 * entry, so a path that returns from within it (the leaves of a recursion, a guard that returns
 * early) pays no poll: on JDK 17 the poll at every call made recursive {@code fib} 17% slower,
 * polling only where it goes on to call 3% slower.
 *
 * <p>That is sound for both of the poll's jobs. A checkpoint request: a path that returns from
 * the prefix makes no call and runs a bounded, loop-free stretch of code, so a thread still
 * reaches a safe point soon; every other path passes the poll. A resume: a frame is re-entered at
 * one of its calls, all of which lie past the poll; whoever re-invokes the method passes the
 * arguments of the original call (the method saves its parameters, never written, at every call
 * site, and resuming callers, a lambda's generated class or the restore driver pass them back:
 * {@code CallArguments}), the prefix reads nothing but those, so it takes the same path as the
 * original entry did and reaches the poll, which dispatches to the frame's record. Code
 * that could fail or load a class (division, field and array access, casts) ends the prefix too,
 * so the resume path never meets an error the original path did not.
 *
 * <p>A store to a local ends the prefix as well. A thread that goes on after a checkpoint comes
 * back to the poll from one of its call sites, with that call's locals, where a local the prefix
 * wrote may be dead or reused with another type (javac's copy of the string a {@code switch} on a
 * string starts with, whose slot a later local takes). The frame at the poll merges both to top
 * (JVMS 4.10.1.2), and the code after the poll that reads the prefix's local would not verify.
 *
 * <p>The poll goes where every path that leaves the prefix passes, with an empty operand stack
 * (the dispatch starts from an empty stack): before the one instruction where all such paths
 * leave, or before the straight run of code that leads to it. Where paths leave at several
 * places, or a loop runs within the prefix, the poll stays at the entry.
 */
final class PurePrefix implements Opcodes {

    private static final int IMPURE = Integer.MIN_VALUE;

    private final InsnList insns;
    private final List<TryCatchBlockNode> tryCatchBlocks;

    PurePrefix(MethodNode method) {
        this.insns = method.instructions;
        this.tryCatchBlocks = method.tryCatchBlocks;
    }

    /**
     * The instruction before which the entry poll goes, when it can go past the method's entry;
     * null when it stays at the entry.
     */
    AbstractInsnNode pollPosition() {
        Map<AbstractInsnNode, Integer> heightBefore = new HashMap<>();
        Deque<AbstractInsnNode> work = new ArrayDeque<>();
        AbstractInsnNode exit = null;
        AbstractInsnNode start = real(insns.getFirst());
        if (start == null) {
            return null;
        }
        heightBefore.put(start, 0);
        work.push(start);
        while (!work.isEmpty()) {
            AbstractInsnNode insn = work.pop();
            int height = heightBefore.get(insn);
            int effect = pureEffect(insn);
            if (effect == IMPURE) {
                if (exit != null && exit != insn) {
                    return null;
                }
                exit = insn;
                continue;
            }
            int after = height + effect;
            for (AbstractInsnNode next : successors(insn)) {
                Integer known = heightBefore.get(next);
                if (known == null) {
                    if (insns.indexOf(next) <= insns.indexOf(insn)) {
                        return null;
                    }
                    heightBefore.put(next, after);
                    work.push(next);
                } else if (known != after) {
                    return null;
                }
            }
        }
        if (exit == null || exit == start) {
            return null;
        }
        return backUpToEmptyStack(exit, heightBefore);
    }

    /**
     * From the instruction where the prefix ends, back along the code that can only fall through
     * into it to the nearest point with an empty operand stack; null if a jump or handler enters
     * that code first, or the point is the entry (nothing gained).
     */
    private AbstractInsnNode backUpToEmptyStack(AbstractInsnNode exit, Map<AbstractInsnNode, Integer> heightBefore) {
        Set<LabelNode> entered = enteredLabels();
        AbstractInsnNode at = exit;
        while (heightBefore.get(at) != 0) {
            AbstractInsnNode prev = at.getPrevious();
            while (prev != null && prev.getOpcode() < 0) {
                if (prev instanceof LabelNode && entered.contains(prev)) {
                    return null;
                }
                prev = prev.getPrevious();
            }
            if (prev == null || !heightBefore.containsKey(prev) || !fallsThrough(prev)) {
                return null;
            }
            at = prev;
        }
        if (hasBackwardJumpInto(at, heightBefore.keySet())) {
            return null;
        }
        return at == real(insns.getFirst()) ? null : at;
    }

    /**
     * Whether a backward jump from anywhere in the method lands in the prefix at or after the poll
     * position: the poll would then run on every turn of a loop.
     */
    private boolean hasBackwardJumpInto(AbstractInsnNode poll, Set<AbstractInsnNode> prefix) {
        int from = insns.indexOf(poll);
        for (AbstractInsnNode insn : insns) {
            if (!(insn instanceof JumpInsnNode || insn instanceof TableSwitchInsnNode
                    || insn instanceof LookupSwitchInsnNode)) {
                continue;
            }
            for (AbstractInsnNode target : successors(insn)) {
                int t = insns.indexOf(target);
                if (t <= insns.indexOf(insn) && (t >= from || prefix.contains(target))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Labels that a jump, a switch or an exception handler goes to. */
    private Set<LabelNode> enteredLabels() {
        Set<LabelNode> out = new HashSet<>();
        for (AbstractInsnNode insn : insns) {
            if (insn instanceof JumpInsnNode) {
                out.add(((JumpInsnNode) insn).label);
            } else if (insn instanceof TableSwitchInsnNode) {
                out.add(((TableSwitchInsnNode) insn).dflt);
                out.addAll(((TableSwitchInsnNode) insn).labels);
            } else if (insn instanceof LookupSwitchInsnNode) {
                out.add(((LookupSwitchInsnNode) insn).dflt);
                out.addAll(((LookupSwitchInsnNode) insn).labels);
            }
        }
        for (TryCatchBlockNode tcb : tryCatchBlocks) {
            out.add(tcb.handler);
        }
        return out;
    }

    private static boolean fallsThrough(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        return op >= 0 && op != GOTO && op != TABLESWITCH && op != LOOKUPSWITCH && op != ATHROW
                && !(op >= IRETURN && op <= RETURN);
    }

    /** Where a prefix instruction goes next, as real instructions (a return goes nowhere). */
    private static List<AbstractInsnNode> successors(AbstractInsnNode insn) {
        List<AbstractInsnNode> out = new ArrayList<>(2);
        if (insn instanceof JumpInsnNode) {
            out.add(real(((JumpInsnNode) insn).label));
        } else if (insn instanceof TableSwitchInsnNode) {
            out.add(real(((TableSwitchInsnNode) insn).dflt));
            for (LabelNode l : ((TableSwitchInsnNode) insn).labels) {
                out.add(real(l));
            }
        } else if (insn instanceof LookupSwitchInsnNode) {
            out.add(real(((LookupSwitchInsnNode) insn).dflt));
            for (LabelNode l : ((LookupSwitchInsnNode) insn).labels) {
                out.add(real(l));
            }
        }
        if (fallsThrough(insn) && real(insn.getNext()) != null) {
            out.add(real(insn.getNext()));
        }
        return out;
    }

    /** The first real instruction at or after {@code insn} (skipping labels, lines, frames). */
    private static AbstractInsnNode real(AbstractInsnNode insn) {
        while (insn != null && insn.getOpcode() < 0) {
            insn = insn.getNext();
        }
        return insn;
    }

    /**
     * How a pure instruction changes the number of values on the operand stack (JVMS 6.5), or
     * {@link #IMPURE}. Values, not slots: the forms that depend on category (pop2, dup2, dup_x,
     * swap) count as impure, which only shortens the prefix.
     */
    private static int pureEffect(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        if (op == NOP || op == GOTO || op >= INEG && op <= DNEG || op >= I2L && op <= I2S) {
            return 0;
        }
        if (op >= ACONST_NULL && op <= SIPUSH || op >= ILOAD && op <= ALOAD || op == DUP) {
            return 1;
        }
        if (op == LDC) {
            Object c = ((LdcInsnNode) insn).cst;
            return c instanceof Number || c instanceof String ? 1 : IMPURE;
        }
        if (op == IDIV || op == LDIV || op == IREM || op == LREM) {
            return IMPURE;
        }
        if (op == POP || op >= IADD && op <= DREM || op >= ISHL && op <= LXOR
                || op >= LCMP && op <= DCMPG || op >= IFEQ && op <= IFLE || op == IFNULL || op == IFNONNULL
                || op == TABLESWITCH || op == LOOKUPSWITCH) {
            return -1;
        }
        if (op >= IF_ICMPEQ && op <= IF_ACMPNE) {
            return -2;
        }
        if (op >= IRETURN && op <= RETURN) {
            return 0;
        }
        return IMPURE;
    }
}

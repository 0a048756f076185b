package dev.stasis.agent.rewrite;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The loops of a method, and which of their heads need a safe-point poll.
 *
 * <p>Every loop head polls, except the head of a <em>short counted loop</em>: an innermost loop
 * that makes no calls (but to {@link #BOUNDED_STATICS}) and whose every iteration steps one int
 * local by exactly 1 towards a bound it cannot skip past ({@code i < n}, {@code i != n},
 * {@code i > n} ...), the bound being a constant, a local the loop never writes or the length of
 * an array in such a local. Such a loop ends within 2^32 iterations of a body of bounded length,
 * so the poll of the enclosing loop or of the next safe point is reached soon enough; and a poll
 * in it would cost the most: its ordered read of {@code SafePoint.pending} keeps HotSpot's C2
 * from unrolling and vectorizing exactly the tight array loops this exemption covers (matrix
 * multiply ran 3.5x slower with it).
 *
 * <p>A loop is found from its back edges (a jump or switch to an instruction at or before it);
 * its body is every instruction that reaches a back edge without passing its head, over normal
 * and exception edges (JVMS 2.10). Code from javac and other compilers is reducible, so the head
 * dominates the body.
 */
final class Loops implements Opcodes {

    /**
     * Owners whose static methods run in bounded time whatever their arguments (arithmetic,
     * conversions, bit twiddling), so a loop calling them can still be a short counted loop.
     */
    private static final List<String> BOUNDED_STATICS = List.of("java/lang/Math", "java/lang/StrictMath",
            "java/lang/Integer", "java/lang/Long", "java/lang/Float", "java/lang/Double", "java/lang/Character",
            "java/lang/Short", "java/lang/Byte", "java/lang/Boolean");

    private final InsnList insns;
    private final List<List<Integer>> successors = new ArrayList<>();
    private final List<List<Integer>> predecessors = new ArrayList<>();
    /** Each loop head's index, with the indexes of the instructions that jump back to it. */
    private final Map<Integer, List<Integer>> backEdges = new LinkedHashMap<>();
    private final ControlFlow flow;

    Loops(MethodNode method) {
        insns = method.instructions;
        flow = new ControlFlow(method);
        int n = insns.size();
        for (int i = 0; i < n; i++) {
            successors.add(new ArrayList<>(flow.normalSuccessors(i)));
            successors.get(i).addAll(flow.handlers(i));
            predecessors.add(new ArrayList<>(2));
        }
        for (int i = 0; i < n; i++) {
            for (int s : successors.get(i)) {
                predecessors.get(s).add(i);
            }
            AbstractInsnNode insn = insns.get(i);
            if (insn instanceof JumpInsnNode || insn instanceof TableSwitchInsnNode
                    || insn instanceof LookupSwitchInsnNode) {
                for (int s : flow.normalSuccessors(i)) {
                    if (s <= i) {
                        backEdges.computeIfAbsent(s, k -> new ArrayList<>()).add(i);
                    }
                }
            }
        }
    }

    /** Whether {@code insn} calls a static method of {@link #BOUNDED_STATICS}. */
    static boolean isBoundedCall(AbstractInsnNode insn) {
        return insn.getOpcode() == INVOKESTATIC && BOUNDED_STATICS.contains(((MethodInsnNode) insn).owner);
    }

    /** The heads of the loops that need a poll, in code order of their back edges' discovery. */
    List<LabelNode> headsToPoll() {
        List<LabelNode> heads = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> loop : backEdges.entrySet()) {
            if (!isShortCounted(loop.getKey(), loop.getValue())) {
                heads.add(labelAt(loop.getKey()));
            }
        }
        return heads;
    }

    private LabelNode labelAt(int index) {
        AbstractInsnNode insn = insns.get(index);
        if (!(insn instanceof LabelNode)) {
            throw new IllegalStateException("a jump target is always a label in ASM's tree API");
        }
        return (LabelNode) insn;
    }

    private BitSet body(int head, List<Integer> sources) {
        BitSet body = new BitSet();
        body.set(head);
        Deque<Integer> work = new ArrayDeque<>(sources);
        while (!work.isEmpty()) {
            int i = work.pop();
            if (!body.get(i)) {
                body.set(i);
                work.addAll(predecessors.get(i));
            }
        }
        return body;
    }

    private boolean isShortCounted(int head, List<Integer> sources) {
        BitSet body = body(head, sources);
        for (int other : backEdges.keySet()) {
            if (other != head && body.get(other)) {
                return false;
            }
        }
        for (int i = body.nextSetBit(0); i >= 0; i = body.nextSetBit(i + 1)) {
            AbstractInsnNode insn = insns.get(i);
            int op = insn.getOpcode();
            if (op == INVOKEDYNAMIC || op == MONITORENTER || insn instanceof MethodInsnNode && !isBoundedCall(insn)) {
                return false;
            }
        }
        for (int i = body.nextSetBit(0); i >= 0; i = body.nextSetBit(i + 1)) {
            if (insns.get(i) instanceof JumpInsnNode && isCountingExit(head, sources, body, i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the conditional jump at {@code test} ends the loop once an int local, stepped by 1
     * on every iteration, reaches an invariant bound: the test and the step must lie on every
     * path around the loop, and the test must compare the local with the bound just before it.
     */
    private boolean isCountingExit(int head, List<Integer> sources, BitSet body, int test) {
        int op = insns.get(test).getOpcode();
        boolean twoOperands = op >= IF_ICMPEQ && op <= IF_ICMPLE;
        if (!twoOperands && !(op >= IFEQ && op <= IFLE)) {
            return false;
        }
        boolean takenStays = body.get(insns.indexOf(((JumpInsnNode) insns.get(test)).label));
        if (takenStays == body.get(test + 1) || !onEveryPath(head, sources, body, test)) {
            return false;
        }
        // The comparison that keeps the loop going is "left rel right" (IFxx compares with 0).
        Operand right = twoOperands ? operandBefore(test) : Operand.ZERO;
        Operand left = right == null ? null : operandBefore(twoOperands ? right.start : test);
        if (left == null) {
            return false;
        }
        int rel = takenStays ? relation(op) : negate(relation(op));
        Operand counter = left;
        Operand bound = right;
        if (!isCounter(left, body)) {
            counter = right;
            bound = left;
            rel = mirror(rel);
        }
        if (!isCounter(counter, body) || bound.local == counter.local
                || bound.local >= 0 && writes(bound.local, body)) {
            return false;
        }
        int step = stepOf(counter.local, body);
        if (!stepOnEveryPath(counter.local, head, sources, body)) {
            return false;
        }
        if (rel == NE) {
            return true;
        }
        if (step > 0) {
            return rel == LT || rel == LE && bound.constant != null && bound.constant != Integer.MAX_VALUE;
        }
        return rel == GT || rel == GE && bound.constant != null && bound.constant != Integer.MIN_VALUE;
    }

    /** One int operand of a loop test: a local, a local array's length, or a constant. */
    private static final class Operand {
        static final Operand ZERO = new Operand(-1, -1, false, 0);

        /** Where the instructions that push it start. */
        final int start;
        /** The local it reads, or -1 for a constant. */
        final int local;
        /** Whether it is the length of the array in {@code local}. */
        final boolean arrayLength;
        final Integer constant;

        Operand(int start, int local, boolean arrayLength, Integer constant) {
            this.start = start;
            this.local = local;
            this.arrayLength = arrayLength;
            this.constant = constant;
        }
    }

    private boolean isCounter(Operand operand, BitSet body) {
        return operand.local >= 0 && !operand.arrayLength && stepOf(operand.local, body) != 0;
    }

    /**
     * The operand pushed just before {@code end}, when it is a local, a local array's length or a
     * constant, and no jump or handler enters its instructions; else null.
     */
    private Operand operandBefore(int end) {
        int i = previousReal(end);
        if (i < 0 || flow.joinsBetween(i, end)) {
            return null;
        }
        AbstractInsnNode insn = insns.get(i);
        if (insn.getOpcode() == ILOAD) {
            return new Operand(i, ((VarInsnNode) insn).var, false, null);
        }
        if (constant(insn) != null) {
            return new Operand(i, -1, false, constant(insn));
        }
        int load = previousReal(i);
        if (insn.getOpcode() == ARRAYLENGTH && load >= 0 && !flow.joinsBetween(load, i)
                && insns.get(load).getOpcode() == ALOAD) {
            return new Operand(load, ((VarInsnNode) insns.get(load)).var, true, null);
        }
        return null;
    }

    private static final int NE = 1;
    private static final int LT = 2;
    private static final int GE = 3;
    private static final int GT = 4;
    private static final int LE = 5;

    /** IFEQ..IFLE and IF_ICMPEQ..IF_ICMPLE share one order: eq, ne, lt, ge, gt, le (JVMS 6.5). */
    private static int relation(int op) {
        return op >= IF_ICMPEQ ? op - IF_ICMPEQ : op - IFEQ;
    }

    /** The relation that holds when {@code rel} does not: eq/ne, lt/ge and gt/le are pairs. */
    private static int negate(int rel) {
        return rel ^ 1;
    }

    /** The relation with its operands swapped. */
    private static int mirror(int rel) {
        switch (rel) {
            case LT:
                return GT;
            case GT:
                return LT;
            case LE:
                return GE;
            case GE:
                return LE;
            default:
                return rel;
        }
    }

    /** The previous instruction that is not a label, line number or frame; -1 if none. */
    private int previousReal(int i) {
        for (int k = i - 1; k >= 0; k--) {
            if (insns.get(k).getOpcode() >= 0) {
                return k;
            }
        }
        return -1;
    }

    private static Integer constant(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        if (op >= ICONST_M1 && op <= ICONST_5) {
            return op - ICONST_0;
        }
        if (op == BIPUSH || op == SIPUSH) {
            return ((IntInsnNode) insn).operand;
        }
        if (op == LDC && ((LdcInsnNode) insn).cst instanceof Integer) {
            return (Integer) ((LdcInsnNode) insn).cst;
        }
        return null;
    }

    private boolean writes(int local, BitSet body) {
        for (int i = body.nextSetBit(0); i >= 0; i = body.nextSetBit(i + 1)) {
            if (writes(insns.get(i), local)) {
                return true;
            }
        }
        return false;
    }

    private static boolean writes(AbstractInsnNode insn, int local) {
        int op = insn.getOpcode();
        if (insn instanceof IincInsnNode) {
            return ((IincInsnNode) insn).var == local;
        }
        return insn instanceof VarInsnNode && op >= ISTORE && op <= ASTORE && (((VarInsnNode) insn).var == local
                || (op == LSTORE || op == DSTORE) && ((VarInsnNode) insn).var + 1 == local);
    }

    /** The counter's step when the loop writes it only by one {@code iinc} of +1 or -1; else 0. */
    private int stepOf(int counter, BitSet body) {
        int step = 0;
        for (int i = body.nextSetBit(0); i >= 0; i = body.nextSetBit(i + 1)) {
            AbstractInsnNode insn = insns.get(i);
            if (!writes(insn, counter)) {
                continue;
            }
            if (step != 0 || !(insn instanceof IincInsnNode)) {
                return 0;
            }
            int incr = ((IincInsnNode) insn).incr;
            if (incr != 1 && incr != -1) {
                return 0;
            }
            step = incr;
        }
        return step;
    }

    private boolean stepOnEveryPath(int counter, int head, List<Integer> sources, BitSet body) {
        for (int i = body.nextSetBit(0); i >= 0; i = body.nextSetBit(i + 1)) {
            if (writes(insns.get(i), counter)) {
                return onEveryPath(head, sources, body, i);
            }
        }
        return false;
    }

    /** Whether every path from the head back to it within the body passes instruction {@code via}. */
    private boolean onEveryPath(int head, List<Integer> sources, BitSet body, int via) {
        if (via == head) {
            return true;
        }
        BitSet seen = new BitSet();
        Deque<Integer> work = new ArrayDeque<>();
        work.push(head);
        seen.set(head);
        while (!work.isEmpty()) {
            int i = work.pop();
            if (sources.contains(i)) {
                return false;
            }
            for (int s : successors.get(i)) {
                if (s != via && s != head && body.get(s) && !seen.get(s)) {
                    seen.set(s);
                    work.push(s);
                }
            }
        }
        return true;
    }
}

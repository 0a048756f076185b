package dev.stasis.agent.rewrite;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Moves {@code new X; dup} (and, in a constructor, the {@code aload_0} receiver of its
 * super(...)/this(...) call) from before the constructor's arguments to after them, with the
 * arguments parked in fresh locals: {@code new X(a, f())} becomes "evaluate a and f() into
 * locals, then new X, dup, load them, invokespecial". An uninitialized reference (JVMS 4.10.1.4)
 * can be neither saved nor re-created, so without this a frame could not be captured inside
 * {@code f()}; with it no uninitialized value is ever on the stack at a call that may unwind,
 * and a restore can re-execute just the allocation and the call. The only visible difference is
 * that X is initialized (JVMS 5.5) after, not before, its arguments are evaluated.
 */
final class AllocationHoister implements Opcodes {

    /** A constructor call whose allocation was moved: where restore re-executes it from, and its argument locals. */
    static final class Hoisted {
        final MethodInsnNode init;
        final boolean superCall;
        final LabelNode reload;
        final List<CallSite.Slot> argTemps;

        Hoisted(MethodInsnNode init, boolean superCall, LabelNode reload, List<CallSite.Slot> argTemps) {
            this.init = init;
            this.superCall = superCall;
            this.reload = reload;
            this.argTemps = argTemps;
        }
    }

    final Map<MethodInsnNode, Hoisted> hoisted = new IdentityHashMap<>();
    /** Calls inside an allocation that could not be moved: never capture there. */
    final Set<AbstractInsnNode> uncapturable = new HashSet<>();
    /** The super(...)/this(...) call of a constructor, or null. */
    MethodInsnNode superCall;

    /**
     * @param isSite which call instructions may unwind
     */
    AllocationHoister(String owner, MethodNode method, Predicate<MethodInsnNode> isSite) throws AnalyzerException {
        boolean constructor = method.name.equals("<init>");
        InsnList insns = method.instructions;
        if (!callsConstructor(insns)) {
            return;
        }
        Frame<OriginInterpreter.Origin>[] frames = new Analyzer<>(new OriginInterpreter(insns)).analyze(owner, method);
        List<Object[]> plans = new ArrayList<>();
        for (int i = 0; i < insns.size(); i++) {
            AbstractInsnNode insn = insns.get(i);
            if (insn.getOpcode() != INVOKESPECIAL || !((MethodInsnNode) insn).name.equals("<init>") || frames[i] == null) {
                continue;
            }
            MethodInsnNode init = (MethodInsnNode) insn;
            Frame<OriginInterpreter.Origin> f = frames[i];
            int nargs = Type.getArgumentTypes(init.desc).length;
            OriginInterpreter.Origin receiver = f.getStack(f.getStackSize() - nargs - 1);
            AbstractInsnNode start = null;
            boolean superCallSite = false;
            if (receiver.only != null) {
                AbstractInsnNode src = receiver.only;
                if (src.getOpcode() == DUP) {
                    AbstractInsnNode alloc = MonitorAnalysis.previousReal(src);
                    if (alloc != null && alloc.getOpcode() == NEW && ((TypeInsnNode) alloc).desc.equals(init.owner)
                            && MonitorAnalysis.nextReal(alloc) == src) {
                        start = alloc;
                    }
                } else if (constructor && src.getOpcode() == ALOAD && ((VarInsnNode) src).var == 0
                        && superCall == null) {
                    start = src;
                    superCallSite = true;
                    superCall = init;
                }
            }
            boolean needed = isSite.test(init);
            int from = start != null ? insns.indexOf(start) : regionStart(i, receiver);
            for (int k = Math.max(from, 0); k < i && !needed; k++) {
                AbstractInsnNode between = insns.get(k);
                needed = between instanceof MethodInsnNode && isSite.test((MethodInsnNode) between);
            }
            if (!needed) {
                continue;
            }
            if (start == null) {
                for (int k = Math.max(from, 0); k <= i; k++) {
                    uncapturable.add(insns.get(k));
                }
                continue;
            }
            plans.add(new Object[] {init, start, superCallSite});
        }
        for (Object[] plan : plans) {
            apply(method, (MethodInsnNode) plan[0], (AbstractInsnNode) plan[1], (Boolean) plan[2]);
        }
    }

    /** Whether the code calls any constructor; the analysis below is only needed then (class loading time). */
    private static boolean callsConstructor(InsnList insns) {
        for (AbstractInsnNode insn : insns) {
            if (insn.getOpcode() == INVOKESPECIAL && ((MethodInsnNode) insn).name.equals("<init>")) {
                return true;
            }
        }
        return false;
    }

    /** For an allocation we cannot move, the earliest instruction that may belong to it (conservative). */
    private static int regionStart(int initIndex, OriginInterpreter.Origin receiver) {
        int min = Math.min(initIndex, receiver.earliestOr(initIndex));
        return min == initIndex ? 0 : min;
    }

    private void apply(MethodNode method, MethodInsnNode init, AbstractInsnNode start, boolean superCallSite) {
        InsnList insns = method.instructions;
        if (superCallSite) {
            insns.remove(start);
        } else {
            AbstractInsnNode dup = MonitorAnalysis.nextReal(start);
            insns.remove(start);
            insns.remove(dup);
        }
        Type[] args = Type.getArgumentTypes(init.desc);
        List<CallSite.Slot> temps = new ArrayList<>();
        for (Type t : args) {
            temps.add(new CallSite.Slot(method.maxLocals, t));
            method.maxLocals += t.getSize();
        }
        InsnList before = new InsnList();
        for (int k = args.length - 1; k >= 0; k--) {
            before.add(new VarInsnNode(temps.get(k).type.getOpcode(ISTORE), temps.get(k).index));
        }
        LabelNode reload = new LabelNode();
        before.add(reload);
        if (superCallSite) {
            before.add(new VarInsnNode(ALOAD, 0));
        } else {
            before.add(new TypeInsnNode(NEW, init.owner));
            before.add(new InsnNode(DUP));
        }
        for (CallSite.Slot t : temps) {
            before.add(new VarInsnNode(t.type.getOpcode(ILOAD), t.index));
        }
        insns.insertBefore(init, before);
        hoisted.put(init, new Hoisted(init, superCallSite, reload, temps));
    }
}

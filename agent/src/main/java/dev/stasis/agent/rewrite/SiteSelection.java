package dev.stasis.agent.rewrite;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodInsnNode;

/**
 * Which call sites of a method are instrumented when instrumenting all of them would take it past
 * HotSpot's HugeMethodLimit (8000 bytes, past which the JIT never compiles a method): the calls
 * that may come back into the method's class, then its safe points (polls at its entry and loop
 * heads, checkpoint calls, handled waits), each group from its cheapest up, as many as fit.
 * Interpreters' dispatch loops (LuaJ's {@code LuaClosure.execute}) and Clojure's variadic
 * plumbing ({@code AFn.applyToHelper}, {@code RestFn.invoke}) are such methods; left out whole,
 * they kept every program running through them from ever being checkpointed. The calls that
 * matter there are the ones through which the interpreter calls itself ({@code
 * stack[a].call(...)} lands in {@code LuaClosure.call}, {@code ifn.invoke(...)} in a function
 * class): a virtual or interface call to a method the class itself declares, or the method
 * calling itself. With those, a deep interpreted recursion can be captured at any callee's entry
 * poll; the method's own safe points matter when it loops without calling. Other calls are left
 * out even when more would fit: filling the method up to the limit with them made the methods
 * of Commons Math's integrator that cross it (LorenzEnsemble) 20% slower, for calls that mostly
 * return at once. A thread stopped at a call left out is not captured there; the checkpoint
 * waits for its next capturable safe point, as under a JDK frame.
 */
final class SiteSelection implements Opcodes {

    private SiteSelection() {
    }

    /**
     * The sites (by index in {@code sites}, the method's sites when all are instrumented) that
     * fit in {@code budget} bytes ({@link CallSite#estimatedBytes}), in the order above; {@code
     * method} is the method's owner, name and descriptor, {@code declared} the names and
     * descriptors of the methods its class declares.
     */
    static BitSet within(List<CallSite> sites, int budget, String method, Set<String> declared) {
        List<CallSite> reentering = new ArrayList<>();
        List<CallSite> safePoints = new ArrayList<>();
        for (CallSite s : sites) {
            if (mayReenter(s.invoke, method, declared)) {
                reentering.add(s);
            } else if (CallSite.isSafePoint(s.invoke)) {
                safePoints.add(s);
            }
        }
        BitSet kept = new BitSet();
        int left = keepCheapest(reentering, budget, kept);
        keepCheapest(safePoints, left, kept);
        return kept;
    }

    /** Adds to {@code kept} the sites of {@code group} that fit in {@code budget}, cheapest first; returns what is left. */
    private static int keepCheapest(List<CallSite> group, int budget, BitSet kept) {
        group.sort(Comparator.comparingInt(CallSite::estimatedBytes).thenComparingInt(s -> s.index));
        int left = budget;
        for (CallSite s : group) {
            int cost = s.estimatedBytes();
            if (cost <= left) {
                kept.set(s.index);
                left -= cost;
            }
        }
        return left;
    }

    private static boolean mayReenter(MethodInsnNode call, String method, Set<String> declared) {
        if ((call.owner + "." + call.name + call.desc).equals(method)) {
            return true;
        }
        int op = call.getOpcode();
        return (op == INVOKEVIRTUAL || op == INVOKEINTERFACE) && declared.contains(call.name + call.desc);
    }
}

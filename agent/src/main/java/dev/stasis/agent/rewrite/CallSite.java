package dev.stasis.agent.rewrite;

import dev.stasis.internal.capture.FrameRecord;
import java.util.List;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;

/**
 * One call site where a frame can be captured: the invoke instruction, what the frame holds there
 * (the locals and operand-stack values the unwind handler saves, in saved order), and how the
 * restore block rebuilds the call.
 */
final class CallSite {

    /** How the restore block gets the receiver of the call back. */
    enum Receiver {
        /** invokestatic: none. */
        NONE,
        /** A local that holds it and is saved anyway. */
        LOCAL,
        /** The {@code this} of the callee's frame record (a virtual call to an instrumented method). */
        CALLEE_THIS,
        /** Spilled before the call and saved with this frame (calls that may go through a lambda). */
        SPILLED,
        /** A constructor call: the object comes from {@code new} again, or from the callee's record. */
        CONSTRUCTED
    }

    /** Where a constructor frame stands relative to its own super(...)/this(...) call. */
    enum ConstructorState {
        /** Not a constructor. */
        NONE,
        /** Before super(...): {@code this} is uninitialized and is not saved. */
        BEFORE_SUPER,
        /** After super(...) returned: {@code this} is initialized and saved. */
        AFTER_SUPER
    }

    /** A saved value: a local slot (or spill temporary) and its type. */
    static final class Slot {
        final int index;
        final Type type;

        Slot(int index, Type type) {
            this.index = index;
            this.type = type;
        }
    }

    final int index;
    final MethodInsnNode invoke;
    final Receiver receiver;
    final ConstructorState constructorState;
    /** Saved locals of the frame, in slot order. */
    final List<Slot> locals;
    /** Locals known to hold null (the verifier's null type): restored as null, not saved. */
    final List<Integer> nullLocals;
    /** Locals holding the monitors this frame entered with monitorenter, in acquisition order. */
    final List<Integer> monitors;
    final int line;

    /** Label right before the invoke instruction (start of the unwind handler's range). */
    final LabelNode invokeStart = new LabelNode();
    /** Label right after the invoke instruction. */
    final LabelNode invokeEnd = new LabelNode();
    /** Where a restore re-executes the call's reload sequence (spilled and constructor sites). */
    LabelNode reload;
    /** Spill temporaries of stack values below the call (saved), bottom first; null slots for null values. */
    List<Slot> stackTemps = List.of();
    /** Spill temporary of the receiver (saved), or -1. */
    int receiverTemp = -1;
    /** Spill temporaries of the arguments (not saved: restore puts the callee's entry values there). */
    List<Slot> argTemps = List.of();
    /** The local holding the receiver when {@link Receiver#LOCAL}. */
    int receiverLocal = -1;
    /** Flags of the method every record of it carries ({@link FrameRecord#ENTRY_ARGUMENTS}). */
    int methodFlags;

    CallSite(int index, MethodInsnNode invoke, Receiver receiver, ConstructorState constructorState,
            List<Slot> locals, List<Integer> nullLocals, List<Integer> monitors, int line) {
        this.index = index;
        this.invoke = invoke;
        this.receiver = receiver;
        this.constructorState = constructorState;
        this.locals = locals;
        this.nullLocals = nullLocals;
        this.monitors = monitors;
        this.line = line;
    }

    /**
     * How many values the site's restore block brings back: locals, operand stack values, the
     * receiver and arguments of the call it re-issues. HotSpot's C1 gives each a stack slot of the
     * method's frame when it lives across a call, as most do: what makes a C1-compiled frame of a
     * rewritten method large (see {@code RebuildStack}).
     */
    int restoredValues() {
        int values = locals.size() + (receiverTemp >= 0 ? 1 : 0) + 1 + Type.getArgumentTypes(invoke.desc).length;
        for (Slot s : stackTemps) {
            values += s != null ? 1 : 0;
        }
        for (Slot s : argTemps) {
            values += s != null ? 1 : 0;
        }
        return values;
    }

    /**
     * Whether {@code call} is a safe point's poll, a checkpoint point, {@code Stasis.checkpoint()}
     * or a handled wait (see {@link SiteSelection}).
     */
    static boolean isSafePoint(MethodInsnNode call) {
        return call.owner.equals(MethodInstrumenter.SAFE_POINT) || call.owner.equals(MethodInstrumenter.POINT)
                || call.owner.equals(BlockingCalls.WAITS) || call.owner.equals(InstrumentationScope.API_CLASS);
    }

    /**
     * About how many bytes of bytecode this site adds to its method: its unwind handler (a few
     * constants and a call, then a load and a call per saved value), its restore block (a call,
     * a cast and a store per saved value, the call's arguments again, a jump and a switch entry)
     * and, on the normal path, a store and a load per value spilled from under the call.
     */
    int estimatedBytes() {
        int saved = locals.size() + monitors.size() + (receiverTemp >= 0 ? 1 : 0);
        for (Slot s : stackTemps) {
            saved += s != null ? 1 : 0;
        }
        if (receiver == Receiver.CONSTRUCTED || receiver == Receiver.SPILLED) {
            for (Slot s : argTemps) {
                saved += s != null ? 1 : 0;
            }
        }
        return 22 + 12 * saved + 4 * stackTemps.size() + 2 * Type.getArgumentTypes(invoke.desc).length;
    }

    /** The index with the flags a frame record carries for this site. */
    int siteWord() {
        return (constructorState == ConstructorState.AFTER_SUPER ? index | FrameRecord.CTOR_INITIALIZED : index)
                | (receiver == Receiver.SPILLED ? FrameRecord.CALL_ARGUMENTS : 0) | methodFlags;
    }

    /** The saved values' types in saved order, as JVM descriptors (for inspect). */
    String layout() {
        StringBuilder sb = new StringBuilder();
        for (Slot s : locals) {
            sb.append(s.type.getDescriptor());
        }
        sb.append('|');
        for (Slot s : stackTemps) {
            if (s != null) {
                sb.append(s.type.getDescriptor());
            }
        }
        if (receiverTemp >= 0) {
            sb.append(invoke.owner.startsWith("[") ? invoke.owner : "L" + invoke.owner + ";");
        }
        if (receiver == Receiver.CONSTRUCTED || receiver == Receiver.SPILLED) {
            for (Slot s : argTemps) {
                if (s != null) {
                    sb.append(s.type.getDescriptor());
                }
            }
        }
        return sb.toString();
    }
}
